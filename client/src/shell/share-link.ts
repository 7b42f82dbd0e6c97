// Passing a link on: the system's share sheet where the browser has one
// (phones), else the clipboard.

export type Shared = "shared" | "copied" | "cancelled" | "failed";

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false; // no clipboard here (an insecure page, or permission refused)
  }
}

export async function shareLink(link: { title: string; text: string; url: string }): Promise<Shared> {
  if (typeof navigator.share !== "function") return (await copyText(link.url)) ? "copied" : "failed";
  try {
    await navigator.share(link);
    return "shared";
  } catch (e) {
    // The person closed the share sheet: nothing to say.
    if ((e as Error).name === "AbortError") return "cancelled";
    return (await copyText(link.url)) ? "copied" : "failed";
  }
}
