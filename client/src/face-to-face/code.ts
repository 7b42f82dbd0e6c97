// A face-to-face code: a few signed records as text, shown as a QR code on
// one phone and read by the other, with no network at all.
import { decodeCanonicalText, encodeCanonical, toBase64Url } from "@tally/core";

const PREFIX = "tally1:";
/** Fits a QR code of version 40 at low error correction (2,953 bytes). */
export const MAX_CODE_CHARS = 2_900;

export function encodeCode(envelopes: readonly Uint8Array[]): string {
  return PREFIX + toBase64Url(encodeCanonical([...envelopes]));
}

/** The records in a code, or null when the text is not one. */
export function decodeCode(text: string): Uint8Array[] | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith(PREFIX)) return null;
  const value = decodeCanonicalText(trimmed.slice(PREFIX.length), MAX_CODE_CHARS);
  return Array.isArray(value) && value.every((v) => v instanceof Uint8Array) ? (value as Uint8Array[]) : null;
}
