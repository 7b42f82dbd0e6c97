// An invite: a coordinator's device signs "whoever holds this may ask to join
// this group until this time". A relay accepts from a device that holds one
// exactly two records: its certificate and its join request. Nothing else.
import { concatBytes, toBase64Url, utf8 } from "../encoding/bytes.ts";
import { decodeCanonicalText, encodeCanonical } from "../encoding/canonical-cbor.ts";
import { verifySignatures, type Signer } from "../crypto/ed25519.ts";
import { GROUP_ID_BYTES } from "../record/limits.ts";

const INVITE_DOMAIN = utf8("tally/v1/invite\0");
export const MAX_INVITE_TEXT_CHARS = 512;

export interface Invite {
  group: Uint8Array;
  /** Wall-clock expiry; checked by the relay, never by the ledger. */
  expiresMs: number;
  nonce: Uint8Array;
  coordinatorDevice: Uint8Array;
  signature: Uint8Array;
}

function inviteMessage(group: Uint8Array, expiresMs: number, nonce: Uint8Array): Uint8Array {
  return concatBytes(INVITE_DOMAIN, encodeCanonical([group, expiresMs, nonce]));
}

export async function createInvite(coordinatorDevice: Signer, group: Uint8Array, expiresMs: number, nonce: Uint8Array): Promise<string> {
  const signature = await coordinatorDevice.sign(inviteMessage(group, expiresMs, nonce));
  return toBase64Url(encodeCanonical([group, expiresMs, nonce, coordinatorDevice.publicKey, signature]));
}

export function parseInvite(text: string): Invite | null {
  const value = decodeCanonicalText(text, MAX_INVITE_TEXT_CHARS);
  if (!Array.isArray(value) || value.length !== 5) return null;
  const [group, expiresMs, nonce, device, signature] = value;
  if (!(group instanceof Uint8Array) || group.length !== GROUP_ID_BYTES) return null;
  if (typeof expiresMs !== "number" || !(nonce instanceof Uint8Array) || nonce.length !== 16) return null;
  if (!(device instanceof Uint8Array) || device.length !== 32 || !(signature instanceof Uint8Array)) return null;
  return { group, expiresMs, nonce, coordinatorDevice: device, signature };
}

export async function inviteSignatureValid(invite: Invite): Promise<boolean> {
  const message = inviteMessage(invite.group, invite.expiresMs, invite.nonce);
  const [ok] = await verifySignatures([{ publicKey: invite.coordinatorDevice, message, signature: invite.signature }]);
  return ok === true;
}
