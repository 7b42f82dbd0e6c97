// A recovery code gives back exactly its seed, however it is typed, and a
// mistyped code is refused rather than read as another key.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recoveryCode, seedFromRecoveryCode } from "../src/index.ts";
import { RUNS } from "./support.ts";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const seeds = fc.uint8Array({ minLength: 32, maxLength: 32 });

describe("recovery codes", () => {
  it("round-trips any seed, in groups of five, typed in any case with any spacing", () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const code = recoveryCode(seed);
        expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){10}[0-9A-HJKMNP-TV-Z]{5}$/);
        expect(seedFromRecoveryCode(code)).toEqual(seed);
        expect(seedFromRecoveryCode(` ${code.toLowerCase().replaceAll("-", " ")} `)).toEqual(seed);
        expect(seedFromRecoveryCode(code.replaceAll("1", "l").replaceAll("0", "O"))).toEqual(seed);
      }),
      { numRuns: RUNS },
    );
  });

  it("refuses any single wrong character, any swap of two different neighbours, and a missing character", () => {
    fc.assert(
      fc.property(seeds, fc.nat(54), fc.nat(31), (seed, at, digit) => {
        const chars = recoveryCode(seed).replaceAll("-", "");
        const wrong = ALPHABET[digit] === chars[at] ? ALPHABET[(digit + 1) % 32]! : ALPHABET[digit]!;
        expect(seedFromRecoveryCode(chars.slice(0, at) + wrong + chars.slice(at + 1))).toBeNull();
        if (at < 54 && chars[at] !== chars[at + 1]) {
          expect(seedFromRecoveryCode(chars.slice(0, at) + chars[at + 1] + chars[at] + chars.slice(at + 2))).toBeNull();
        }
        expect(seedFromRecoveryCode(chars.slice(0, at) + chars.slice(at + 1))).toBeNull();
      }),
      { numRuns: RUNS },
    );
  });

  it("refuses text that is not a code", () => {
    for (const text of ["", "hello", "U".repeat(55), "0".repeat(56)]) expect(seedFromRecoveryCode(text)).toBeNull();
  });
});
