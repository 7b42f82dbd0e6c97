// What every tab of a group is given: the group as this phone sees it, this
// member, and the ways to sign records. Made once per view by GroupPage, so
// the tabs agree on counts and share what outlives a tab (a face-to-face code).
import type { AccountView, Body, ExchangeView, LedgerView, PoolExchange, RecordKind } from "@tally/core";
import type { GroupReplica } from "@tally/documents";
import type { AppContext } from "../app/app-context.ts";
import type { SpendCheck } from "../app/SpendLimit.tsx";
import type { GroupPool } from "../town/pools-of.ts";

export type Exchange = ExchangeView;

export interface GroupSession {
  context: AppContext;
  groupHex: string;
  replica: GroupReplica;
  view: LedgerView;
  /** This member's account id. */
  me: string;
  mine: AccountView;
  coordinator: boolean;
  /** Every account that is or was a member (not the group's pot, not a declined request). */
  members: [string, AccountView][];
  /** Active members other than me, as [id, name]. */
  others: [string, string][];
  /** Exchanges waiting for this member's answer (or, for a coordinator, a proxy member's they keep). */
  waitingForMe: Exchange[];
  /** Proxy members this coordinator answers for (none for a member). */
  proxies: string[];
  joinRequestCount: number;
  /** The town pools this group is in, asked to join, left, or is (the Town tab shows when there is one). */
  pools: GroupPool[];
  /** Payments from people in other groups waiting for this member (or a proxy member they keep) to accept. */
  poolWaiting: PoolExchange[];
  write: <K extends RecordKind>(kind: K, body: Body<K>, deps?: string[]) => Promise<void>;
  overspend: SpendCheck;
  /** The face-to-face code this phone shows now, if any ("" once a code was read). */
  code: string | null;
  setCode(code: string | null): void;
  /** Shows a code of this device's latest records (the new one last, with the two before it). */
  showOwnRecords(): void;
}
