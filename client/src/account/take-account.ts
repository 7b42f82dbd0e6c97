// Taking an account onto this device: adopt its member key, certify this
// device for each of its groups, and have the relay add the certificates.
// From then on the device syncs and writes for the account like any other.
import { DeviceAuthor, bytesToHex, fromBase64Url, hexToBytes, signMemberProof, toBase64Url } from "@tally/core";
import type { AppContext } from "../app/App.tsx";
import type { LinkedGroup } from "./link-code.ts";

export class TakeAccountError extends Error {}

/** With groups null (a recovery code), the relay is asked which groups the member key is in. */
export async function takeAccount(context: AppContext, memberSeed: Uint8Array, groups: LinkedGroup[] | null, unnamed: string): Promise<number> {
  const { device, sync } = context;
  await device.adoptMember(memberSeed).catch((error: Error) => {
    throw new TakeAccountError(error.message);
  });
  const wanted = groups ?? (await groupsOfMember(context, unnamed));
  const known = new Set((await device.groups()).map((g) => g.groupHex));
  const fresh = wanted.filter((g) => !known.has(bytesToHex(g.group)));
  const certificates = await Promise.all(fresh.map(async (g) => (await DeviceAuthor.certified(device.member, device.device, g.group)).record));
  if (certificates.length > 0) await post("/link", { records: certificates.map((r) => toBase64Url(r.envelope)) });
  for (const [i, g] of fresh.entries()) {
    const groupHex = bytesToHex(g.group);
    await device.remember({ groupHex, name: g.name });
    await (await sync.replica(groupHex)).write([certificates[i]!]);
  }
  await sync.outbox.sent(certificates.map((c) => c.id)); // the relay took them with the link request
  await context.refreshGroups();
  sync.adapter.reconnect(); // the relay now knows this device: connect again to be served its groups
  return wanted.length;
}

async function groupsOfMember(context: AppContext, unnamed: string): Promise<LinkedGroup[]> {
  const issued = await request("/auth/challenge", undefined);
  const challenge = fromBase64Url(String(issued.challenge));
  if (!challenge) throw new TakeAccountError("the relay sent a damaged challenge");
  const signature = await signMemberProof(context.device.member, challenge);
  const found = await post("/recover", {
    member: toBase64Url(context.device.member.publicKey),
    challenge: toBase64Url(challenge),
    signature: toBase64Url(signature),
  });
  const groups = Array.isArray(found.groups) ? (found.groups as string[]) : [];
  return groups.map((groupHex) => ({ group: hexToBytes(groupHex), name: unnamed }));
}

function post(path: string, body: unknown): Promise<Record<string, unknown>> {
  return request(path, { method: "POST", body: JSON.stringify(body) });
}

async function request(path: string, init: RequestInit | undefined): Promise<Record<string, unknown>> {
  const response = await fetch(path, init).catch(() => null);
  if (!response) throw new TakeAccountError("no connection to the relay; try again when you are online");
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) throw new TakeAccountError(typeof body.error === "string" ? body.error : `the relay answered ${response.status}`);
  return body;
}
