// Signs a record with this device and keeps it in the group's replica: the
// kinds a town can see on the device's town chain, the rest on its own
// (GroupReplica.signAs).
import type { Body, RecordKind } from "@tally/core";
import type { GroupReplica } from "@tally/documents";
import type { Device } from "../device/device.ts";

/** Resolves once the record is stored on this device; rejects with a reason a person can read. */
export async function writeRecord<K extends RecordKind>(replica: GroupReplica, device: Device, kind: K, body: Body<K>, deps: string[] = []): Promise<void> {
  await replica.signAs(device, kind, body, { deps, timeMs: Date.now() });
}
