// CBOR written byte by byte, so a vector can hold exactly the encoding it
// wants: the canonical one, or one a strict decoder must refuse (a wider head,
// an indefinite length, a float, a tag, keys out of order).
import { concatBytes, utf8 } from "../../src/index.ts";

export type Width = 0 | 1 | 2 | 4 | 8;

/** A head: major type and argument, in the shortest form unless a width (bytes after the first) is given. */
export function head(major: number, argument: number, width?: Width): Uint8Array {
  const w: Width = width ?? (argument < 24 ? 0 : argument < 0x100 ? 1 : argument < 0x10000 ? 2 : argument < 0x100000000 ? 4 : 8);
  if (w === 0) return Uint8Array.of((major << 5) | argument);
  const out = new Uint8Array(1 + w);
  out[0] = (major << 5) | { 1: 24, 2: 25, 4: 26, 8: 27 }[w];
  let value = BigInt(argument);
  for (let i = w; i >= 1; i--) {
    out[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return out;
}

export const uint = (n: number, width?: Width) => head(0, n, width);
export const bytes = (b: Uint8Array, width?: Width) => concatBytes(head(2, b.length, width), b);
export const text = (s: string | Uint8Array, width?: Width) => {
  const b = typeof s === "string" ? utf8(s) : s;
  return concatBytes(head(3, b.length, width), b);
};
export const array = (...items: Uint8Array[]) => concatBytes(head(4, items.length), ...items);
/** A map from already encoded keys and values, in the order given. */
export const map = (...entries: [Uint8Array, Uint8Array][]) => concatBytes(head(5, entries.length), ...entries.flat());
export const NULL = Uint8Array.of(0xf6);
export const raw = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));

/** The signed part of a record, with the body (and any other field) already encoded. */
export function signedPart(fields: { version?: Uint8Array; kind: Uint8Array; group: Uint8Array; device: Uint8Array; seq: number; prev: Uint8Array | null; deps: Uint8Array[]; timeMs?: Uint8Array; body: Uint8Array }): Uint8Array {
  return array(
    fields.version ?? uint(1),
    fields.kind,
    bytes(fields.group),
    bytes(fields.device),
    uint(fields.seq),
    fields.prev === null ? NULL : bytes(fields.prev),
    array(...fields.deps.map((d) => bytes(d))),
    fields.timeMs ?? uint(0),
    fields.body,
  );
}
