// Writes a ledger's judged state as a snapshot (snapshot.ts). Pure: reads
// the ledger, changes nothing.
import type { SignedRecord } from "../record/record.ts";
import type { Clock, CausalPoint } from "./causal.ts";
import type { GroupLedger } from "./group-ledger.ts";
import type { GroupState, Ruling } from "./group-state.ts";
import type { Source } from "./movements.ts";
import { ENTRY_FIELDS, STATUS_CODES, type GroupData, type GroupStateData, type RulingData, type RulingMapData, type SourceData } from "./snapshot.ts";

/** Records by their place in id order; strings and clocks, each written once and named by index. */
export class SnapshotTables {
  readonly strings: string[] = [];
  readonly #recordIndex = new Map<string, number>();

  constructor(sorted: readonly SignedRecord[]) {
    sorted.forEach((record, i) => this.#recordIndex.set(record.id, i));
  }

  /** A covered record's place in id order. */
  rec(id: string): number {
    const index = this.#recordIndex.get(id);
    if (index === undefined) throw new Error(`the snapshot would name ${id}, which the ledger does not hold`);
    return index;
  }

  readonly clocks: number[][] = [];
  readonly #stringIndex = new Map<string, number>();
  readonly #clockIndex = new Map<object, number>();

  s(text: string): number {
    let index = this.#stringIndex.get(text);
    if (index === undefined) {
      index = this.strings.length;
      this.strings.push(text);
      this.#stringIndex.set(text, index);
    }
    return index;
  }

  /** -1 for null. */
  maybe(text: string | null | undefined): number {
    return text === null || text === undefined ? -1 : this.s(text);
  }

  clock(clock: Clock): number {
    if (clock === null) return -1;
    let index = this.#clockIndex.get(clock);
    if (index === undefined) {
      const flat: number[] = [];
      for (const [chain, seq] of [...clock].sort(([a], [b]) => (a < b ? -1 : 1))) flat.push(this.s(chain), seq);
      index = this.clocks.length;
      this.clocks.push(flat);
      this.#clockIndex.set(clock, index);
    }
    return index;
  }
}

export function groupData(group: GroupLedger, t: SnapshotTables): GroupData {
  if (!group.settled || group.rebuildNeeded) throw new Error("only a settled group can be snapshotted");
  const entries: number[] = [];
  const waiting: number[] = [];
  for (const entry of group.entries.values()) {
    if (entry.status === "waiting") {
      waiting.push(t.rec(entry.id));
      continue;
    }
    entries.push(t.rec(entry.id), STATUS_CODES.indexOf(entry.status), entry.lamport, t.clock(entry.clock), t.maybe(entry.account), t.maybe(entry.reason));
  }
  if (entries.length % ENTRY_FIELDS !== 0) throw new Error("snapshot entries out of step");
  return {
    hex: t.s(group.groupHex),
    entries,
    waiting,
    frozen: pairs(group.cutoffs.frozen, t),
    revoked: pairs(group.cutoffs.revoked, t),
    authorityChains: [...group.authorityChains].sort().map((c) => t.s(c)),
    sources: [...group.sources.values()].map((source) => sourceData(source, t)),
    sourceOfRecord: [...group.sourceOfRecord].flatMap(([record, source]) => [t.rec(record), t.s(source)]),
    balances: group.balances.accounts().flatMap((account) => [t.s(account), group.balances.get(account)]),
    state: stateData(group.state, t),
  };
}

function pairs(map: ReadonlyMap<string, number>, t: SnapshotTables): number[] {
  return [...map].sort(([a], [b]) => (a < b ? -1 : 1)).flatMap(([key, value]) => [t.s(key), value]);
}

function sourceData(source: Source, t: SnapshotTables): SourceData {
  const fixed = [...source.fixed].map(([record, deltas]): [number, number[]] => [t.rec(record), deltas.flatMap(([account, minutes]) => [t.s(account), minutes])]);
  const exchange = source.exchange;
  return [
    t.s(source.id),
    source.kind,
    fixed,
    exchange === null
      ? null
      : [
          t.s(exchange.payer),
          exchange.payerSigned,
          exchange.payerAlone,
          exchange.legs.flatMap((leg) => [t.s(leg.payee), leg.minutes, leg.payeeSigned ? 1 : 0]),
          exchange.declines.map((d): [number, number[]] => [t.rec(d.record), d.parties.map((p) => t.s(p))]),
        ],
    source.corrections.map((c) => t.rec(c)),
  ];
}

function rulingData(ruling: Ruling<unknown> | CausalPoint & { value: unknown }, t: SnapshotTables): RulingData {
  return [t.rec(ruling.id), t.clock(ruling.clock), ruling.value];
}

function rulingMap(map: ReadonlyMap<string, Ruling<unknown>[]>, t: SnapshotTables): RulingMapData {
  return [...map].map(([key, rulings]): [number, RulingData[]] => [t.s(key), rulings.map((r) => rulingData(r, t))]);
}

function stateData(state: GroupState, t: SnapshotTables): GroupStateData {
  return {
    status: rulingMap(state.status, t),
    role: rulingMap(state.role, t),
    standingReasons: rulingMap(state.standingReasons, t),
    limit: rulingMap(state.limit, t),
    profiles: rulingMap(state.profiles, t),
    recoveryByAccount: rulingMap(state.recoveryByAccount, t),
    recoveryByKey: rulingMap(state.recoveryByKey, t),
    poolStanding: rulingMap(state.poolStanding, t),
    settings: state.settings.map((r) => rulingData(r, t)),
    genesis: state.genesis ? rulingData(state.genesis, t) : null,
    accounts: [...state.accounts].map(([account, info]) => [t.s(account), info.describedBy === undefined ? -1 : t.rec(info.describedBy), info.name, info.memberKind, info.proxy]),
    joins: [...state.joins.values()],
    decidedJoins: [...state.decidedJoins].map((id) => t.rec(id)),
    listings: [...state.listings.values()].map((l) => ({
      id: t.rec(l.id),
      type: l.type,
      account: t.s(l.account),
      fields: l.fields,
      updates: l.updates.map((r) => rulingData(r, t)),
      closedBy: l.closedBy.map((id) => t.rec(id)),
      answers: rulingMap(l.answers, t),
    })),
    certs: [...state.certs].flatMap(([chain, key]) => [t.s(chain), t.s(key)]),
  };
}
