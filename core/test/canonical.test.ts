// One byte form per value (docs/PROTOCOL.md §3.1): decoding and re-encoding
// gives the same bytes, and every other encoding of a value is refused;
// records that break the format are refused with a clear reason.
import fc from "fast-check";
import { decode, encode } from "cborg";
import { beforeAll, describe, expect, it } from "vitest";
import {
  decodeCanonical,
  encodeCanonical,
  fromBase64Url,
  MAX_ENVELOPE_BYTES,
  parseRecord,
  signRecord,
  toBase64Url,
  utf8,
  type CborValue,
  type RecordFields,
  type SignedRecord,
} from "../src/index.ts";
import { hex, parsed, rewrap, RUNS, smallGroup } from "./support.ts";

/** The record's CBOR value space: unsigned integers, text, byte strings, arrays, text-keyed maps, booleans, null. */
const value: fc.Arbitrary<CborValue> = fc.letrec<{ v: CborValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", maxDepth: 6 },
    fc.oneof(fc.nat(30), fc.nat(300), fc.nat(70_000), fc.maxSafeNat()),
    fc.string({ unit: "binary", maxLength: 30 }),
    fc.uint8Array({ maxLength: 300 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("v"), { maxLength: 5 }),
    fc.dictionary(fc.string({ unit: "binary", maxLength: 8 }).filter((k) => k !== "__proto__"), tie("v"), { maxKeys: 5 }),
  ),
})).v;

const bytesOf = (h: string) => Uint8Array.from(Buffer.from(h.replace(/\s/g, ""), "hex"));
/** Byte equality whatever the class (cborg may hand back a Buffer). */
const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

// ---- an encoder that writes the canonical form, or one chosen non-canonical variant ----

type Variant = "widen" | "indefinite" | "float" | "duplicate" | "swap";
interface Mutation {
  variant: Variant;
  /** Which eligible node to change (modulo how many there are). */
  at: number;
  /** A free choice inside the variant (which wider head, which float, which key). */
  pick: number;
}

function canonicalWidth(argument: number): number {
  return argument < 24 ? 0 : argument < 0x100 ? 1 : argument < 0x10000 ? 2 : argument < 0x100000000 ? 4 : 8;
}

function head(major: number, argument: number, width = canonicalWidth(argument)): number[] {
  if (width === 0) return [(major << 5) | argument];
  const info = { 1: 24, 2: 25, 4: 26, 8: 27 }[width] as number;
  const out = [(major << 5) | info];
  for (let i = width - 1; i >= 0; i--) out.push(Number((BigInt(argument) >> BigInt(8 * i)) & 0xffn));
  return out;
}

const keyOrder = (a: string, b: string) => {
  const x = utf8(a);
  const y = utf8(b);
  if (x.length !== y.length) return x.length - y.length;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
};

class VariantEncoder {
  eligible = 0;
  constructor(
    readonly mutation: Mutation | null,
    readonly target: number,
  ) {}

  /** Counts this node if the variant applies to it; true when it is the one to change. */
  #hit(applies: boolean): boolean {
    if (!this.mutation || !applies) return false;
    return this.eligible++ === this.target;
  }

  #head(major: number, argument: number): number[] {
    const width = canonicalWidth(argument);
    if (this.#hit(this.mutation?.variant === "widen" && width < 8)) {
      const wider = [1, 2, 4, 8].filter((w) => w > width);
      return head(major, argument, wider[this.mutation!.pick % wider.length]);
    }
    return head(major, argument);
  }

  encode(v: CborValue): number[] {
    const m = this.mutation;
    if (this.#hit(m?.variant === "float")) {
      const floats = [
        [0xf9, 0x3c, 0x00], // 1.0, half precision
        [0xfa, 0x3f, 0xc0, 0x00, 0x00], // 1.5, single
        [0xfb, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0], // 1.0, double
        [0xf9, 0x00, 0x00], // 0.0
        [0xf7], // undefined
        [0xf8, 0x20], // simple(32)
        [0xe0 | (m!.pick % 20)], // simple(0..19)
      ];
      return floats[m!.pick % floats.length]!;
    }
    if (typeof v === "number") return this.#head(0, v);
    if (typeof v === "boolean") return [v ? 0xf5 : 0xf4];
    if (v === null) return [0xf6];
    const container = typeof v === "string" || v instanceof Uint8Array || Array.isArray(v) || typeof v === "object";
    const indefinite = this.#hit(m?.variant === "indefinite" && container);
    if (typeof v === "string" || v instanceof Uint8Array) {
      const major = typeof v === "string" ? 3 : 2;
      const content = [...(typeof v === "string" ? utf8(v) : v)];
      // As one definite chunk (possibly preceded by an empty one) inside an indefinite string.
      if (indefinite) return [(major << 5) | 31, ...(m!.pick % 2 ? head(major, 0) : []), ...head(major, content.length), ...content, 0xff];
      return [...this.#head(major, content.length), ...content];
    }
    if (Array.isArray(v)) {
      const items = v.flatMap((item) => this.encode(item));
      return indefinite ? [0x9f, ...items, 0xff] : [...this.#head(4, v.length), ...items];
    }
    const keys = Object.keys(v).sort(keyOrder);
    let entries = keys.map((k) => [k, v[k] as CborValue] as const);
    if (this.#hit(m?.variant === "duplicate" && keys.length >= 1)) {
      const i = m!.pick % entries.length;
      entries = [...entries.slice(0, i + 1), entries[i]!, ...entries.slice(i + 1)];
    } else if (this.#hit(m?.variant === "swap" && keys.length >= 2)) {
      const i = m!.pick % (entries.length - 1);
      entries = [...entries.slice(0, i), entries[i + 1]!, entries[i]!, ...entries.slice(i + 2)];
    }
    const body = entries.flatMap(([k, item]) => [...this.encode(k), ...this.encode(item)]);
    return indefinite ? [0xbf, ...body, 0xff] : [...this.#head(5, entries.length), ...body];
  }
}

/** The value encoded with the mutation applied to one eligible node, or null if no node is eligible. */
function encodeVariant(v: CborValue, mutation: Mutation): Uint8Array | null {
  const counter = new VariantEncoder(mutation, -1);
  counter.encode(v);
  if (counter.eligible === 0) return null;
  return Uint8Array.from(new VariantEncoder(mutation, mutation.at % counter.eligible).encode(v));
}

/** The value with every byte string as a plain Uint8Array (decoding returns views of its input, which may be a Node Buffer). */
function plain(v: CborValue): CborValue {
  if (v instanceof Uint8Array) return Uint8Array.from(v);
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

const rejected = (bytes: Uint8Array) => expect(() => decodeCanonical(bytes)).toThrow();

describe("canonical CBOR", () => {
  it("round-trips every value, and re-encodes the decoded value to identical bytes", () => {
    fc.assert(
      fc.property(value, (v) => {
        const bytes = encodeCanonical(v);
        const decoded = decodeCanonical(bytes);
        expect(plain(decoded)).toEqual(plain(v));
        expect(sameBytes(encodeCanonical(decoded), bytes)).toBe(true);
        // An independent canonical encoder writes the same bytes.
        expect(sameBytes(Uint8Array.from(new VariantEncoder(null, -1).encode(v)), bytes)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it("refuses every non-canonical variant of every value: wider heads, indefinite lengths, floats and simple values, repeated or unsorted keys", () => {
    const mutation = fc.record({
      variant: fc.constantFrom<Variant>("widen", "indefinite", "float", "duplicate", "swap"),
      at: fc.nat(),
      pick: fc.nat(),
    });
    let applied = 0;
    fc.assert(
      fc.property(value, mutation, (v, m) => {
        const bytes = encodeVariant(v, m);
        if (bytes === null) return;
        applied++;
        expect(sameBytes(bytes, encodeCanonical(v))).toBe(false);
        rejected(bytes);
      }),
      { numRuns: RUNS },
    );
    expect(applied).toBeGreaterThan(RUNS / 4); // not vacuous
  });

  it("refuses trailing bytes and every proper prefix", () => {
    fc.assert(
      fc.property(value, fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.nat(), (v, extra, cut) => {
        const bytes = encodeCanonical(v);
        rejected(Uint8Array.from([...bytes, ...extra]));
        rejected(bytes.subarray(0, cut % bytes.length));
      }),
      { numRuns: RUNS },
    );
  });

  it("refuses the named examples", () => {
    expect(decodeCanonical(bytesOf("05"))).toBe(5);
    expect(() => decodeCanonical(bytesOf("1805"))).toThrow(/non-shortest/); // 5 with a one-byte argument
    expect(() => decodeCanonical(bytesOf("190005"))).toThrow(/non-shortest/); // 5 with a two-byte argument
    expect(() => decodeCanonical(bytesOf("5801 00"))).toThrow(/non-shortest/); // a 1-byte string with a one-byte length
    expect(() => decodeCanonical(bytesOf("f93c00"))).toThrow(/float/); // 1.0 as a half float
    expect(() => decodeCanonical(bytesOf("fb3ff0000000000000"))).toThrow(/float/); // 1.0 as a double
    expect(() => decodeCanonical(bytesOf("9f0102ff"))).toThrow(/indefinite/); // indefinite-length array
    expect(() => decodeCanonical(bytesOf("bf616101ff"))).toThrow(/indefinite/); // indefinite-length map
    expect(() => decodeCanonical(bytesOf("a2 6161 01 6161 02"))).toThrow(/repeated/); // duplicate key "a"
    expect(() => decodeCanonical(bytesOf("a2 6162 01 6161 02"))).toThrow(/order/); // "b" before "a"
    expect(() => decodeCanonical(bytesOf("a2 626161 01 6162 02"))).toThrow(/order/); // "aa" before "b": shorter keys first
    expect(() => decodeCanonical(bytesOf("0102"))).toThrow(/trailing/);
    expect(() => decodeCanonical(bytesOf("20"))).toThrow(/negative/); // -1
    expect(() => decodeCanonical(bytesOf("c240"))).toThrow(/tag/);
    expect(() => decodeCanonical(bytesOf("62c328"))).toThrow(/UTF-8/);
    expect(() => decodeCanonical(bytesOf("63eda080"))).toThrow(/UTF-8/); // a lone surrogate
    expect(() => decodeCanonical(bytesOf("a1 01 01"))).toThrow(/not text/); // integer map key
    expect(() => decodeCanonical(bytesOf("1b0020000000000000"))).toThrow(/too large/); // 2^53
    expect(() => decodeCanonical(bytesOf("81".repeat(12) + "00"))).toThrow(/deeply/);
    expect(() => decodeCanonical(bytesOf("a1 695f5f70726f746f5f5f 00"))).toThrow(/reserved/); // "__proto__"
  });

  it("accepts exactly what cborg's strict decoder accepts and re-encodes identically (floats and negative integers aside), for any byte change", () => {
    const reference = (bytes: Uint8Array): string | null => {
      try {
        const decoded = decode(bytes, {
          strict: true,
          rejectDuplicateMapKeys: true,
          allowIndefinite: false,
          allowUndefined: false,
          allowInfinity: false,
          allowNaN: false,
          allowBigInt: false,
          tags: [],
        });
        if (!sameBytes(encode(decoded), bytes)) return null;
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
        if (how === "flip") (bytes = Uint8Array.from(original))[at % original.length] = byte;
        if (how === "cut") bytes = original.subarray(0, at % (original.length + 1));
        if (how === "append") bytes = Uint8Array.from([...original, byte]);
        const expected = reference(bytes);
        if (expected !== null && /(^|[[,:])-?\d+(\.\d|e)|(^|[[,:])-\d/.test(expected)) return; // floats, negatives: refused by design
        if (expected !== null && nestingOver(bytes)) return; // deeper than records may nest: refused by design
        expect(ours(bytes)).toBe(expected);
        // Whatever is accepted is the one encoding of what it decodes to.
        if (expected !== null) expect(sameBytes(encodeCanonical(decodeCanonical(bytes)), bytes)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it("base64url (the text form of records in export files) has one text form per byte string", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString("base64url"));
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
      { numRuns: RUNS },
    );
    expect(fromBase64Url("AB")).toBeNull(); // non-zero trailing bits
    expect(fromBase64Url("AA==")).toBeNull(); // padding
    expect(fromBase64Url("A")).toBeNull();
    expect(fromBase64Url("A+")).toBeNull(); // base64, not base64url
  });
});

/** True when a decodable item nests deeper than the record format allows (the core refuses it by design). */
function nestingOver(bytes: Uint8Array): boolean {
  try {
    const depth = (x: unknown): number =>
      Array.isArray(x) ? 1 + Math.max(0, ...x.map(depth)) : x && typeof x === "object" && !(x instanceof Uint8Array) ? 1 + Math.max(0, ...Object.values(x).map(depth)) : 0;
    return depth(decode(bytes)) > 8;
  } catch {
    return false;
  }
}

describe("parseRecord refuses with a clear reason", () => {
  let donation: SignedRecord<"donation">;
  let inner: CborValue[];
  let body: Record<string, CborValue>;
  /** An envelope around these signed fields (the signature is the original's: parsing never checks it). */
  const envelope = (fields: CborValue[]) => rewrap(encodeCanonical(fields), donation.signature);
  const withBody = (changed: Record<string, CborValue>) => envelope([...inner.slice(0, 8), changed]);
  const reasonOf = (bytes: Uint8Array): string => {
    const result = parseRecord(bytes);
    if (result.ok) throw new Error("expected the record to be refused");
    return result.reason;
  };
  let pool: Uint8Array[];

  beforeAll(async () => {
    const group = await smallGroup(["ann", "bob"]);
    donation = await group.people[1]!.author.write("donation", { to: group.founder.account, minutes: 30, note: "Thanks" }, { deps: [group.head()] });
    inner = decodeCanonical(donation.signed) as CborValue[];
    body = inner[8] as Record<string, CborValue>;
    pool = [...group.records, donation].map((r) => r.envelope);
  });

  it("accepts the record itself, whose fields re-encode to its signed bytes", () => {
    const record = parsed(donation.envelope);
    expect(record.id).toBe(donation.id);
    expect(sameBytes(envelope(inner), donation.envelope)).toBe(true);
    expect(record.body).toEqual({ to: donation.body.to, minutes: 30, note: "Thanks" });
  });

  it("an envelope over 4096 bytes (and accepts one of exactly 4096)", async () => {
    const legs = Array.from({ length: 32 }, (_, i) => ({ account: hex(i.toString(16).padStart(2, "0").repeat(32)), minutes: 60 }));
    const propose = (description: string) => [...inner.slice(0, 1), "exchange.propose", ...inner.slice(2, 8), { payer: inner[3] as Uint8Array, payees: legs, description }];
    const sized = (target: number) => {
      for (let euros = 0; euros <= 1000; euros++) {
        const base = envelope(propose("€".repeat(euros))).length;
        const pad = target - base;
        if (pad < 0 || euros + pad > 1000) continue;
        const fields = propose("€".repeat(euros) + "a".repeat(pad));
        const bytes = envelope(fields);
        if (bytes.length === target) return { bytes, fields };
      }
      throw new Error(`no record of ${target} bytes`);
    };
    expect(parseRecord(sized(MAX_ENVELOPE_BYTES).bytes).ok).toBe(true);
    const tooLarge = sized(MAX_ENVELOPE_BYTES + 1);
    expect(reasonOf(tooLarge.bytes)).toMatch(/record is larger than 4096 bytes/);
    expect(reasonOf(new Uint8Array(5000))).toMatch(/larger than 4096 bytes/);
    // The signer refuses to make one.
    const [, kind, group, device, seq, prev, deps, timeMs, tooBig] = tooLarge.fields;
    const signer = { publicKey: device as Uint8Array, sign: async () => new Uint8Array(64) };
    await expect(
      signRecord(signer, { kind, group, device, seq, prev, deps, timeMs, body: tooBig } as unknown as RecordFields),
    ).rejects.toThrow(/larger than 4096 bytes/);
  });

  it("trailing bytes, after the envelope or inside its signed part", () => {
    expect(reasonOf(Uint8Array.from([...donation.envelope, 0]))).toMatch(/envelope must be the canonical CBOR of \[signed bytes, signature\]/);
    expect(reasonOf(rewrap(Uint8Array.from([...donation.signed, 0]), donation.signature))).toMatch(/signed part is trailing bytes/);
    expect(reasonOf(encodeCanonical([donation.signed, donation.signature, new Uint8Array()]))).toMatch(/envelope must be/);
    expect(reasonOf(encodeCanonical([donation.signed, "signature"]))).toMatch(/envelope must be/);
  });

  it("an unknown version, an unknown kind, a malformed signed part", () => {
    expect(reasonOf(envelope([2, ...inner.slice(1)]))).toMatch(/unknown protocol version 2/);
    expect(reasonOf(envelope([0, ...inner.slice(1)]))).toMatch(/unknown protocol version 0/);
    expect(reasonOf(envelope(["1", ...inner.slice(1)]))).toMatch(/unknown protocol version "1"/);
    expect(reasonOf(envelope([inner[0]!, "member.promote", ...inner.slice(2)]))).toMatch(/unknown record kind "member.promote"/);
    expect(reasonOf(envelope(inner.slice(0, 8)))).toMatch(/9-element array/);
    expect(reasonOf(envelope([...inner.slice(0, 4), 0, ...inner.slice(5)]))).toMatch(/first record of a chain has no prev/);
  });

  it("a body with an unknown field or a missing field", () => {
    expect(reasonOf(withBody({ ...body, extra: 1 }))).toMatch(/unknown field "extra" in a donation record/);
    const { minutes: _minutes, ...noMinutes } = body;
    expect(reasonOf(withBody(noMinutes))).toMatch(/missing field "minutes" in a donation record/);
    const { to: _to, ...noRecipient } = body;
    expect(reasonOf(withBody(noRecipient))).toMatch(/missing field "to" in a donation record/);
    expect(reasonOf(envelope([...inner.slice(0, 8), [body]]))).toMatch(/body must be a map/);
  });

  it("a body key every plain object inherits (constructor, toString, hasOwnProperty) is an unknown field like any other", () => {
    for (const key of ["constructor", "toString", "hasOwnProperty", "valueOf"]) {
      expect(reasonOf(withBody({ ...body, [key]: 1 }))).toBe(`unknown field "${key}" in a donation record`);
    }
    expect(reasonOf(withBody({ ...body, __proto__x: 1 }))).toMatch(/unknown field "__proto__x"/);
  });

  it("text is decoded exactly: a leading U+FEFF is part of the text and counts toward its limit", () => {
    const note = "\uFEFF" + "a".repeat(999);
    const kept = parsed(withBody({ ...body, note }));
    expect((kept.body as { note: string }).note).toBe(note);
    expect(reasonOf(withBody({ ...body, note: note + "a" }))).toBe("note is longer than 1000 characters");
    expect(decodeCanonical(encodeCanonical("\uFEFF\uFEFFx"))).toBe("\uFEFF\uFEFFx");
  });

  it("a negative, fractional, zero, too large or non-numeric minutes value", () => {
    expect(reasonOf(withBody({ ...body, minutes: -30 }))).toMatch(/signed part is negative integer/);
    expect(reasonOf(withBody({ ...body, minutes: 1.5 }))).toMatch(/signed part is float/);
    expect(reasonOf(withBody({ ...body, minutes: 30.25 }))).toMatch(/signed part is float/);
    expect(reasonOf(withBody({ ...body, minutes: 0 }))).toMatch(/minutes must be a whole number from 1 to 60000/);
    expect(reasonOf(withBody({ ...body, minutes: 60_001 }))).toMatch(/minutes must be a whole number from 1 to 60000/);
    expect(reasonOf(withBody({ ...body, minutes: "30" }))).toMatch(/minutes must be a whole number/);
  });

  it("any single-byte change to a record either is refused with a reason or leaves a record whose bytes are canonical", () => {
    fc.assert(
      fc.property(fc.nat(pool.length - 1), fc.nat(), fc.nat(255), (which, at, byte) => {
        const bytes = Uint8Array.from(pool[which]!);
        bytes[at % bytes.length] = byte;
        const result = parseRecord(bytes);
        if (!result.ok) {
          expect(result.reason.length).toBeGreaterThan(0);
          expect(result.id).toMatch(/^[0-9a-f]{64}$/);
          return;
        }
        const record = result.record;
        expect(sameBytes(rewrap(record.signed, record.signature), bytes)).toBe(true);
        expect(sameBytes(encodeCanonical(decodeCanonical(record.signed)), record.signed)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
