// A new phone's key as a coordinator types it (client/src/account/key-code.ts):
// it reads back as the same key in any case and spacing, and a mistyped digit
// or two swapped neighbours is refused, never read as another key.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesToHex, signerFromSeed } from "@tally/core";
import { keyCode, keyFromCode } from "../../client/src/account/key-code.ts";

const HEX = "0123456789abcdef";
const keyArb = fc.uint8Array({ minLength: 32, maxLength: 32 }).map(async (seed) => (await signerFromSeed(seed)).publicKey);

describe("a phone's key code", () => {
  it("reads back as the same key, in any case and with any spacing", async () => {
    await fc.assert(
      fc.asyncProperty(keyArb, fc.boolean(), async (key, lower) => {
        const code = keyCode(await key);
        expect(code).toMatch(/^([0-9A-F]{4} ){16}[0-9A-F]{4}$/);
        const typed = lower ? code.toLowerCase().replaceAll(" ", "-") : code.replaceAll(" ", "");
        expect(bytesToHex(keyFromCode(typed) ?? new Uint8Array())).toBe(bytesToHex(await key));
      }),
      { numRuns: 200 },
    );
  });

  it("refuses a code with one digit changed, or two neighbours swapped", async () => {
    await fc.assert(
      fc.asyncProperty(keyArb, fc.nat(67), fc.integer({ min: 1, max: 15 }), fc.boolean(), async (key, at, shift, swap) => {
        const digits = keyCode(await key).replaceAll(" ", "").toLowerCase().split("");
        if (swap) {
          const first = at % (digits.length - 1);
          fc.pre(digits[first] !== digits[first + 1]);
          [digits[first], digits[first + 1]] = [digits[first + 1]!, digits[first]!];
        } else {
          digits[at] = HEX[(HEX.indexOf(digits[at]!) + shift) % 16]!;
        }
        expect(keyFromCode(digits.join(""))).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it("refuses what is not a whole code", () => {
    for (const text of ["", "1234 5678", "g".repeat(68), "0".repeat(67), "0".repeat(69)]) expect(keyFromCode(text)).toBeNull();
  });
});
