// Taking an account onto this device: adopt its member key, certify this
// device for each of its groups, and have the relay add the certificates.
// From then on the device syncs and writes for the account like any other.
import { DeviceAuthor, bytesToHex, hexToBytes, toBase64Url } from "@tally/core";
import type { AppContext } from "../app/app-context.ts";
import type { LinkedGroup } from "./link-code.ts";
import { lookUpMember, post } from "./member-lookup.ts";

/** With groups null (a recovery code), the relay is asked which groups the member key is in. */
export async function takeAccount(context: AppContext, memberSeed: Uint8Array, groups: LinkedGroup[] | null, unnamed: string): Promise<number> {
  const { device, sync } = context;
  await device.adoptMember(memberSeed);
  const wanted = groups ?? (await lookUpMember(device.member)).groups.map((groupHex) => ({ group: hexToBytes(groupHex), name: unnamed }));
  const known = new Set((await device.groups()).map((g) => g.groupHex));
  const fresh = wanted.filter((g) => !known.has(bytesToHex(g.group)));
  // A certificate is the same bytes however often it is made (no time, no deps), so a retry or another tab makes no second one.
  const certificates = await Promise.all(fresh.map(async (g) => (await DeviceAuthor.certified(device.member, device.device, g.group)).record));
  if (certificates.length > 0) await post("/link", { records: certificates.map((r) => toBase64Url(r.envelope)) });
  // Opened only now that the relay serves this device the group's documents.
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
