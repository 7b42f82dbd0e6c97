// Deterministic CBOR (RFC 8949 §4.2): the one byte encoding of every record.
// Decoding is strict and is followed by re-encoding, so a value has exactly one
// accepted byte form.
import { decode, encode } from "cborg";
import { bytesEqual } from "./bytes.ts";

const DECODE_OPTIONS = {
  strict: true,
  rejectDuplicateMapKeys: true,
  allowIndefinite: false,
  allowUndefined: false,
  allowInfinity: false,
  allowNaN: false,
  allowBigInt: false,
  useMaps: false,
  tags: [],
} as const;

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

/** Decodes bytes that must be the canonical encoding of their value. */
export function decodeCanonical(bytes: Uint8Array): CborValue {
  let value: CborValue;
  try {
    value = decode(bytes, DECODE_OPTIONS) as CborValue;
  } catch (error) {
    throw new NotCanonicalError(`not valid CBOR (${(error as Error).message})`);
  }
  assertNoFloats(value);
  if (!bytesEqual(encode(value), bytes)) {
    throw new NotCanonicalError("not the canonical CBOR encoding of its value");
  }
  return value;
}

function assertNoFloats(value: CborValue): void {
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new NotCanonicalError("contains a non-integer number");
  } else if (Array.isArray(value)) {
    for (const item of value) assertNoFloats(item);
  } else if (value !== null && typeof value === "object" && !(value instanceof Uint8Array)) {
    for (const key of Object.keys(value)) assertNoFloats(value[key] as CborValue);
  }
}

/** Decodes bytes already proven canonical (same hash as bytes checked before). */
export function decodeTrusted(bytes: Uint8Array): CborValue {
  return decode(bytes, DECODE_OPTIONS) as CborValue;
}
