// Signs a record with this device and writes it into the group's replica.
import { MAX_DEPS, type Body, type RecordKind } from "@tally/core";
import type { GroupReplica } from "@tally/documents";
import type { Device } from "../device/device.ts";

export async function writeRecord<K extends RecordKind>(replica: GroupReplica, device: Device, kind: K, body: Body<K>, deps: string[] = []): Promise<void> {
  const author = replica.authorFor(device.device);
  // Naming the heads this device has seen puts the record after everything it knew (the rules judge it there).
  const seen = [...deps, ...replica.seenHeads(device.device.publicKey)].slice(0, MAX_DEPS);
  const record = await author.write(kind, body, { deps: seen, timeMs: Date.now() });
  await replica.write([record]);
}
