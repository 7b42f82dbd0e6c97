import { parseRecord } from "@tally/core";
import type { GroupReplica } from "@tally/documents";

/** The words a person wrote in a record (an exchange's description, a gift's note, a reason), or "". */
export function recordText(replica: GroupReplica, id: string): string {
  const envelope = replica.ledger.envelopeOf(id);
  const parsed = envelope ? parseRecord(envelope) : null;
  if (!parsed?.ok) return "";
  const body = parsed.record.body as { description?: unknown; note?: unknown; reason?: unknown };
  const text = body.description ?? body.note ?? body.reason;
  return typeof text === "string" ? text : "";
}
