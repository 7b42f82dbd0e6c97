// What a phone hands over face to face: its last records in the group and,
// when they name a record of its town chain (a coordinator's records name its
// latest decision or listing there, PROTOCOL §12.9), that chain's last
// records up to it, so a phone that has not synced them yet can judge the
// exchange at once. As many of those as fit in one code, newest kept.
import { parseRecord, type Signer } from "@tally/core";
import type { GroupReplica } from "@tally/documents";
import { MAX_CODE_CHARS, encodeCode } from "./code.ts";

/** This device's own records handed over: the exchange just signed and the two before it. */
const OWN_RECORDS = 3;
/** Its town chain's records handed over at most. */
const TOWN_RECORDS = 3;

export function handOverCode(replica: GroupReplica, keys: { device: Signer; town: Signer }): string {
  const own = replica.ownRecent(keys.device.publicKey, OWN_RECORDS);
  const named = new Set(own.flatMap((envelope) => parsedOf(envelope)?.depsHex ?? []));
  const town = replica.ownRecent(keys.town.publicKey, TOWN_RECORDS);
  const newestNamed = town.findLastIndex((envelope) => named.has(parsedOf(envelope)?.id ?? ""));
  let needed = town.slice(0, newestNamed + 1);
  let code = encodeCode([...needed, ...own]);
  while (needed.length > 0 && code.length > MAX_CODE_CHARS) {
    needed = needed.slice(1);
    code = encodeCode([...needed, ...own]);
  }
  return code;
}

function parsedOf(envelope: Uint8Array) {
  const parsed = parseRecord(envelope);
  return parsed.ok ? parsed.record : null;
}
