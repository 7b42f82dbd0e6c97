// Byte helpers shared by the core. Platform-neutral: no Buffer, so the same
// code runs in Node and in the browser.
import { hexToBytes } from "@noble/hashes/utils.js";

export { hexToBytes };

const HEX_DIGITS = "0123456789abcdef";
const HEX_CODES = new Uint8Array(512);
for (let i = 0; i < 256; i++) {
  HEX_CODES[2 * i] = HEX_DIGITS.charCodeAt(i >> 4);
  HEX_CODES[2 * i + 1] = HEX_DIGITS.charCodeAt(i & 15);
}
const latin1 = new TextDecoder("latin1");
const hexScratch = new Uint8Array(8192);

/**
 * Lowercase hex. Ids and keys are hex strings used as map keys by the
 * hundred thousand, so this builds one flat string per call rather than a
 * chain of concatenations (a tenth of the memory).
 */
export function bytesToHex(bytes: Uint8Array): string {
  const out = bytes.length * 2 <= hexScratch.length ? hexScratch : new Uint8Array(bytes.length * 2);
  for (let i = 0; i < bytes.length; i++) {
    const code = 2 * (bytes[i] as number);
    out[2 * i] = HEX_CODES[code] as number;
    out[2 * i + 1] = HEX_CODES[code + 1] as number;
  }
  return latin1.decode(out.subarray(0, bytes.length * 2));
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Lexicographic comparison of two byte strings. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const BASE64URL_VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < BASE64URL.length; i++) BASE64URL_VALUE[BASE64URL.charCodeAt(i)] = i;

/** base64url without padding (RFC 4648 §5): the text form of records in export files. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += BASE64URL[n >> 18]! + BASE64URL[(n >> 12) & 63]! + BASE64URL[(n >> 6) & 63]! + BASE64URL[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += BASE64URL[n >> 18]! + BASE64URL[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += BASE64URL[n >> 18]! + BASE64URL[(n >> 12) & 63]! + BASE64URL[(n >> 6) & 63]!;
  }
  return out;
}

/**
 * Strict base64url decoding: no padding, no other characters, and unused
 * trailing bits must be zero, so each byte string has exactly one text form.
 */
export function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? (BASE64URL_VALUE[code] as number) : -1;
    if (v < 0) return null;
    value = ((value << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  if ((value & ((1 << bits) - 1)) !== 0) return null;
  return out;
}
