// A phone's town chain key (client/src/device/town-key.ts) is worked out, not
// stored: the same member seed and device key give the same key (two tabs,
// or the member's other phone revoking a lost one), and a new device key or
// another account gives another, never the device key itself.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesToHex, signerFromSeed } from "@tally/core";
import { townKey } from "../../client/src/device/town-key.ts";

const seedArb = fc.uint8Array({ minLength: 32, maxLength: 32 });
const hexOf = async (key: Promise<{ publicKey: Uint8Array }>) => bytesToHex((await key).publicKey);

describe("a phone's town key", () => {
  it("is the same for the same member seed and device key, and differs when either changes", async () => {
    await fc.assert(
      fc.asyncProperty(seedArb, seedArb, seedArb, async (memberSeed, deviceSeed, otherSeed) => {
        fc.pre(bytesToHex(memberSeed) !== bytesToHex(otherSeed) && bytesToHex(deviceSeed) !== bytesToHex(otherSeed));
        const device = (await signerFromSeed(deviceSeed)).publicKey;
        const other = (await signerFromSeed(otherSeed)).publicKey;
        const town = await hexOf(townKey(memberSeed, device));
        expect(await hexOf(townKey(Uint8Array.from(memberSeed), Uint8Array.from(device)))).toBe(town);
        expect(await hexOf(townKey(memberSeed, other))).not.toBe(town);
        expect(await hexOf(townKey(otherSeed, device))).not.toBe(town);
        expect(town).not.toBe(bytesToHex(device));
      }),
      { numRuns: 50 },
    );
  });

  it("refuses a seed or key of the wrong length with a clear message", () => {
    expect(() => townKey(new Uint8Array(16), new Uint8Array(32))).toThrow("a town key needs a 32-byte member seed and device key");
    expect(() => townKey(new Uint8Array(32), new Uint8Array(33))).toThrow("a town key needs a 32-byte member seed and device key");
  });
});
