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
import { POOL_KINDS } from "../pool/rules.ts";

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

/** What a group's judging needs to know of the whole set of records. */
export interface LedgerFacts {
  /** Ids of device records whose certificate verified. */
  certValid: ReadonlySet<string>;
  /** Ids of signed parts that are malformed (§7.5 step 1): no record has such an id. */
  malformed: ReadonlySet<string>;
  /** The group (hex) of a record in the set, or null. */
  groupOf(id: string): string | null;
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
  /** Entries of the kinds pools and merges read (PROTOCOL §12), so deriving them never scans the whole group. */
  readonly poolEntries: Entry[] = [];
  /** chainKey → seq → id of the authentic record there (an array only after an equivocation). */
  readonly chains = new Map<string, Map<number, string | string[]>>();
  /** Records parked by the id (or GENESIS) of the parent they wait for. */
  readonly #parked = new Map<string, Entry[]>();
  readonly #facts: LedgerFacts;
  /** Cutoffs of the revocations found valid in this round; they apply from the next round (§7.3). */
  readonly #foundRevocations = new Map<string, number>();
  /** Set when an addition changes a set-level fact that earlier judgements relied on. */
  rebuildNeeded = false;
  /**
   * True once the rounds of §7.3 have ended. Records added after that are
   * judged with the final cutoffs, which equals judging the whole set in
   * rounds, unless one of them is a revocation: then the group is judged again.
   */
  settled = false;

  constructor(
    readonly groupHex: string,
    readonly cutoffs: Cutoffs,
    facts: LedgerFacts,
  ) {
    this.#facts = facts;
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
      if (POOL_KINDS.has(record.kind)) this.poolEntries.push(entry);
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

  /** Takes in a record judged before (restored from a snapshot) as it was judged. */
  adopt(entry: Entry): void {
    if (entry.status === "waiting") throw new Error("only a judged record can be adopted");
    this.entries.set(entry.id, entry);
    if (POOL_KINDS.has(entry.record.kind)) this.poolEntries.push(entry);
    if (entry.authentic) this.#registerInChain(entry.record);
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
      if (parent === undefined) {
        // A malformed or foreign parent is known for good: judged, with no causal point to give.
        if (this.#brokenParent(id)) continue;
        return id;
      }
      if (parent.status === "waiting") return parent.blocked ? id : parent;
      if (entry.parents === NO_PARENTS) entry.parents = [];
      entry.parents.push(parent);
    }
    if (this.state.genesis === null && needsGenesis(record)) return GENESIS;
    return null;
  }

  /** Why a parent that is not in this group never will be: malformed, or a record of another group; null if it may still come. */
  #brokenParent(id: string): string | null {
    if (this.#facts.malformed.has(id)) return "is not a well-formed record";
    const group = this.#facts.groupOf(id);
    return group !== null && group !== this.groupHex ? "is a record of another group" : null;
  }

  /** True when a record of this group waits for the id: a malformed record or another group's record that just came. */
  isWaitingFor(id: string): boolean {
    return this.#parked.has(id);
  }

  /** Judges what waited for the id, now known for good. */
  resume(id: string): void {
    const work: Entry[] = [];
    this.#wake(id, work);
    this.#visit(work);
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
    // A record that is not authentic is judged at once: its parents are not followed, so its Lamport number is 1.
    if (entry.authentic && needsGenesis(record) && this.state.genesis) parents.push(this.state.genesis);
    let clock = mergeClocks(parents);
    if (entry.authentic && this.authorityChains.has(record.chainKey)) clock = withEntry(clock, record.chainKey, record.seq);
    let lamport = 0;
    for (const parent of parents) if (parent.lamport > lamport) lamport = parent.lamport;
    lamport += 1;
    entry.lamport = lamport;
    entry.clock = clock;
    const verdict = this.#preconditions(entry) ?? judge(this, entry);
    if (this.settled && record.kind === "device.revoke" && entry.authentic) this.rebuildNeeded = true;
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
      const prev = this.entries.get(record.prevHex);
      if (prev === undefined && this.#facts.malformed.has(record.prevHex)) return { status: "invalid", reason: "prev is not a well-formed record" };
      if (prev === undefined || prev.record.chainKey !== record.chainKey || prev.record.seq !== record.seq - 1) {
        return { status: "invalid", reason: "prev is not the previous record of this device" };
      }
    }
    for (const dep of record.depsHex) {
      const parent = this.entries.get(dep);
      if (parent === undefined) return { status: "invalid", reason: `depends on ${dep}, which ${this.#brokenParent(dep)}` };
      if (!parent.authentic) return { status: "invalid", reason: `depends on ${dep}, which is not authentic` };
    }
    // Revocation before the certificate, so every record of a device revoked from seq 0 says so, its certificate included.
    const revokedFrom = this.cutoffs.revoked.get(record.deviceHex);
    if (revokedFrom !== undefined && record.seq >= revokedFrom) {
      return { status: "invalid", reason: `device was revoked from seq ${revokedFrom}` };
    }
    if (record.kind === "device") {
      return this.#facts.certValid.has(record.id) ? null : { status: "invalid", reason: "device certificate signature is invalid" };
    }
    if (!this.state.certs.has(record.chainKey)) {
      return { status: "invalid", reason: "the device's first record (its certificate) is not valid" };
    }
    return null;
  }

  /** The member key (hex) a device record certifies, if the record is authentic and its certificate verified; whatever its verdict. */
  certifiedKey(id: string): string | null {
    const entry = this.entries.get(id);
    if (!entry?.authentic || entry.record.kind !== "device" || !this.#facts.certValid.has(id)) return null;
    return bytesToHex((entry.record as SignedRecord<"device">).body.member);
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
   * order they arrived in. Within a round it only is noted: every record of
   * the round is judged with the same cutoffs, whatever order they come in.
   */
  noteRevocation(device: Uint8Array, fromSeq: number): void {
    const hex = bytesToHex(device);
    const found = this.#foundRevocations.get(hex);
    if (found === undefined || fromSeq < found) this.#foundRevocations.set(hex, fromSeq);
  }

  /**
   * Ends a round (§7.3): adds the cutoffs of the revocations found to those
   * applied. Returns the cutoffs for another round, or null when no record of
   * the group would be judged differently with them (they are then kept as
   * the group's final cutoffs).
   */
  endRound(): Map<string, number> | null {
    const next = new Map(this.cutoffs.revoked);
    let again = false;
    for (const [device, fromSeq] of [...this.#foundRevocations].sort()) {
      const applied = next.get(device);
      if (applied !== undefined && applied <= fromSeq) continue;
      next.set(device, fromSeq);
      const chainKey = `${this.groupHex}/${device}`;
      for (const seq of this.chains.get(chainKey)?.keys() ?? []) if (seq >= fromSeq && (applied === undefined || seq < applied)) again = true;
    }
    if (again) return next;
    for (const [device, fromSeq] of next) this.cutoffs.revoked.set(device, fromSeq);
    return null;
  }

  /** Records not yet judged, with what each is waiting for. */
  waiting(): { id: string; reason: string }[] {
    const out: { id: string; reason: string }[] = [];
    for (const entry of this.entries.values()) {
      if (entry.status !== "waiting") continue;
      const parents = entry.record.prevHex === null ? entry.record.depsHex : [entry.record.prevHex, ...entry.record.depsHex];
      const unjudged = (id: string) => {
        const parent = this.entries.get(id);
        return parent === undefined ? this.#brokenParent(id) === null : parent.status === "waiting";
      };
      const first = parents.find(unjudged) ?? GENESIS;
      let reason: string;
      if (first === GENESIS) reason = "waiting for the group's genesis record";
      else if (first === entry.record.prevHex) reason = `waiting for seq ${entry.record.seq - 1} of its device (${first})`;
      else reason = `waiting for record ${first}`;
      out.push({ id: entry.record.id, reason });
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : 1));
  }
}
