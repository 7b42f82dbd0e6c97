// A screen as people see it: at 360 and 1280 px, fitting the screen, with no
// serious or critical axe violation, photographed into test-output/screenshots.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { expect } from "vitest";
import type { Locator, Page } from "playwright-core";

export const SCREENSHOTS = resolve(import.meta.dirname, "../../test-output/screenshots");

/** Saved as exchanges-<screen>-<360|1280>.png: `part` alone when given, else the whole page. */
export async function shoot(page: Page, screen: string, part?: Locator): Promise<void> {
  const results = await new AxeBuilder({ page: page as never }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${screen}: ${v.id} ${v.help}`)).toEqual([]);
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    // The part shown here fits the screen (the rest of a long page is other screens' business).
    const fits = part
      ? await part.evaluate((el) => el.scrollWidth <= el.clientWidth && el.getBoundingClientRect().right <= window.innerWidth)
      : await page.evaluate(
          () => document.documentElement.scrollWidth <= window.innerWidth && Array.from(document.querySelectorAll(".table-scroll")).every((el) => el.scrollWidth <= el.clientWidth),
        );
    expect(fits, `${screen} fits at ${width} px`).toBe(true);
    const path = resolve(SCREENSHOTS, `exchanges-${screen}-${width}.png`);
    await (part ? part.screenshot({ path }) : page.screenshot({ path, fullPage: true }));
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

