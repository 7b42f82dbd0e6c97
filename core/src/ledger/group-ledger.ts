// One group's ledger, built record by record in causal order.
//
// A record is judged once all it names (prev, deps, and the group's genesis)
// has been judged, and only against its causal past, so the result is the
// same for any arrival order, batching or duplication. Two things are
// set-level and decided before judging: equivocation (a device that signed two
// records at one seq is frozen from there) and device revocation (records of a
// revoked device from the named seq on are void, however they were ordered).
import { bytesToHex } from "../encoding/bytes.ts";
import type { SignedRecord } from "../record/record.ts";
import { mergeClocks, withEntry, type CausalPoint } from "./causal.ts";
import { GroupState } from "./group-state.ts";
import { Balances, type Source } from "./movements.ts";
import { judge, type Verdict } from "./rules.ts";

export type EntryStatus = "waiting" | "valid" | "invalid" | "frozen";

export interface Entry {
  record: SignedRecord;
  authentic: boolean;
  status: EntryStatus;
  reason: string | null;
  point: CausalPoint | null;
  /** The author's account (hex, or "group"), once judged. */
  account: string | null;
  missing: number;
}

export interface Cutoffs {
  /** chainKey → first seq that does not count (equivocation). */
  frozen: Map<string, number>;
  /** device hex → first seq revoked. */
  revoked: Map<string, number>;
}

const GENESIS = "genesis";

function needsGenesis(record: SignedRecord): boolean {
  return record.kind !== "device" && record.kind !== "group.create";
}

export class GroupLedger {
  readonly state = new GroupState();
  readonly balances = new Balances();
  readonly entries = new Map<string, Entry>();
  readonly sources = new Map<string, Source>();
  /** Movement source of each record that created or joined one (for corrections). */
  readonly sourceOfRecord = new Map<string, string>();
  readonly authorityChains = new Set<string>();
  /** chainKey → seq → ids of authentic records. */
  readonly chains = new Map<string, Map<number, string[]>>();
  /** Valid revocations found while judging: device hex → smallest fromSeq. */
  readonly revocationsFound = new Map<string, number>();
  readonly #waiters = new Map<string, string[]>();
  readonly #certValid: Set<string>;
  /** Set when an addition changes a set-level fact that earlier judgements relied on. */
  rebuildNeeded = false;

  constructor(
    readonly groupHex: string,
    readonly cutoffs: Cutoffs,
    certValid: Set<string>,
  ) {
    this.#certValid = certValid;
  }

  /** Adds records (any order, duplicates ignored) and judges every one that has become ready. */
  add(records: readonly SignedRecord[], authentic: ReadonlySet<string>): void {
    const fresh: Entry[] = [];
    for (const record of records) {
      const known = this.entries.get(record.id);
      if (known) {
        if (!known.authentic && authentic.has(record.id)) this.rebuildNeeded = true;
        continue;
      }
      const entry: Entry = {
        record,
        authentic: authentic.has(record.id),
        status: "waiting",
        reason: null,
        point: null,
        account: null,
        missing: 0,
      };
      this.entries.set(record.id, entry);
      if (entry.authentic) this.#registerInChain(record);
      fresh.push(entry);
    }
    const ready: Entry[] = [];
    for (const entry of fresh) {
      for (const parent of this.#parents(entry.record)) {
        if (!this.#isJudged(parent)) {
          entry.missing++;
          const list = this.#waiters.get(parent);
          if (list) list.push(entry.record.id);
          else this.#waiters.set(parent, [entry.record.id]);
        }
      }
      if (entry.missing === 0) ready.push(entry);
    }
    this.#drain(ready);
  }

  #parents(record: SignedRecord): string[] {
    const parents = record.prevHex ? [record.prevHex, ...record.depsHex] : [...record.depsHex];
    if (needsGenesis(record)) parents.push(GENESIS);
    return parents;
  }

  #isJudged(parent: string): boolean {
    if (parent === GENESIS) return this.state.genesis !== null;
    const entry = this.entries.get(parent);
    return entry !== undefined && entry.status !== "waiting";
  }

  #registerInChain(record: SignedRecord): void {
    let seqs = this.chains.get(record.chainKey);
    if (!seqs) this.chains.set(record.chainKey, (seqs = new Map()));
    const ids = seqs.get(record.seq);
    if (!ids) {
      seqs.set(record.seq, [record.id]);
      return;
    }
    ids.push(record.id);
    const frozenFrom = this.cutoffs.frozen.get(record.chainKey);
    if (frozenFrom === undefined || record.seq < frozenFrom) this.rebuildNeeded = true;
  }

  #drain(ready: Entry[]): void {
    for (let next = ready.pop(); next; next = ready.pop()) {
      this.#judge(next);
      const released = [next.record.id];
      if (next.record.kind === "group.create" && next.status === "valid") released.push(GENESIS);
      for (const key of released) {
        const waiting = this.#waiters.get(key);
        if (!waiting) continue;
        this.#waiters.delete(key);
        for (const id of waiting) {
          const child = this.entries.get(id) as Entry;
          if (--child.missing === 0) ready.push(child);
        }
      }
    }
  }

  #judge(entry: Entry): void {
    const record = entry.record;
    const parents = [record.prevHex, ...record.depsHex].flatMap((id) => {
      const parent = id ? this.entries.get(id) : undefined;
      return parent?.point ? [parent.point] : [];
    });
    if (needsGenesis(record) && this.state.genesis) parents.push(this.state.genesis);
    let clock = mergeClocks(parents.map((p) => p.clock));
    if (this.authorityChains.has(record.chainKey)) clock = withEntry(clock, record.chainKey, record.seq);
    const lamport = 1 + parents.reduce((max, p) => Math.max(max, p.lamport), 0);
    entry.point = { id: record.id, chainKey: record.chainKey, seq: record.seq, lamport, clock };
    const verdict = this.#preconditions(entry) ?? judge(this, entry);
    entry.status = verdict.status;
    entry.reason = verdict.reason;
  }

  /** Checks that hold for every kind: authenticity, chain links, certificate, freezing, revocation. */
  #preconditions(entry: Entry): Verdict | null {
    const record = entry.record;
    if (!entry.authentic) {
      return { status: "invalid", reason: "signature invalid and no later record of its chain vouches for it" };
    }
    const frozenFrom = this.cutoffs.frozen.get(record.chainKey);
    if (frozenFrom !== undefined && record.seq >= frozenFrom) {
      return { status: "frozen", reason: `device signed two different records at seq ${frozenFrom} (equivocation); it is frozen from there` };
    }
    if (record.prevHex) {
      const prev = this.entries.get(record.prevHex) as Entry;
      if (prev.record.chainKey !== record.chainKey || prev.record.seq !== record.seq - 1) {
        return { status: "invalid", reason: "prev is not the previous record of this device" };
      }
    }
    for (const dep of record.depsHex) {
      if (!(this.entries.get(dep) as Entry).authentic) return { status: "invalid", reason: `depends on ${dep}, which is not authentic` };
    }
    if (record.kind === "device") {
      return this.#certValid.has(record.id) ? null : { status: "invalid", reason: "device certificate signature is invalid" };
    }
    if (!this.state.certs.has(record.chainKey)) {
      return { status: "invalid", reason: "the device's first record (its certificate) is not valid" };
    }
    const revokedFrom = this.cutoffs.revoked.get(record.deviceHex);
    if (revokedFrom !== undefined && record.seq >= revokedFrom) {
      return { status: "invalid", reason: `device was revoked from seq ${revokedFrom}` };
    }
    return null;
  }

  /** Marks a chain as able to write governance records, so later clocks track it. */
  markAuthority(entry: Entry): void {
    const point = entry.point as CausalPoint;
    if (!this.authorityChains.has(point.chainKey)) {
      this.authorityChains.add(point.chainKey);
      point.clock = withEntry(point.clock, point.chainKey, point.seq);
    }
  }

  noteRevocation(device: Uint8Array, fromSeq: number): void {
    const hex = bytesToHex(device);
    const known = this.revocationsFound.get(hex);
    if (known === undefined || fromSeq < known) this.revocationsFound.set(hex, fromSeq);
    const applied = this.cutoffs.revoked.get(hex);
    if (applied === undefined || fromSeq < applied) this.rebuildNeeded = true;
  }

  /** Records not yet judged, with what each is waiting for. */
  waiting(): { id: string; reason: string }[] {
    const out: { id: string; reason: string }[] = [];
    for (const entry of this.entries.values()) {
      if (entry.status !== "waiting") continue;
      const missing = this.#parents(entry.record).filter((p) => !this.#isJudged(p));
      const first = missing[0] as string;
      let reason: string;
      if (first === GENESIS) reason = "waiting for the group's genesis record";
      else if (first === entry.record.prevHex) reason = `waiting for seq ${entry.record.seq - 1} of its device (${first})`;
      else reason = `waiting for record ${first}`;
      out.push({ id: entry.record.id, reason });
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : 1));
  }
}
