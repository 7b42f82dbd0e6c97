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
import { mergeClocks, withEntry, type CausalPoint, type Clock } from "./causal.ts";
import { GroupState } from "./group-state.ts";
import { Balances, type Source } from "./movements.ts";
import { judge, type Verdict } from "./rules.ts";

export type EntryStatus = "waiting" | "valid" | "invalid" | "frozen";

const NO_PARENTS: readonly CausalPoint[] = Object.freeze([]);

/** A record as judged in one group; it is also its own causal point. */
export class Entry implements CausalPoint {
  readonly id: string;
  readonly chainKey: string;
  readonly seq: number;
  lamport = 0;
  clock: Clock = null;
  status: EntryStatus = "waiting";
  reason: string | null = null;
  /** The author's account (hex, or "group"), once judged. */
  account: string | null = null;
  /** Parked until a missing parent arrives. */
  blocked = false;
  /** On the depth-first stack now. */
  visiting = false;
  /** How many of prev and deps are known judged, and their causal points. */
  scanned = 0;
  parents: CausalPoint[] = NO_PARENTS as CausalPoint[];

  constructor(
    readonly record: SignedRecord,
    readonly authentic: boolean,
  ) {
    this.id = record.id;
    this.chainKey = record.chainKey;
    this.seq = record.seq;
  }

  get judged(): boolean {
    return this.status !== "waiting";
  }
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
  /** chainKey → seq → id of the authentic record there (an array only after an equivocation). */
  readonly chains = new Map<string, Map<number, string | string[]>>();
  /** Records parked by the id (or GENESIS) of the parent they wait for. */
  readonly #parked = new Map<string, Entry[]>();
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

  /** Adds records (any order, duplicates ignored) and judges every one whose causal past is complete. */
  add(records: readonly SignedRecord[], authentic: ReadonlySet<string>): void {
    const fresh: Entry[] = [];
    for (const record of records) {
      const known = this.entries.get(record.id);
      if (known) {
        if (!known.authentic && authentic.has(record.id)) this.rebuildNeeded = true;
        continue;
      }
      const entry = new Entry(record, authentic.has(record.id));
      this.entries.set(record.id, entry);
      if (entry.authentic) this.#registerInChain(record);
      fresh.push(entry);
    }
    this.#freezeEquivocations(fresh);
    // The genesis first: every other record of the group waits for it.
    const work = fresh.filter((e) => e.record.kind === "group.create");
    for (const entry of fresh) {
      work.push(entry);
      this.#wake(entry.record.id, work);
    }
    this.#visit(work);
  }

  /** Depth-first: judges each record after its parents; a record with a missing parent is parked until it arrives. */
  #visit(work: Entry[]): void {
    while (work.length > 0) {
      const entry = work[work.length - 1] as Entry;
      if (entry.status !== "waiting" || entry.blocked) {
        entry.visiting = false;
        work.pop();
        continue;
      }
      // Authenticity needs no causal past: a forged record is refused at once.
      const next = entry.authentic ? this.#firstUnjudgedParent(entry) : null;
      if (next === null) {
        work.pop();
        entry.visiting = false;
        this.#judge(entry);
        this.#wake(entry.record.id, work);
        if (this.state.genesis?.id === entry.record.id) this.#wake(GENESIS, work);
      } else if (typeof next === "string" || next.visiting) {
        work.pop();
        entry.visiting = false;
        entry.blocked = true;
        const key = typeof next === "string" ? next : next.record.id;
        const parked = this.#parked.get(key);
        if (parked) parked.push(entry);
        else this.#parked.set(key, [entry]);
      } else {
        entry.visiting = true;
        work.push(next);
      }
    }
  }

  #wake(key: string, work: Entry[]): void {
    const parked = this.#parked.get(key);
    if (!parked) return;
    this.#parked.delete(key);
    for (const entry of parked) {
      entry.blocked = false;
      work.push(entry);
    }
  }

  /**
   * The first parent not yet judged: an entry to judge first, or the key of
   * what is missing; null once all are judged. Resumes where it stopped, and
   * collects the judged parents for #judge.
   */
  #firstUnjudgedParent(entry: Entry): Entry | string | null {
    const record = entry.record;
    const ids = record.depsHex;
    const offset = record.prevHex === null ? 0 : 1;
    for (; entry.scanned < ids.length + offset; entry.scanned++) {
      const id = entry.scanned < offset ? (record.prevHex as string) : (ids[entry.scanned - offset] as string);
      const parent = this.entries.get(id);
      if (parent === undefined) return id;
      if (parent.status === "waiting") return parent.blocked ? id : parent;
      if (entry.parents === NO_PARENTS) entry.parents = [];
      entry.parents.push(parent);
    }
    if (this.state.genesis === null && needsGenesis(record)) return GENESIS;
    return null;
  }

  #registerInChain(record: SignedRecord): void {
    let seqs = this.chains.get(record.chainKey);
    if (!seqs) this.chains.set(record.chainKey, (seqs = new Map()));
    const ids = seqs.get(record.seq);
    if (ids === undefined) seqs.set(record.seq, record.id);
    else if (typeof ids === "string") seqs.set(record.seq, [ids, record.id]);
    else ids.push(record.id);
  }

  /** Ids of the authentic records at one seq of a chain. */
  idsAt(chainKey: string, seq: number): string[] {
    const ids = this.chains.get(chainKey)?.get(seq);
    return ids === undefined ? [] : typeof ids === "string" ? [ids] : ids;
  }

  /**
   * Two authentic records at one (device, seq) freeze the device from that
   * seq. Found before judging; if it reaches records already judged, the
   * group must be judged again.
   */
  #freezeEquivocations(fresh: readonly Entry[]): void {
    for (const entry of fresh) {
      const record = entry.record;
      if (!entry.authentic || this.idsAt(record.chainKey, record.seq).length < 2) continue;
      const frozenFrom = this.cutoffs.frozen.get(record.chainKey);
      if (frozenFrom !== undefined && frozenFrom <= record.seq) continue;
      this.cutoffs.frozen.set(record.chainKey, record.seq);
      const judged = [...(this.chains.get(record.chainKey) as Map<number, string | string[]>).keys()].some(
        (seq) => seq >= record.seq && this.idsAt(record.chainKey, seq).some((id) => (this.entries.get(id) as Entry).status !== "waiting"),
      );
      if (judged) this.rebuildNeeded = true;
    }
  }

  #judge(entry: Entry): void {
    const record = entry.record;
    const parents = entry.parents === NO_PARENTS ? [] : entry.parents;
    if (needsGenesis(record) && this.state.genesis) parents.push(this.state.genesis);
    let clock = mergeClocks(parents);
    if (this.authorityChains.has(record.chainKey)) clock = withEntry(clock, record.chainKey, record.seq);
    let lamport = 0;
    for (const parent of parents) if (parent.lamport > lamport) lamport = parent.lamport;
    lamport += 1;
    entry.lamport = lamport;
    entry.clock = clock;
    const verdict = this.#preconditions(entry) ?? judge(this, entry);
    entry.status = verdict.status;
    entry.reason = verdict.reason;
    entry.parents = NO_PARENTS as CausalPoint[];
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
    if (!this.authorityChains.has(entry.chainKey)) {
      this.authorityChains.add(entry.chainKey);
      entry.clock = withEntry(entry.clock, entry.chainKey, entry.seq);
    }
  }

  /**
   * A valid revocation voids the device's records from fromSeq on, whatever
   * order they arrived in. Later records are refused as they are judged; if
   * some were judged already, the group must be judged again.
   */
  noteRevocation(device: Uint8Array, fromSeq: number): void {
    const hex = bytesToHex(device);
    const applied = this.cutoffs.revoked.get(hex);
    if (applied !== undefined && applied <= fromSeq) return;
    this.cutoffs.revoked.set(hex, fromSeq);
    const chainKey = `${this.groupHex}/${hex}`;
    for (const seq of this.chains.get(chainKey)?.keys() ?? []) {
      if (seq >= fromSeq && this.idsAt(chainKey, seq).some((id) => (this.entries.get(id) as Entry).status !== "waiting")) this.rebuildNeeded = true;
    }
  }

  /** Records not yet judged, with what each is waiting for. */
  waiting(): { id: string; reason: string }[] {
    const out: { id: string; reason: string }[] = [];
    for (const entry of this.entries.values()) {
      if (entry.status !== "waiting") continue;
      const parents = entry.record.prevHex === null ? entry.record.depsHex : [entry.record.prevHex, ...entry.record.depsHex];
      const first = parents.find((id) => this.entries.get(id)?.status !== "valid" && this.entries.get(id)?.status !== "invalid" && this.entries.get(id)?.status !== "frozen") ?? GENESIS;
      let reason: string;
      if (first === GENESIS) reason = "waiting for the group's genesis record";
      else if (first === entry.record.prevHex) reason = `waiting for seq ${entry.record.seq - 1} of its device (${first})`;
      else reason = `waiting for record ${first}`;
      out.push({ id: entry.record.id, reason });
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : 1));
  }
}
