// How a device proves itself to a relay: it signs a fresh, single-use
// challenge from the relay, together with the peer id it will use, with its
// device key. The relay checks this at the HTTP upgrade, before any frame
// reaches the sync protocol, and binds the connection to that device.
import { concatBytes, toBase64Url, utf8 } from "../encoding/bytes.ts";
import { decodeCanonicalText, encodeCanonical, type CborValue } from "../encoding/canonical-cbor.ts";
import { verifySignatures, type Signer } from "../crypto/ed25519.ts";

const AUTH_DOMAIN = utf8("tally/v1/relay-auth\0");
export const CHALLENGE_BYTES = 32;
export const MAX_PEER_ID_CHARS = 100;
export const MAX_AUTH_TEXT_CHARS = 16_384;
/** A device may present the groups it founded, a certificate and a genesis each, until the relay knows them. */
export const MAX_FOUNDING_GROUPS = 8;

export interface RelayAuth {
  device: Uint8Array;
  peerId: string;
  challenge: Uint8Array;
  signature: Uint8Array;
  /** For groups this device founded: each one's certificate and genesis, in pairs, so the relay can learn the groups. */
  founding: Uint8Array[];
}

function authMessage(challenge: Uint8Array, peerId: string): Uint8Array {
  return concatBytes(AUTH_DOMAIN, challenge, utf8(peerId));
}

export async function signRelayAuth(device: Signer, challenge: Uint8Array, peerId: string, founding: Uint8Array[] = []): Promise<string> {
  const signature = await device.sign(authMessage(challenge, peerId));
  const value: CborValue = { v: 1, device: device.publicKey, peer: peerId, challenge, sig: signature, found: founding };
  return toBase64Url(encodeCanonical(value));
}

/** Decodes an auth text; null when it is not one. Does not check the signature. */
export function parseRelayAuth(text: string): RelayAuth | null {
  const value = decodeCanonicalText(text, MAX_AUTH_TEXT_CHARS);
  if (value === null || typeof value !== "object" || Array.isArray(value) || value instanceof Uint8Array) return null;
  const { v, device, peer, challenge, sig, found } = value as Record<string, CborValue>;
  const ok =
    v === 1 &&
    device instanceof Uint8Array && device.length === 32 &&
    typeof peer === "string" && peer.length > 0 && peer.length <= MAX_PEER_ID_CHARS && /^[\w.:-]+$/.test(peer) &&
    challenge instanceof Uint8Array && challenge.length === CHALLENGE_BYTES &&
    sig instanceof Uint8Array && sig.length === 64 &&
    Array.isArray(found) && found.length <= 2 * MAX_FOUNDING_GROUPS && found.length % 2 === 0 && found.every((r) => r instanceof Uint8Array) &&
    Object.keys(value).length === 6;
  if (!ok) return null;
  return { device, peerId: peer, challenge, signature: sig, founding: found as Uint8Array[] };
}

export async function relayAuthValid(auth: RelayAuth): Promise<boolean> {
  const [ok] = await verifySignatures([{ publicKey: auth.device, message: authMessage(auth.challenge, auth.peerId), signature: auth.signature }]);
  return ok === true;
}
