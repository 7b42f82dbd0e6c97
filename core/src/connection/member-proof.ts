// How a member proves to a relay that it holds a member key, to learn which
// groups that key belongs to (recovering an account on a new device). It signs
// a fresh, single-use challenge from the relay with the member key; the domain
// keeps this signature from being usable as any other.
import { concatBytes, utf8 } from "../encoding/bytes.ts";
import { verifySignatures, type Signer } from "../crypto/ed25519.ts";

const MEMBER_PROOF_DOMAIN = utf8("tally/v1/member-proof\0");

function proofMessage(challenge: Uint8Array): Uint8Array {
  return concatBytes(MEMBER_PROOF_DOMAIN, challenge);
}

export function signMemberProof(member: Signer, challenge: Uint8Array): Promise<Uint8Array> {
  return member.sign(proofMessage(challenge));
}

export async function memberProofValid(member: Uint8Array, challenge: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (member.length !== 32 || signature.length !== 64) return false;
  const [ok] = await verifySignatures([{ publicKey: member, message: proofMessage(challenge), signature }]);
  return ok === true;
}
