// Identities inside a group: device certificates, the group id, account ids.
import { bytesToHex, concatBytes, utf8 } from "../encoding/bytes.ts";
import { sha256 } from "../crypto/sha256.ts";
import type { Signer } from "../crypto/ed25519.ts";
import { GROUP_ID_BYTES } from "../record/limits.ts";

const DEVICE_DOMAIN = utf8("tally/v1/device\0");
const GROUP_DOMAIN = utf8("tally/v1/group\0");

/** What a member key signs to certify one device for one group. */
export function deviceCertMessage(group: Uint8Array, device: Uint8Array): Uint8Array {
  return concatBytes(DEVICE_DOMAIN, group, device);
}

export function certifyDevice(memberSigner: Signer, group: Uint8Array, device: Uint8Array): Promise<Uint8Array> {
  return memberSigner.sign(deviceCertMessage(group, device));
}

/**
 * A group's id binds it to its founder's member key, the founder's first
 * device and a nonce, so nobody else can write a genesis for it.
 */
export function groupIdFor(founderMember: Uint8Array, founderDevice: Uint8Array, nonce: Uint8Array): Uint8Array {
  return sha256(concatBytes(GROUP_DOMAIN, founderMember, founderDevice, nonce)).slice(0, GROUP_ID_BYTES);
}

/** The text id of an account in ledger output: "<group hex>:<member or proxy hex>" or "<group hex>:group". */
export function accountId(groupHex: string, account: Uint8Array): string {
  return `${groupHex}:${account.length === 0 ? "group" : bytesToHex(account)}`;
}

export function groupAccountId(groupHex: string): string {
  return `${groupHex}:group`;
}
