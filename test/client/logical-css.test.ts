// The app's styles name no physical side (left, right): only logical
// properties (inline-start, inline-end), so a right-to-left language such as
// Urdu mirrors the layout with nothing else to change.
import { describe, expect, it } from "vitest";
import { clientLines } from "../support/client-sources.ts";

const PHYSICAL_CSS = /\b(?:margin|padding|border|inset|scroll-margin|scroll-padding)-(?:left|right)\b|(?:^|[;{\s])(?:left|right)\s*:|\b(?:text-align|float|clear)\s*:\s*(?:left|right)\b|\bborder-(?:top|bottom)-(?:left|right)-radius\b/;
const PHYSICAL_STYLE = /\b(?:margin|padding|border)(?:Left|Right)\b|[{,]\s*(?:left|right)\s*:|\b(?:textAlign|float)\s*:\s*["'](?:left|right)["']/;

describe("styles for right-to-left languages", () => {
  it("the patterns find physical sides", () => {
    for (const css of ["a { margin-left: 1rem; }", "b { right: 0; }", "td { text-align: left; }", "i { border-top-right-radius: 2px; }"]) expect(PHYSICAL_CSS.test(css), css).toBe(true);
    for (const css of ["a { margin-inline-start: 1rem; }", "td { text-align: start; }", "p { border-block-end: 1px solid; }", "q { inset-inline-end: 0; }"]) expect(PHYSICAL_CSS.test(css), css).toBe(false);
    expect(PHYSICAL_STYLE.test(`style={{ marginLeft: 4 }}`)).toBe(true);
    expect(PHYSICAL_STYLE.test(`style={{ marginInlineStart: 4 }}`)).toBe(false);
  });

  it("no stylesheet or inline style of the client names left or right", () => {
    expect(clientLines(/\.css$/, PHYSICAL_CSS)).toEqual([]);
    expect(clientLines(/\.tsx$/, PHYSICAL_STYLE)).toEqual([]);
  });
});
