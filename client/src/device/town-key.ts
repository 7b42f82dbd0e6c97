// A device's town chain key (PROTOCOL §12.9): the key it signs the records a
// town can see with. Derived, never stored, from the member seed and the
// device key, so that every tab of this device gets the same one, a replaced
// device key brings a new one, and the member's other phone can work out a
// lost phone's town key to revoke it with the phone.
import { concatBytes, sha256, signerFromSeed, utf8, type Signer } from "@tally/core";

const TOWN_KEY_CONTEXT = utf8("tally/town-chain/v1");

export function townKey(memberSeed: Uint8Array, devicePublicKey: Uint8Array): Promise<Signer> {
  if (memberSeed.length !== 32 || devicePublicKey.length !== 32) throw new Error("a town key needs a 32-byte member seed and device key");
  return signerFromSeed(sha256(concatBytes(TOWN_KEY_CONTEXT, memberSeed, devicePublicKey)));
}
