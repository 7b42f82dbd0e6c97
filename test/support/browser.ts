// A real Chromium for tests, found as the project's rules say: CHROMIUM_PATH,
// then a system chromium, then the browser shipped inside @sparticuz/chromium.
// Never a download.
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { chromium, type Browser } from "playwright-core";

const QUIET_FLAGS = ["--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-gpu", "--disable-quic"];

function systemChromium(): string | null {
  for (const name of ["chromium", "chromium-browser"]) {
    try {
      const path = execFileSync("which", [name], { encoding: "utf8" }).trim();
      if (path && existsSync(path)) return path;
    } catch {
      // not installed
    }
  }
  return null;
}

/** `extraArgs` for a test that needs more, e.g. check:deploy trusting a local certificate authority. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const path = process.env.CHROMIUM_PATH || systemChromium();
  if (path) return chromium.launch({ executablePath: path, headless: true, args: ["--no-sandbox", ...QUIET_FLAGS, ...extraArgs] });
  const sparticuz = (await import("@sparticuz/chromium")).default;
  // Its serverless defaults include --single-process, which makes browser
  // contexts share storage (two "phones" would share one key), and switch off
  // web security; keep only what it needs to run here.
  const unwanted = /^--(single-process|disable-web-security|allow-running-insecure-content|disable-site-isolation-trials|disable-features=)/;
  const args = sparticuz.args.filter((arg) => !unwanted.test(arg));
  return chromium.launch({ executablePath: await sparticuz.executablePath(), headless: true, args: [...args, ...QUIET_FLAGS, ...extraArgs] });
}
