// Deterministic CBOR (RFC 8949 §4.2): the one byte encoding of every record.
//
// Encoding uses cborg, whose output is canonical: shortest heads, definite
// lengths, map keys sorted by length then bytes. Decoding is our own strict
// reader for the small subset records use, and accepts exactly that output:
// anything another encoder could have written differently is refused. It
// reads in one pass without re-encoding and returns byte strings as views.
import { encode } from "cborg";
import { fromBase64Url } from "./bytes.ts";

export type CborValue =
  | number
  | string
  | boolean
  | null
  | Uint8Array
  | CborValue[]
  | { [key: string]: CborValue };

export function encodeCanonical(value: CborValue): Uint8Array {
  return encode(value);
}

export class NotCanonicalError extends Error {}

const MAX_DEPTH = 8;
// Text is decoded exactly: a leading U+FEFF is content, not a byte order mark
// to drop (TextDecoder drops it unless told not to), so limits are checked on
// the string that was signed.
const utf8Decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

class Reader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  fail(what: string): never {
    throw new NotCanonicalError(`${what} at byte ${this.pos}`);
  }

  /** Major type of the last head read (kept in a field: a head per value would otherwise allocate a pair). */
  major = 0;

  /** Reads a head: sets `major` and returns its argument, which must use the shortest form. */
  head(): number {
    const first = this.bytes[this.pos++];
    if (first === undefined) this.fail("truncated");
    const major = first >> 5;
    const info = first & 0x1f;
    this.major = major;
    if (info < 24) return info;
    if (major === 7) this.fail("float or unsupported simple value");
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (size === 0) this.fail(info === 31 ? "indefinite length" : "reserved additional information");
    if (this.pos + size > this.bytes.length) this.fail("truncated");
    let value = 0;
    for (let i = 0; i < size; i++) value = value * 256 + (this.bytes[this.pos++] as number);
    if (!Number.isSafeInteger(value)) this.fail("integer too large");
    const minimum = size === 1 ? 24 : size === 2 ? 0x100 : size === 4 ? 0x10000 : 0x100000000;
    if (value < minimum) this.fail("non-shortest integer or length");
    return value;
  }

  take(length: number): Uint8Array {
    if (this.pos + length > this.bytes.length) this.fail("truncated");
    const view = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return view;
  }

  text(length: number): string {
    const bytes = this.take(length);
    let ascii = true;
    for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) ascii = false;
    if (ascii) return String.fromCharCode.apply(null, bytes as unknown as number[]);
    try {
      return utf8Decoder.decode(bytes);
    } catch {
      return this.fail("invalid UTF-8");
    }
  }

  value(depth: number): CborValue {
    if (depth > MAX_DEPTH) this.fail("nested too deeply");
    const start = this.pos;
    const argument = this.head();
    const major = this.major;
    switch (major) {
      case 0:
        return argument;
      case 2:
        return this.take(argument);
      case 3:
        return this.text(argument);
      case 4: {
        if (argument > this.bytes.length - this.pos) this.fail("truncated");
        const items: CborValue[] = [];
        for (let i = 0; i < argument; i++) items.push(this.value(depth + 1));
        return items;
      }
      case 5:
        return this.map(argument, depth);
      case 7:
        if (argument === 20) return false;
        if (argument === 21) return true;
        if (argument === 22) return null;
        this.pos = start;
        return this.fail("float or unsupported simple value");
      default:
        this.pos = start;
        return this.fail(major === 1 ? "negative integer" : "tag");
    }
  }

  map(count: number, depth: number): { [key: string]: CborValue } {
    if (count > this.bytes.length - this.pos) this.fail("truncated");
    const out: { [key: string]: CborValue } = {};
    let previousStart = -1;
    let previousLength = 0;
    for (let i = 0; i < count; i++) {
      const length = this.head();
      if (this.major !== 3) this.fail("map key is not text");
      // A key cut short by the end of the bytes compares as what is there (text() then refuses it).
      const present = Math.min(length, this.bytes.length - this.pos);
      if (previousStart >= 0 && compareKeys(this.bytes, previousStart, previousLength, this.pos, present) >= 0) {
        this.fail("map keys not in canonical order, or repeated");
      }
      previousStart = this.pos;
      previousLength = present;
      const key = this.text(length);
      if (key === "__proto__") this.fail("reserved map key");
      out[key] = this.value(depth + 1);
    }
    return out;
  }
}

/** Canonical key order of two keys in one buffer: shorter first, then bytewise. */
function compareKeys(bytes: Uint8Array, aStart: number, aLength: number, bStart: number, bLength: number): number {
  if (aLength !== bLength) return aLength - bLength;
  for (let i = 0; i < aLength; i++) {
    const a = bytes[aStart + i] as number;
    const b = bytes[bStart + i] as number;
    if (a !== b) return a - b;
  }
  return 0;
}

/** Decodes bytes that must be the canonical encoding of exactly one value. */
export function decodeCanonical(bytes: Uint8Array): CborValue {
  const reader = new Reader(bytes);
  const value = reader.value(0);
  if (reader.pos !== bytes.length) reader.fail("trailing bytes");
  return value;
}

/** A value carried as base64url text (a link, a query parameter): null unless the text is exactly that. */
export function decodeCanonicalText(text: string, maxChars: number): CborValue | null {
  if (text.length > maxChars) return null;
  const bytes = fromBase64Url(text);
  if (!bytes) return null;
  try {
    return decodeCanonical(bytes);
  } catch {
    return null;
  }
}
