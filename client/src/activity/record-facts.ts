// The few records the activity list reads (a join request's date, who wrote a
// proposal, a correction's reason), parsed from the replica's ledger when
// first asked for and kept: parsing every record of a large group on each
// change would cost the phone a second.
import { parseRecord } from "@tally/core";
import type { GroupReplica } from "@tally/documents";
import type { RecordFacts } from "./activity.ts";

const MAX_KEPT = 10_000;
const kept = new Map<string, RecordFacts | null>();

export function recordFacts(replica: GroupReplica, id: string): RecordFacts | null {
  const known = kept.get(id);
  if (known !== undefined) return known;
  const envelope = replica.ledger.envelopeOf(id);
  if (!envelope) return null; // may arrive later: not kept
  const parsed = parseRecord(envelope);
  const facts = parsed.ok ? { deviceHex: parsed.record.deviceHex, timeMs: parsed.record.timeMs, body: parsed.record.body as Record<string, unknown> } : null;
  if (kept.size >= MAX_KEPT) kept.clear();
  kept.set(id, facts);
  return facts;
}

/** device hex → account id, for one group as its ledger stands. */
export function accountsOfDevices(replica: GroupReplica, groupHex: string): Map<string, string> {
  return new Map(replica.ledger.devices(groupHex).map((d) => [d.device, d.account]));
}

