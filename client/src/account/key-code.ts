// A member key as people pass it to a coordinator (read out, sent, or shown
// as a QR code): its 64 hex digits in groups of four. Not secret: it names
// the new phone's account key, it cannot act for anyone.
import { bytesToHex, hexToBytes, publicKeyProblem } from "@tally/core";

const GROUP = 4;

export function keyCode(publicKey: Uint8Array): string {
  return (bytesToHex(publicKey).match(new RegExp(`.{${GROUP}}`, "g")) ?? []).join(" ").toUpperCase();
}

/** The key a code names, or null when it is not 64 hex digits of a usable key (spaces and dashes are ignored). */
export function keyFromCode(text: string): Uint8Array | null {
  const hex = text.replace(/[\s-]/g, "").toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) return null;
  const key = hexToBytes(hex);
  return publicKeyProblem(key) === null ? key : null;
}
