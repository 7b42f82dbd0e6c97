// Every device creates a group's documents from the same first change (fixed
// actor, time 0), so documents created offline on two devices share a root
// and their maps merge as a union instead of one hiding the other. The 256
// shard maps exist from the start for the same reason.
import * as Automerge from "@automerge/automerge";

export interface IndexDoc {
  /** Volume numbers in use, as keys ("1", "2", …). */
  volumes: Record<string, true>;
}

export interface VolumeDoc {
  /** Records by shard (first two hex digits of the id), then by id: the envelope bytes. */
  records: Record<string, Record<string, Uint8Array>>;
}

const GENESIS_ACTOR = "7a11e7a11e7a11e7a11e7a11e7a11e00";

export const SHARDS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

export function shardOf(id: string): string {
  return id.slice(0, 2);
}

function genesis<T>(message: string, init: (doc: T) => void): Uint8Array {
  const doc = Automerge.change(Automerge.init<T>({ actor: GENESIS_ACTOR }), { time: 0, message }, init);
  return Automerge.save(doc);
}

export const INDEX_GENESIS = genesis<IndexDoc>("tally group index v1", (doc) => {
  doc.volumes = {};
});

export const VOLUME_GENESIS = genesis<VolumeDoc>("tally record volume v1", (doc) => {
  doc.records = {};
  for (const shard of SHARDS) doc.records[shard] = {};
});
