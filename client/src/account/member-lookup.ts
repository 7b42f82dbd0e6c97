// Asking the relay about this member key: the groups a new device may join
// it in, and its standing in each (what a declined or removed member's
// device, which the relay no longer serves, can still learn).
import { fromBase64Url, signMemberProof, toBase64Url, type Signer } from "@tally/core";

export class RelayRequestError extends Error {}

export interface MemberLookup {
  groups: string[];
  standing: Record<string, string>;
}

export async function lookUpMember(member: Signer): Promise<MemberLookup> {
  const issued = await get("/auth/challenge");
  const challenge = fromBase64Url(String(issued.challenge));
  if (!challenge) throw new RelayRequestError("the relay sent a damaged challenge");
  const found = await post("/recover", {
    member: toBase64Url(member.publicKey),
    challenge: toBase64Url(challenge),
    signature: toBase64Url(await signMemberProof(member, challenge)),
  });
  return {
    groups: Array.isArray(found.groups) ? found.groups.filter((g): g is string => typeof g === "string") : [],
    standing: found.standing !== null && typeof found.standing === "object" ? (found.standing as Record<string, string>) : {},
  };
}

export function get(path: string): Promise<Record<string, unknown>> {
  return request(path, undefined);
}

export function post(path: string, body: unknown): Promise<Record<string, unknown>> {
  return request(path, { method: "POST", body: JSON.stringify(body) });
}

async function request(path: string, init: RequestInit | undefined): Promise<Record<string, unknown>> {
  const response = await fetch(path, init).catch(() => null);
  if (!response) throw new RelayRequestError("no connection to the relay; try again when you are online");
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) throw new RelayRequestError(typeof body.error === "string" ? body.error : `the relay answered ${response.status}`);
  return body;
}
