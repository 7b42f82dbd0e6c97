// One byte form per value: decode(encode(v)) round-trips, and every other
// encoding of the same value is refused; records are refused with a reason.
import fc from "fast-check";
import { decode, encode } from "cborg";
import { describe, expect, it } from "vitest";
import { decodeCanonical, encodeCanonical, fromBase64Url, parseRecord, toBase64Url, type CborValue } from "../src/index.ts";
import { smallGroup } from "./support.ts";

const value: fc.Arbitrary<CborValue> = fc.letrec<{ v: CborValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    fc.maxSafeNat(),
    fc.string(),
    fc.uint8Array({ maxLength: 40 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("v"), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }).filter((k) => k !== "__proto__"), tie("v"), { maxKeys: 4 }),
  ),
})).v;

/** Byte equality whatever the class (cborg may hand back a Buffer). */
const sameBytes = (a: Uint8Array, b: Uint8Array) => expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);

const reject = (hex: string) => expect(() => decodeCanonical(Uint8Array.from(Buffer.from(hex, "hex")))).toThrow();

describe("canonical CBOR", () => {
  it("round-trips every value to identical bytes", () => {
    fc.assert(
      fc.property(value, (v) => {
        const bytes = encodeCanonical(v);
        sameBytes(encodeCanonical(decodeCanonical(bytes)), bytes);
      }),
      { numRuns: 1000 },
    );
  });

  it("refuses other encodings of the same value", () => {
    reject("1805"); // 5 with a one-byte argument
    reject("190005"); // 5 with a two-byte argument
    reject("f93c00"); // 1.0 as a half float
    reject("fb3ff0000000000000"); // 1.0 as a double
    reject("9f01ff"); // indefinite-length array
    reject("a2616101616102"); // duplicate key "a"
    reject("a2616201616101"); // keys out of order
    reject("0102"); // trailing byte
    reject("20"); // negative integer
    reject("c240"); // a tag
    reject("62c328"); // invalid UTF-8
  });

  it("any single-byte change either is refused or decodes to a value whose encoding is exactly those bytes", () => {
    fc.assert(
      fc.property(value, fc.nat(), fc.nat(255), (v, at, byte) => {
        const bytes = Uint8Array.from(encode(v));
        if (bytes.length === 0) return;
        bytes[at % bytes.length] = byte;
        let decoded: CborValue;
        try {
          decoded = decodeCanonical(bytes);
        } catch {
          return;
        }
        sameBytes(encodeCanonical(decoded), bytes);
      }),
      { numRuns: 1000 },
    );
  });

  it("accepts exactly what cborg's strict decoder accepts and re-encodes to the same bytes (minus floats and negative integers)", () => {
    const reference = (bytes: Uint8Array): string | null => {
      try {
        const decoded = decode(bytes, { strict: true, rejectDuplicateMapKeys: true, allowIndefinite: false, allowUndefined: false, allowInfinity: false, allowNaN: false, allowBigInt: false, tags: [] });
        if (!Buffer.from(encode(decoded)).equals(Buffer.from(bytes))) return null;
        return JSON.stringify(decoded, (_k, x) => (x instanceof Uint8Array ? Buffer.from(x).toString("hex") : x));
      } catch {
        return null;
      }
    };
    const ours = (bytes: Uint8Array): string | null => {
      try {
        return JSON.stringify(decodeCanonical(bytes), (_k, x) => (x instanceof Uint8Array ? Buffer.from(x).toString("hex") : x));
      } catch {
        return null;
      }
    };
    fc.assert(
      fc.property(value, fc.nat(), fc.nat(255), fc.constantFrom("flip", "cut", "append"), (v, at, byte, how) => {
        const original = Uint8Array.from(encode(v));
        let bytes = original;
        if (how === "flip" && original.length > 0) (bytes = Uint8Array.from(original))[at % original.length] = byte;
        if (how === "cut") bytes = original.subarray(0, at % (original.length + 1));
        if (how === "append") bytes = Uint8Array.from([...original, byte]);
        const expected = reference(bytes);
        if (expected !== null && /(^|[[,:])-?\d+\.\d|(^|[[,:])-\d/.test(expected)) return; // floats, negatives: refused by design
        expect(ours(bytes)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it("base64url has one text form per byte string", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString("base64url"));
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
      { numRuns: 1000 },
    );
    expect(fromBase64Url("AB")).toBeNull(); // non-zero trailing bits
    expect(fromBase64Url("AA==")).toBeNull(); // padding
    expect(fromBase64Url("A")).toBeNull();
  });
});

describe("record parsing refuses with a clear reason", () => {
  it("oversized, trailing bytes, unknown version or kind, unknown or missing fields, bad numbers", async () => {
    const group = await smallGroup(["ann", "bob"]);
    const record = parseRecord(group.records[3]!.envelope);
    if (!record.ok) throw new Error(record.reason);
    const signed = record.record.signed;
    const inner = decodeCanonical(signed) as CborValue[];
    const rewrap = (fields: CborValue[]) => encodeCanonical([encodeCanonical(fields), record.record.signature]);
    const withBody = (body: Record<string, CborValue>) => rewrap([...inner.slice(0, 8), body]);
    const body = inner[8] as Record<string, CborValue>;
    const cases: [Uint8Array, RegExp][] = [
      [new Uint8Array(5000), /larger than 4096/],
      [Uint8Array.from([...record.record.envelope, 0]), /canonical CBOR/],
      [rewrap([2, ...inner.slice(1)]), /unknown protocol version/],
      [rewrap([inner[0]!, "member.promote", ...inner.slice(2)]), /unknown record kind/],
      [withBody({ ...body, extra: 1 }), /unknown field "extra"/],
      [withBody({ memberKind: body.memberKind! }), /missing field "name"/],
      [withBody({ ...body, memberKind: "robot" }), /memberKind must be one of/],
    ];
    for (const [envelope, reason] of cases) {
      const parsed = parseRecord(envelope);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.reason).toMatch(reason);
    }
  });

  it("minutes must be whole and positive", async () => {
    const group = await smallGroup(["ann", "bob"]);
    const donation = await group.people[1]!.author.write("donation", { to: group.founder.account, minutes: 30 });
    const parsed = parseRecord(donation.envelope);
    if (!parsed.ok) throw new Error(parsed.reason);
    const inner = decodeCanonical(parsed.record.signed) as CborValue[];
    const body = inner[8] as Record<string, CborValue>;
    const zero = encodeCanonical([encodeCanonical([...inner.slice(0, 8), { ...body, minutes: 0 }]), parsed.record.signature]);
    const result = parseRecord(zero);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/minutes must be a whole number from 1/);
    // A float never gets that far: the encoding itself is refused.
    const float = Uint8Array.from(Buffer.from("fb3ff8000000000000", "hex"));
    expect(() => decodeCanonical(float)).toThrow(/float/);
  });
});
