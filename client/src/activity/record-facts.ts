// The few records the activity list reads (a join request's date, who wrote a
// proposal, a correction's reason), parsed from the replica's ledger when
// first asked for and kept: parsing every record of a large group on each
// change would cost the phone a second.
import { parseRecord, type Ledger } from "@tally/core";
import type { RecordFacts } from "./activity.ts";

const MAX_KEPT = 10_000;
const kept = new Map<string, RecordFacts | null>();

/** `holder`: a GroupReplica, or anything else with a ledger. */
export function recordFacts(holder: { ledger: Ledger }, id: string): RecordFacts | null {
  const known = kept.get(id);
  if (known !== undefined) return known;
  const envelope = holder.ledger.envelopeOf(id);
  if (!envelope) return null; // may arrive later: not kept
  const parsed = parseRecord(envelope);
  const facts = parsed.ok ? { deviceHex: parsed.record.deviceHex, timeMs: parsed.record.timeMs, body: parsed.record.body as Record<string, unknown> } : null;
  if (kept.size >= MAX_KEPT) kept.clear();
  kept.set(id, facts);
  return facts;
}

/** device hex → account id, for one group as its ledger stands. */
export function accountsOfDevices(holder: { ledger: Ledger }, groupHex: string): Map<string, string> {
  return new Map(holder.ledger.devices(groupHex).map((d) => [d.device, d.account]));
}

