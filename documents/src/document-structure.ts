// Every member can edit a group's documents, so their shape is never assumed:
// `records` may have been replaced by a string, a shard map deleted, a record
// replaced by a map, the index's `volumes` by a list. Reading skips what is not
// in shape; writing first puts the shape back, so no member's edit can stop
// another member's writes. (What was lost with the old shape is put back by
// the replicas that hold it: the removal shows in the change.)
import * as Automerge from "@automerge/automerge";
import { MAX_VOLUMES } from "./doc-ids.ts";
import { SHARDS, type IndexDoc, type VolumeDoc } from "./genesis.ts";
import type { RecordEnvelope } from "./group-documents.ts";

/** An Automerge map (not a list, text, bytes, counter or scalar). */
export function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && typeof Automerge.getObjectId(value) === "string";
}

/** The envelopes filed in a volume, skipping anything not in shape. */
export function recordsOf(doc: VolumeDoc | undefined): RecordEnvelope[] {
  const out: RecordEnvelope[] = [];
  const records: unknown = doc?.records;
  if (!isMap(records)) return out;
  for (const shard of SHARDS) {
    const filed = records[shard];
    if (!isMap(filed)) continue;
    for (const id of Object.keys(filed)) {
      const envelope = filed[id];
      if (envelope instanceof Uint8Array) out.push({ id, envelope });
    }
  }
  return out;
}

/** Ids of the records filed in a volume. */
export function idsOf(doc: VolumeDoc | undefined): string[] {
  return recordsOf(doc).map((r) => r.id);
}

/** Inside a change: puts back `records` and its 256 shard maps wherever they are not maps. Returns how many it put back. */
export function repairVolume(doc: VolumeDoc): number {
  let repaired = 0;
  if (!isMap(doc.records)) {
    doc.records = {};
    repaired++;
  }
  for (const shard of SHARDS) {
    if (!isMap(doc.records[shard])) {
      doc.records[shard] = {};
      repaired++;
    }
  }
  return repaired;
}

/** Volume numbers the index lists in the form devices write (`"n": true`, 1 ≤ n ≤ MAX_VOLUMES); anything else is ignored. */
export function listedVolumes(doc: IndexDoc | undefined): number[] {
  const volumes: unknown = doc?.volumes;
  if (!isMap(volumes)) return [];
  return Object.keys(volumes)
    .filter((key) => volumes[key] === true && /^[1-9][0-9]{0,5}$/.test(key) && Number(key) <= MAX_VOLUMES)
    .map(Number);
}

/** Inside a change: makes `volumes` a map again and lists these volumes in it. */
export function repairIndex(doc: IndexDoc, volumes: readonly number[]): void {
  if (!isMap(doc.volumes)) doc.volumes = {};
  for (const n of volumes) if (doc.volumes[String(n)] !== true) doc.volumes[String(n)] = true;
}
