// What every browser test file needs: the app built, a real relay process
// serving it, and a real Chromium; all closed when the file's tests end.
import { resolve } from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium } from "./browser.ts";
import { startRelayProcess, type RelayProcess } from "./relay-process.ts";

export interface AppSuite {
  readonly relay: RelayProcess;
  readonly browser: Browser;
}

export function appSuite(): AppSuite {
  let relay: RelayProcess | null = null;
  let browser: Browser | null = null;
  beforeAll(async () => {
    const { build } = await import("vite");
    const root = resolve(import.meta.dirname, "../..");
    await build({ configFile: resolve(root, "vite.config.ts"), root: resolve(root, "client"), logLevel: "warn" });
    relay = await startRelayProcess();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await relay?.kill("SIGTERM");
  });
  return {
    get relay() {
      if (!relay) throw new Error("the relay starts in beforeAll");
      return relay;
    },
    get browser() {
      if (!browser) throw new Error("the browser starts in beforeAll");
      return browser;
    },
  };
}
