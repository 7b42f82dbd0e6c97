import type { Body, RecordKind } from "@tally/core";

/**
 * Signs a record with this device and writes it into the group's replica.
 * `deps` names records the rule needs the author to have seen (the join
 * request approved, the listing closed, the exchange corrected).
 */
export type Write = <K extends RecordKind>(kind: K, body: Body<K>, deps?: string[]) => Promise<void>;
