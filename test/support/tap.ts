// Pressing a button twice in one go, faster than any person (both presses in
// one task, before the page can redraw), and what the button said meanwhile.
import type { Locator } from "playwright-core";

const SETTLE_MS = 30_000;

/** Presses twice; resolves once the button is idle again or gone, with the labels it showed while busy. */
export async function tapTwice(button: Locator): Promise<string[]> {
  await button.waitFor();
  return button.evaluate(async (element, settleMs) => {
    const b = element as HTMLButtonElement;
    const busyLabels: string[] = [];
    const note = () => {
      if (b.disabled && b.getAttribute("aria-busy") === "true" && !busyLabels.includes(b.textContent ?? "")) busyLabels.push(b.textContent ?? "");
    };
    const observer = new MutationObserver(note);
    observer.observe(b, { attributes: true, childList: true, characterData: true, subtree: true });
    b.click();
    b.click();
    const deadline = Date.now() + settleMs;
    await new Promise<void>((resolve) => {
      const check = () => {
        note();
        if (!b.isConnected || (!b.disabled && b.getAttribute("aria-busy") !== "true") || Date.now() > deadline) resolve();
        else setTimeout(check, 20);
      };
      setTimeout(check, 0);
    });
    observer.disconnect();
    return busyLabels;
  }, SETTLE_MS);
}
