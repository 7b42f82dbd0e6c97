// What a member did to a group's shared documents that honest devices never
// do: deleting entries, filing bytes under a record's key that are not that
// record, replacing the documents' maps with something else, or sending far
// more than a person writes. The relay notes it, with the authenticated device
// that sent it; coordinators read it and can remove the member as usual.
import type { LedgerView } from "@tally/core";

export interface DocumentEdit {
  atMs: number;
  /** The device that sent the change (authenticated by the relay) and its account ("<group>:<member>"). */
  deviceHex: string;
  account: string;
  /** 0 for the group's index, n for record volume n. */
  document: number;
  /** Entries deleted (records, shard maps, volume listings). */
  deletions: number;
  /** Keys given bytes that are not the record the key names, or given something other than bytes. */
  rewrites: number;
  /** `records`, `volumes` or a shard map replaced by something that is not a map. */
  reshapes: number;
  /** Bytes of changes this device sent to the group's documents within the hour, when past the flood threshold. */
  floodBytes: number;
  /** True when the relay refused the change (it never reached the documents): who tried what, all the same. */
  refused?: boolean;
  /** A few of the keys involved, for the record. */
  keys: string[];
}

export interface EditReportRow {
  atMs: number;
  memberName: string;
  account: string;
  /** In English, for logs; a screen words it from `edit`. */
  what: string;
  edit: DocumentEdit;
}

/** The relay's report, for a coordinator's screen: who (by name), when, what, newest first. */
export function describeEdits(edits: readonly DocumentEdit[], view: LedgerView): EditReportRow[] {
  return [...edits]
    .sort((a, b) => b.atMs - a.atMs || a.deviceHex.localeCompare(b.deviceHex))
    .map((edit) => ({
      atMs: edit.atMs,
      account: edit.account,
      memberName: view.accounts[edit.account]?.name ?? `unknown member ${edit.account.split(":")[1]?.slice(0, 8) ?? "?"}`,
      what: summary(edit),
      edit,
    }));
}

function summary(edit: DocumentEdit): string {
  const place = edit.document === 0 ? "the group's index" : `record volume ${edit.document}`;
  const parts = [
    edit.deletions > 0 ? `deleted ${edit.deletions} ${edit.deletions === 1 ? "entry" : "entries"}` : "",
    edit.rewrites > 0 ? `overwrote ${edit.rewrites} ${edit.rewrites === 1 ? "record" : "records"} with something else` : "",
    edit.reshapes > 0 ? `replaced ${edit.reshapes} of its maps` : "",
    edit.floodBytes > 0 ? `sent ${Math.round(edit.floodBytes / 1024 / 1024)} MB within an hour` : "",
  ].filter(Boolean);
  return edit.refused ? `tried to: ${parts.join(", ")} in ${place} (the relay refused it)` : `${parts.join(", ")} in ${place}`;
}
