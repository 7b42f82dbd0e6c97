// A new phone's member key as people pass it to a coordinator (read out,
// sent, or shown as a QR code): its 64 hex digits and a CRC-16 of the key
// (4 more), in groups of four. Not secret: it names a key, it cannot act for
// anyone. The checksum turns a mistyped digit or two swapped neighbours into
// a refusal, not an account moved to a key nobody holds.
import { bytesToHex, crc16, hexToBytes, publicKeyProblem } from "@tally/core";

const GROUP = 4;
const KEY_HEX = 64;

export function keyCode(publicKey: Uint8Array): string {
  const hex = bytesToHex(publicKey) + crc16(publicKey).toString(16).padStart(4, "0");
  return (hex.match(new RegExp(`.{${GROUP}}`, "g")) ?? []).join(" ").toUpperCase();
}

/** The key a code names, or null when it is not a whole code of a usable key (spaces and dashes are ignored, any case). */
export function keyFromCode(text: string): Uint8Array | null {
  const hex = text.replace(/[\s-]/g, "").toLowerCase();
  if (!new RegExp(`^[0-9a-f]{${KEY_HEX + 4}}$`).test(hex)) return null;
  const key = hexToBytes(hex.slice(0, KEY_HEX));
  if (crc16(key) !== parseInt(hex.slice(KEY_HEX), 16)) return null;
  return publicKeyProblem(key) === null ? key : null;
}
