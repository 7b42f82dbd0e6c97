// CSV exports (client/src/app/csv.ts): what a member typed is never run as a
// spreadsheet formula, and every cell reads back as written.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toCsv } from "../../client/src/app/csv.ts";
import { csvCell } from "../../client/src/app/csv-cell.ts";

/** A minimal RFC 4180 reader for one quoted cell. */
function readCell(quoted: string): string {
  expect(quoted.startsWith('"') && quoted.endsWith('"')).toBe(true);
  return quoted.slice(1, -1).replace(/""/g, '"');
}

describe("CSV export", () => {
  it("neutralises text that begins with =, +, - or @ (and tab or carriage return)", () => {
    expect(csvCell('=HYPERLINK("http://evil","Click")')).toBe('"\'=HYPERLINK(""http://evil"",""Click"")"');
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(readCell(csvCell(`${start}1+1`))).toBe(`'${start}1+1`);
    expect(csvCell("Ann")).toBe('"Ann"');
  });

  it("keeps numbers as numbers, negative ones included", () => {
    expect(toCsv([["Ann", -90, -1.5]])).toBe('"Ann","-90","-1.5"\r\n');
  });

  it("any text reads back as typed, with an apostrophe exactly when it could start a formula", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const read = readCell(csvCell(text));
        const risky = /^[=+\-@\t\r]/.test(text);
        expect(read).toBe(risky ? `'${text}` : text);
        expect(/^[=+\-@\t\r]/.test(read)).toBe(false);
      }),
    );
  });
});
