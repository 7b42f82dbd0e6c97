// The pools a relay holds documents of (PROTOCOL §12.8): every pool one of
// its groups has a valid pool.join of, and every group it serves (any group
// may be a pool). For each, the relay
// - lets a device of a joined group sync the pool's documents here, beside
//   the pool's own members;
// - carries into them, as they arrive, the records of its groups that the
//   pool carries (core carriedIds: their pool sides and, once admitted,
//   their offers and requests, with their causal closures);
// - takes into them only authentic records of the pool or of groups with a
//   valid pool.join of it (carriedProblem, asked by the network guards).
// A pool this relay does not serve as a group is kept like one, with its own
// store (DATA_DIR/pools/<pool>/), so what it carries survives restarts.
import { join } from "node:path";
import type { DocumentId, Repo } from "@automerge/automerge-repo";
import { Ledger, carriedIds, parseRecord, type SignedRecord } from "@tally/core";
import { GroupReplica, describeDocument, groupPrefix } from "@tally/documents";
import { FileRecordStore } from "@tally/documents/node";
import type { RelayGroups } from "./relay-groups.ts";

/** Pools followed at once by one relay (each is a replica with its own store). */
const MAX_POOLS = 64;
const MAX_KNOWN_JOINS = 100_000;

export class RelayPools {
  /** Pools this relay does not serve as groups, by pool id. */
  readonly #held = new Map<string, Promise<GroupReplica>>();
  /** The same, once open: what the network guards judge with (they never wait for a replica, whose opening may wait for them). */
  readonly #open = new Map<string, GroupReplica>();
  readonly #heldByPrefix = new Map<string, string>();
  /** "<pool>:<group>" for groups whose valid pool.join of the pool the relay has taken: later records of theirs need not bring it again. */
  readonly #knownJoins = new Set<string>();
  /** pool id → the served groups with a valid pool.join of it. */
  readonly #joiners = new Map<string, Set<string>>();
  /** Pools whose replica already tells its groups' carriers when it changes. */
  readonly #watched = new Set<string>();
  readonly #carrying = new Map<string, { again: boolean }>();

  constructor(
    readonly repo: Repo,
    readonly dataDir: string,
    readonly groups: RelayGroups,
    readonly onAccessChange: () => void,
    readonly log: (line: string) => void,
  ) {}

  /** Follows every served group's pools, now and as their records change. */
  start(): void {
    this.groups.onGroupChange((groupHex) => this.#groupChanged(groupHex));
    for (const groupHex of this.groups.groupHexes()) this.#groupChanged(groupHex);
  }

  #groupChanged(groupHex: string): void {
    const replica = this.groups.replicaOf(groupHex);
    if (!replica) return;
    let changed = false;
    for (const poolHex of replica.ledger.joinedPools(groupHex)) {
      if (poolHex === groupHex) continue;
      let joiners = this.#joiners.get(poolHex);
      if (!joiners) {
        if (this.#joiners.size >= MAX_POOLS) {
          this.log(`pool ${poolHex.slice(0, 8)}: not followed, this relay already follows ${MAX_POOLS} pools`);
          continue;
        }
        this.#joiners.set(poolHex, (joiners = new Set()));
      }
      if (!joiners.has(groupHex)) {
        joiners.add(groupHex);
        changed = true;
      }
    }
    if (changed) this.onAccessChange();
    this.#carry(groupHex);
  }

  /** The replica of a pool's documents here: the served group's, or one kept for its joined groups; null when neither. */
  replicaOf(poolHex: string): Promise<GroupReplica> | null {
    const served = this.groups.replicaOf(poolHex);
    if (served) {
      this.#watch(poolHex, served);
      return Promise.resolve(served);
    }
    if (!this.#joiners.has(poolHex)) return null;
    let held = this.#held.get(poolHex);
    if (!held) {
      held = this.#openPool(poolHex);
      held.catch((error: unknown) => {
        this.#held.delete(poolHex);
        this.log(`pool ${poolHex.slice(0, 8)}: could not open its documents: ${(error as Error).message}`);
      });
      this.#held.set(poolHex, held);
    }
    return held;
  }

  async #openPool(poolHex: string): Promise<GroupReplica> {
    // Known before opening: opening asks the pool relay for the documents, and only known pools' are asked for.
    this.#heldByPrefix.set(groupPrefix(poolHex), poolHex);
    this.onAccessChange();
    const store = await FileRecordStore.open(join(this.dataDir, "pools", poolHex));
    const replica = await GroupReplica.open({ repo: this.repo, groupHex: poolHex, store, carries: true });
    this.#open.set(poolHex, replica);
    this.#watch(poolHex, replica);
    return replica;
  }

  /** An admission arriving in the pool's records makes its groups' listings travel: carry again. */
  #watch(poolHex: string, replica: GroupReplica): void {
    if (this.#watched.has(poolHex)) return;
    this.#watched.add(poolHex);
    replica.onChange(() => {
      for (const groupHex of this.#joiners.get(poolHex) ?? []) this.#carry(groupHex);
    });
  }

  /** One carrying pass per group at a time; a change during one asks for one more. */
  #carry(groupHex: string): void {
    const running = this.#carrying.get(groupHex);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: false };
    this.#carrying.set(groupHex, state);
    const pass = async (): Promise<void> => {
      do {
        state.again = false;
        await this.#carryNow(groupHex);
      } while (state.again);
    };
    pass()
      .catch((error: unknown) => this.log(`group ${groupHex.slice(0, 8)}: carrying into its pools failed: ${(error as Error).message}`))
      .finally(() => this.#carrying.delete(groupHex));
  }

  async #carryNow(groupHex: string): Promise<void> {
    const group = this.groups.replicaOf(groupHex);
    if (!group) return;
    await group.settled();
    const records = group.ledger.recordsOf(groupHex);
    for (const poolHex of group.ledger.joinedPools(groupHex)) {
      const opening = poolHex === groupHex ? null : this.replicaOf(poolHex);
      if (!opening) continue;
      const pool = await opening;
      const admitted = pool.ledger.poolStatus(poolHex, groupHex) === "member";
      const wanted = new Set(carriedIds(records, { groupHex, poolHex, admitted }));
      // What the pool's replica holds is in its documents, or put back there from its store.
      const missing = records.filter((r) => wanted.has(r.id) && pool.ledger.envelopeOf(r.id) === null && group.ledger.isAuthentic(r.id));
      if (missing.length === 0) continue;
      await pool.write(missing as SignedRecord[]);
      this.log(`group ${groupHex.slice(0, 8)}: carried ${missing.length} record(s) into pool ${poolHex.slice(0, 8)}`);
    }
  }

  /** The pool a document belongs to, when this relay holds that pool's documents for groups that joined it. */
  #poolOf(documentId: DocumentId): string | null {
    const described = describeDocument(documentId);
    if (!described) return null;
    const poolHex = this.#heldByPrefix.get(described.prefix) ?? this.groups.groupOfPrefix(described.prefix);
    return poolHex !== null && this.#joiners.has(poolHex) ? poolHex : null;
  }

  /** Whether a device of a group served here may sync this pool's documents: its group has a valid pool.join of the pool. */
  mayAccess(deviceHex: string, documentId: DocumentId): boolean {
    const poolHex = this.#poolOf(documentId);
    if (poolHex === null) return false;
    for (const groupHex of this.#joiners.get(poolHex) ?? []) if (this.groups.deviceMayRead(groupHex, deviceHex)) return true;
    return false;
  }

  /** Whether the document is one of a pool's that this relay's groups joined: what it syncs with the pool relay. */
  isJoinedPoolDocument(documentId: DocumentId): boolean {
    return this.#poolOf(documentId) !== null;
  }

  /** Whether a relay the operator listed may sync the document: a served group's (any may be a pool) or a pool's held here. */
  relayPeerMayAccess(documentId: DocumentId): boolean {
    const described = describeDocument(documentId);
    return described !== null && (this.groups.groupOfPrefix(described.prefix) !== null || this.#heldByPrefix.has(described.prefix));
  }

  /**
   * Why these records of other groups may not go into the document, or null:
   * it must be a pool's document held here, and each record authentic and of
   * a group with a valid pool.join of the pool, judged with the records the
   * relay holds plus these.
   */
  async carriedProblem(documentId: DocumentId, envelopes: Uint8Array[]): Promise<string | null> {
    const described = describeDocument(documentId);
    const poolHex = described ? (this.#heldByPrefix.get(described.prefix) ?? this.groups.groupOfPrefix(described.prefix)) : null;
    if (poolHex === null) return "records of another group in a document that is not a pool's held here";
    // Never waits for the pool's replica: while it opens, it may be waiting for this very message.
    const held = (this.groups.replicaOf(poolHex) ?? this.#open.get(poolHex))?.ledger ?? null;
    const check = await Ledger.derive(envelopes, { cache: { has: (id) => held?.isAuthentic(id) === true, add: () => {} } });
    const groups = new Set<string>();
    for (const envelope of envelopes) {
      const parsed = parseRecord(envelope);
      if (!parsed.ok) return `not a record: ${parsed.reason}`;
      const { id, groupHex } = parsed.record;
      if (!check.isAuthentic(id)) return `a record of group ${groupHex.slice(0, 8)} that is not authentic (forged or damaged): ${id.slice(0, 16)}`;
      groups.add(groupHex);
    }
    for (const groupHex of [...groups].sort()) {
      const joined = this.#knownJoins.has(`${poolHex}:${groupHex}`) || held?.joinedPools(groupHex).includes(poolHex) === true || check.joinedPools(groupHex).includes(poolHex);
      if (!joined) return `group ${groupHex.slice(0, 8)} has no valid pool.join of pool ${poolHex.slice(0, 8)}`;
    }
    // A join is judged on its causal past (§5.3): only an equivocation or a revocation, which every ledger shows, can void it later.
    if (this.#knownJoins.size > MAX_KNOWN_JOINS) this.#knownJoins.clear();
    for (const groupHex of groups) this.#knownJoins.add(`${poolHex}:${groupHex}`);
    return null;
  }
}
