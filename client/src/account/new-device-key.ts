// A frozen device (it signed two different records at one place in its chain,
// as when an old backup of the phone is restored) never counts again. Its
// member goes on with a new device key, certified by their member key in each
// of this device's groups and taken by the relay like a second phone's. The
// account and its balance belong to the member key, so they stay.
import { bytesToHex, toBase64Url, type LedgerView } from "@tally/core";
import type { AppContext } from "../app/app-context.ts";
import { post } from "./member-lookup.ts";

/** The relay takes this many certificates in one request at most. */
const LINK_BATCH = 32;
/** Standings in which the relay takes a member's new device. */
const LINKABLE = new Set(["none", "active", "suspended"]);

/** The equivocation that froze this device in the group, if any. */
export function frozenAt(view: LedgerView, groupHex: string, deviceHex: string): number | null {
  return view.equivocations.find((e) => e.group === groupHex && e.device === deviceHex)?.seq ?? null;
}

/** Certifies a new device key in every group this device is in, then makes it this device's key. */
export async function certifyNewDeviceKey(context: AppContext): Promise<void> {
  const { device, sync } = context;
  await device.replaceDeviceKey(async (next) => {
    const certificates: { id: string; envelope: Uint8Array }[] = [];
    for (const { groupHex } of await device.groups()) {
      const replica = await sync.replica(groupHex);
      const standing = replica.view().accounts[`${groupHex}:${bytesToHex(device.member.publicKey)}`]?.status ?? "none";
      if (LINKABLE.has(standing)) certificates.push(await replica.certify(device.member, next));
    }
    for (let i = 0; i < certificates.length; i += LINK_BATCH) {
      await post("/link", { records: certificates.slice(i, i + LINK_BATCH).map((r) => toBase64Url(r.envelope)) });
    }
    await sync.outbox.sent(certificates.map((c) => c.id)); // the relay took them with the link request
  });
}
