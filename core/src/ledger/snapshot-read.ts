// Restores a group's judged state from a snapshot (snapshot.ts), given the
// parsed records it covers. Checks the snapshot's shape as it goes: a
// snapshot that names a record not held, or is not what snapshot-write.ts
// writes, throws, and the caller derives from scratch instead.
import type { SignedRecord } from "../record/record.ts";
import type { Clock } from "./causal.ts";
import { Entry, GroupLedger, type LedgerFacts } from "./group-ledger.ts";
import type { AccountInfo, GroupState, JoinRequest, ListingFields, Ruling } from "./group-state.ts";
import type { Delta, Source } from "./movements.ts";
import { effectiveDeltas } from "./movements.ts";
import { ENTRY_FIELDS, STATUS_CODES, type GroupData, type GroupStateData, type RulingData, type RulingMapData, type SourceData } from "./snapshot.ts";

export class SnapshotReader {
  readonly #clocks: Clock[];

  constructor(
    readonly sorted: readonly SignedRecord[],
    readonly strings: readonly string[],
    clocks: readonly number[][],
  ) {
    this.#clocks = clocks.map((flat) => {
      const clock = new Map<string, number>();
      for (let i = 0; i < flat.length; i += 2) clock.set(this.s(flat[i]), flat[i + 1] as number);
      return clock;
    });
  }

  /** The covered record at a place in id order. */
  rec(index: number | undefined): SignedRecord {
    const record = index === undefined ? undefined : this.sorted[index];
    if (record === undefined) throw new Error(`snapshot names record ${index}, which is not held`);
    return record;
  }

  id(index: number | undefined): string {
    return this.rec(index).id;
  }

  s(index: number | undefined): string {
    const text = index === undefined ? undefined : this.strings[index];
    if (text === undefined) throw new Error(`snapshot names string ${index}, which it does not hold`);
    return text;
  }

  maybe(index: number | undefined): string | null {
    return index === -1 ? null : this.s(index);
  }

  clock(index: number | undefined): Clock {
    if (index === -1) return null;
    const clock = index === undefined ? undefined : this.#clocks[index];
    if (clock === undefined) throw new Error(`snapshot names clock ${index}, which it does not hold`);
    return clock;
  }
}

/** A settled group as the snapshot recorded it; its waiting records are parked again. */
export function restoreGroup(data: GroupData, r: SnapshotReader, authentic: ReadonlySet<string>, facts: LedgerFacts): GroupLedger {
  const groupHex = r.s(data.hex);
  const group = new GroupLedger(groupHex, { frozen: pairMap(data.frozen, r), revoked: pairMap(data.revoked, r) }, facts);
  const held = (index: number | undefined): SignedRecord => {
    const record = r.rec(index);
    if (record.groupHex !== groupHex) throw new Error(`snapshot judges ${record.id} in group ${groupHex}, which is not its group`);
    return record;
  };
  const flat = data.entries;
  if (flat.length % ENTRY_FIELDS !== 0) throw new Error("snapshot entries are cut short");
  for (let i = 0; i < flat.length; i += ENTRY_FIELDS) {
    const record = held(flat[i]);
    const entry = new Entry(record, authentic.has(record.id));
    const status = STATUS_CODES[flat[i + 1] as number];
    if (status === undefined) throw new Error("snapshot has an unknown status");
    entry.status = status;
    entry.lamport = flat[i + 2] as number;
    entry.clock = r.clock(flat[i + 3]);
    entry.account = r.maybe(flat[i + 4]);
    entry.reason = r.maybe(flat[i + 5]);
    group.adopt(entry);
  }
  for (const chain of data.authorityChains) group.authorityChains.add(r.s(chain));
  const point = (id: string): Entry => {
    const entry = group.entries.get(id);
    if (entry === undefined) throw new Error(`snapshot rules by ${id}, which it did not judge`);
    return entry;
  };
  restoreState(group.state, data.state, r, point);
  for (const source of data.sources) group.sources.set(r.s(source[0]), restoreSource(source, r));
  for (let i = 0; i < data.sourceOfRecord.length; i += 2) group.sourceOfRecord.set(r.id(data.sourceOfRecord[i]), r.s(data.sourceOfRecord[i + 1]));
  for (let i = 0; i < data.balances.length; i += 2) group.balances.restore(r.s(data.balances[i]), data.balances[i + 1] as number);
  group.settled = true;
  group.add(data.waiting.map((index) => held(index)), authentic);
  return group;
}

function pairMap(flat: readonly number[], r: SnapshotReader): Map<string, number> {
  const map = new Map<string, number>();
  for (let i = 0; i < flat.length; i += 2) map.set(r.s(flat[i]), flat[i + 1] as number);
  return map;
}

function restoreSource(data: SourceData, r: SnapshotReader): Source {
  const [id, kind, fixedData, exchangeData, corrections] = data;
  const deltas = (flat: readonly number[]): Delta[] => {
    const out: Delta[] = [];
    for (let i = 0; i < flat.length; i += 2) out.push([r.s(flat[i]), flat[i + 1] as number]);
    return out;
  };
  let exchange: Source["exchange"] = null;
  if (exchangeData !== null) {
    const [payer, payerSigned, payerAlone, legsFlat, declines] = exchangeData;
    const legs = [];
    for (let i = 0; i < legsFlat.length; i += 3) legs.push({ payee: r.s(legsFlat[i]), minutes: legsFlat[i + 1] as number, payeeSigned: legsFlat[i + 2] === 1 });
    exchange = { payer: r.s(payer), payerSigned, payerAlone, legs, declines: declines.map(([record, parties]) => ({ record: r.id(record), parties: parties.map((p) => r.s(p)) })) };
  }
  const source: Source = {
    id: r.s(id),
    kind: kind as Source["kind"],
    fixed: new Map(fixedData.map(([record, flat]) => [r.id(record), deltas(flat)])),
    exchange,
    corrections: corrections.map((c) => r.id(c)),
    applied: [],
  };
  // What a source has applied is always its effective deltas (Balances.update).
  source.applied = effectiveDeltas(source);
  return source;
}

function restoreState(state: GroupState, data: GroupStateData, r: SnapshotReader, point: (id: string) => Entry): void {
  const ruling = <T>([id, clock, value]: RulingData): Ruling<T> => {
    const at = point(r.id(id));
    return { id: at.id, chainKey: at.chainKey, seq: at.seq, lamport: at.lamport, clock: r.clock(clock), value: value as T };
  };
  const fill = <T>(map: Map<string, Ruling<T>[]>, rulings: RulingMapData): void => {
    for (const [key, list] of rulings) map.set(r.s(key), list.map((x) => ruling<T>(x)));
  };
  fill(state.status, data.status);
  fill(state.role, data.role);
  fill(state.standingReasons, data.standingReasons);
  fill(state.limit, data.limit);
  fill(state.profiles, data.profiles);
  fill(state.recoveryByAccount, data.recoveryByAccount);
  fill(state.recoveryByKey, data.recoveryByKey);
  fill(state.poolStanding, data.poolStanding);
  for (const s of data.settings) state.settings.push(ruling(s));
  state.genesis = data.genesis === null ? null : ruling(data.genesis);
  for (const [account, describedBy, name, memberKind, proxy] of data.accounts) {
    const info: AccountInfo = { name, memberKind, proxy };
    if (describedBy !== -1) info.describedBy = r.id(describedBy);
    state.accounts.set(r.s(account), info);
  }
  for (const join of data.joins as JoinRequest[]) state.joins.set(join.id, join);
  for (const id of data.decidedJoins) state.decidedJoins.add(r.id(id));
  for (const l of data.listings) {
    const id = r.id(l.id);
    const answers = new Map<string, Ruling<boolean>[]>();
    fill(answers, l.answers);
    state.listings.set(id, {
      id,
      type: l.type,
      account: r.s(l.account),
      created: point(id),
      fields: l.fields as ListingFields,
      updates: l.updates.map((u) => ruling(u)),
      closedBy: l.closedBy.map((c) => r.id(c)),
      answers,
    });
  }
  for (let i = 0; i < data.certs.length; i += 2) state.certs.set(r.s(data.certs[i]), r.s(data.certs[i + 1]));
}
