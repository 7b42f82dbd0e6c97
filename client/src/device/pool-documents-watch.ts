// A pool's documents asked for before this group's relay served them: the
// relay answers "unavailable" to a document of a pool it does not keep yet
// (it keeps one once the group's pool.join has reached it), and the phone's
// repo then waits for heads that never come, since a phone never writes into
// a pool's documents. So while a pool the group joined has given this phone
// none of its records and the relay holds all of this group's records (its
// pool.join among them), the connection is made again, which asks for every
// document afresh: soon, then less and less often, while it lasts.
import type { GroupReplica } from "@tally/documents";
import type { Outbox } from "./outbox.ts";

const FIRST_RETRY_MS = 3_000;
const MAX_RETRY_MS = 5 * 60_000;

export function watchPoolDocuments(replica: GroupReplica, outbox: Outbox, reconnect: () => void): void {
  let waitMs = FIRST_RETRY_MS;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** A pool this group joined whose genesis this phone does not hold yet. */
  const missing = () => replica.joinedPools().some((poolHex) => replica.ledger.devices(poolHex).length === 0);
  const relayHoldsOurs = () => outbox.idsOf(replica.groupHex).length === 0;
  const check = () => {
    if (!missing()) {
      waitMs = FIRST_RETRY_MS;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    } else if (timer === null && relayHoldsOurs()) {
      timer = setTimeout(retry, waitMs);
    }
  };
  const retry = () => {
    timer = null;
    if (!missing() || !relayHoldsOurs()) return check();
    reconnect();
    waitMs = Math.min(MAX_RETRY_MS, waitMs * 2);
    check();
  };
  replica.onChange(check);
  outbox.onCount(check);
  check();
}
