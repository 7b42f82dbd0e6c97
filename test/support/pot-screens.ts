// Screenshots people look at (test-output/screenshots/<name>-<screen>-<360|1280>.png),
// taken after checking that the page fits a 360 px phone and has no serious
// or critical axe violations.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { expect } from "vitest";
import type { Locator, Page } from "playwright-core";
import { seriousViolations } from "./axe.ts";

const SCREENSHOTS = resolve(import.meta.dirname, "../../test-output/screenshots");

/** At 360 px and 1280 px: no page wider than the screen, then a picture of `part` (or the whole page). */
export async function screens(page: Page, name: string, part?: Locator): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  expect(await seriousViolations(page), name).toEqual([]);
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at ${width} px`).toBeLessThanOrEqual(width);
    const path = resolve(SCREENSHOTS, `${name}-${width}.png`);
    if (part) await part.screenshot({ path });
    else await page.screenshot({ path, fullPage: true });
  }
}
