// One device's replica of one group: the shared documents, the device's own
// record store and the derived ledger, kept consistent.
//
// - Records arriving in the documents go to the core; the authentic ones are
//   kept in the store (invalid ones too: they are proof, e.g. of equivocation).
// - A record that disappears from a document is written back from the store,
//   so deleting a key from a shared document achieves nothing.
// - A pool's documents (openPool) feed the same ledger and store: a member's
//   balances then hold the legs of exchanges across groups. Nothing is ever
//   written into them from here, and only this group's own records are ever
//   written into its documents.
// - Records this device signs are made here and only here, one at a time
//   under a lock that spans tabs, each continuing the chain as stored: two
//   records at one place in a chain would freeze the device. They go to the
//   store (durably, first), the ledger and the documents.
import type { Repo } from "@automerge/automerge-repo";
import {
  DeviceAuthor,
  Ledger,
  MAX_DEPS,
  bytesToHex,
  certifyDevice,
  hexToBytes,
  isTownKind,
  parseRecord,
  type AuthenticCache,
  type Body,
  type LedgerOptions,
  type LedgerSnapshot,
  type LedgerView,
  type RecordKind,
  type SignedRecord,
  type Signer,
} from "@tally/core";
import { defaultChainLock, type ChainLock } from "./chain-lock.ts";
import { GroupDocuments, type RecordEnvelope } from "./group-documents.ts";
import type { RecordStore } from "./record-store.ts";

/** A record seen but not authentic is remembered this many times at most, in case it is vouched for later. */
const MAX_NOT_YET_AUTHENTIC = 10_000;

export interface SignOptions {
  /** Ids (hex) of records the new one follows besides this device's own (a proposal it confirms, a listing it closes). */
  deps?: readonly string[];
  /** Wall-clock time for display only. */
  timeMs?: number;
  /**
   * For a record judged on its own, before its judge holds anything else
   * (a certificate handed to the relay): name no deps beyond `deps`.
   */
  standalone?: boolean;
}

/**
 * The keys a member's device signs with: its own chain's, and its town
 * chain's (a second device key certified by the same member key), for the
 * kinds a town can see (PROTOCOL §12.9).
 */
export interface DeviceKeys {
  member: Signer;
  device: Signer;
  town: Signer;
}

export class GroupReplica {
  #queue: Promise<void> = Promise.resolve();
  readonly #listeners = new Set<() => void>();
  readonly #writtenListeners = new Set<(ids: string[]) => void>();
  readonly #newlyVerified: string[] = [];
  /** Records seen whose signature did not check (yet); bounded, as anyone can write them. */
  readonly #notYetAuthentic = new Map<string, RecordEnvelope>();
  /** Records this replica had to put back into the documents. */
  readonly stats = { restored: 0 };
  #changedSinceSnapshot = true;
  /** Pools whose documents feed this replica, by pool id. */
  readonly #pools = new Map<string, Promise<GroupDocuments>>();

  private constructor(
    readonly groupHex: string,
    readonly docs: GroupDocuments,
    readonly store: RecordStore,
    readonly ledger: Ledger,
    readonly lock: ChainLock,
    readonly carries: boolean,
  ) {}

  /**
   * `carries`: these are a pool's documents, as a relay keeps them: besides
   * the group's own records they hold those a pool carries (PROTOCOL §12.8),
   * which are put back like its own when deleted.
   */
  static async open(options: { repo: Repo; groupHex: string; store: RecordStore; ledger?: Omit<LedgerOptions, "cache">; lock?: ChainLock; carries?: boolean }): Promise<GroupReplica> {
    const verified = new Set(await options.store.loadVerified());
    const pending: string[] = [];
    const cache: AuthenticCache = {
      has: (id) => verified.has(id),
      add: (id) => {
        if (!verified.has(id)) {
          verified.add(id);
          pending.push(id);
        }
      },
    };
    const { ledger, snapshotCurrent } = await openLedger(options.store, { ...options.ledger, cache });
    const docs = await GroupDocuments.open(options.repo, options.groupHex);
    const replica = new GroupReplica(options.groupHex, docs, options.store, ledger, options.lock ?? defaultChainLock(), options.carries === true);
    replica.#newlyVerified.push(...pending.splice(0));
    replica.#changedSinceSnapshot = !snapshotCurrent;
    // Later verifications are persisted as they happen.
    cache.add = (id) => {
      if (!verified.has(id)) {
        verified.add(id);
        replica.#newlyVerified.push(id);
      }
    };
    docs.onRecords((change) => {
      if (change.added.length > 0) void replica.#enqueue(() => replica.#absorb(change.added, docs));
      if (change.removed.length > 0) void replica.#enqueue(() => replica.#restore(change.removed));
    });
    await replica.#enqueue(async () => {
      await replica.#absorb(await docs.records(), docs);
      await replica.#restoreAll();
    });
    return replica;
  }

  /** Runs background tasks one at a time, in order; an error is reported and does not stop later tasks. */
  #enqueue(task: () => Promise<void>): Promise<void> {
    return this.#run(task).catch((error: unknown) => {
      console.error(`tally: group ${this.groupHex.slice(0, 8)}: ${(error as Error).message}`);
    });
  }

  /** Runs a task in the same order as the others; its caller gets its result or its error. */
  #run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(task);
    this.#queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Records that arrived in `from` (this group's documents or a pool's): to the ledger, and the authentic ones to the store. */
  async #absorb(records: readonly RecordEnvelope[], from: GroupDocuments): Promise<void> {
    if (from === this.docs) await this.#undoRewrites(records);
    const fresh = records.filter((r) => !this.store.has(r.id));
    if (fresh.length === 0) return;
    await this.ledger.add(fresh.map((r) => r.envelope));
    // Keep only records filed under their own id: a key can be made to hold anything.
    // One not authentic yet (a damaged signature) may be vouched for by a later record of its chain.
    const candidates = new Map([...this.#notYetAuthentic, ...fresh.filter((r) => idOf(r.envelope) === r.id).map((r) => [r.id, r] as const)]);
    const authentic = this.#authenticCopies([...candidates.values()]);
    for (const r of candidates.values()) {
      if (this.ledger.isAuthentic(r.id)) this.#notYetAuthentic.delete(r.id);
      else if (this.#notYetAuthentic.size < MAX_NOT_YET_AUTHENTIC) this.#notYetAuthentic.set(r.id, r);
    }
    await this.store.add(authentic);
    await this.store.addVerified(this.#newlyVerified.splice(0));
    this.#notify();
  }

  /** The authentic ones of these records, each as the copy whose signature verified: anyone can attach junk signatures to a record they have seen. */
  #authenticCopies(records: readonly RecordEnvelope[]): RecordEnvelope[] {
    return records.filter((r) => this.ledger.isAuthentic(r.id)).map((r) => ({ id: r.id, envelope: this.ledger.envelopeOf(r.id) ?? r.envelope }));
  }

  /**
   * A key whose bytes are not the record it names was rewritten by someone:
   * put the record back. (Another signature for the same content is fine.)
   */
  async #undoRewrites(records: readonly RecordEnvelope[]): Promise<void> {
    const restore: RecordEnvelope[] = [];
    for (const record of records) {
      if (!this.store.has(record.id)) continue;
      if (idOf(record.envelope) === record.id) continue;
      const held = await this.store.get(record.id);
      if (held) restore.push({ id: record.id, envelope: held });
    }
    if (restore.length > 0) this.stats.restored += await this.docs.write(restore, { overwrite: true });
  }

  /** Puts back records that were deleted from a document, if this device holds them. */
  async #restore(ids: readonly string[]): Promise<void> {
    const held = new Set(ids.filter((id) => this.store.has(id) && this.#belongsHere(id)));
    if (held.size === 0) return;
    const present = this.docs.presentIds();
    const records = (await this.store.load()).filter((r) => held.has(r.id) && !present.has(r.id));
    this.stats.restored += await this.docs.write(records);
  }

  async #restoreAll(): Promise<void> {
    const present = this.docs.presentIds();
    const missing = (await this.store.load()).filter((r) => !present.has(r.id) && this.#belongsHere(r.id));
    if (missing.length > 0) this.stats.restored += await this.docs.write(missing);
  }

  /** This group's own records; in a pool's documents, also those of groups with a valid pool.join of it. */
  #belongsHere(id: string): boolean {
    const groupHex = this.ledger.groupOf(id);
    if (groupHex === this.groupHex) return true;
    return this.carries && groupHex !== null && this.ledger.joinedPools(groupHex).includes(this.groupHex);
  }

  /**
   * Opens pool `poolHex`'s documents beside this group's (at the same
   * relay): their records (the pool's own and those it carries of its
   * groups) feed this replica's ledger and store, so the view shows the
   * pool and this group's balances include its exchanges across groups.
   * Resolves once what the documents held locally is in the ledger. Opening
   * the same pool twice opens it once.
   */
  openPool(poolHex: string): Promise<GroupDocuments> {
    let opening = this.#pools.get(poolHex);
    if (!opening) {
      opening = (async () => {
        const docs = await GroupDocuments.open(this.docs.repo, poolHex);
        docs.onRecords((change) => {
          if (change.added.length > 0) void this.#enqueue(() => this.#absorb(change.added, docs));
        });
        await this.#enqueue(async () => this.#absorb(await docs.records(), docs));
        return docs;
      })();
      this.#pools.set(poolHex, opening);
    }
    return opening;
  }

  /** The pools this group has a valid pool.join of (asked, member or left), as its ledger shows now: the pools to open. */
  joinedPools(): string[] {
    return this.ledger.joinedPools(this.groupHex);
  }

  /** Opens every pool this group has joined, now and whenever the ledger shows a new one. Returns a function that stops following. */
  followPools(): () => void {
    const openJoined = () => {
      for (const poolHex of this.joinedPools()) if (!this.#pools.has(poolHex)) void this.openPool(poolHex).catch(() => this.#pools.delete(poolHex));
    };
    openJoined();
    return this.onChange(openJoined);
  }

  /**
   * Signs a record as `device` and keeps it: the only way this device's chain
   * grows. Resolves once the record is stored on this device; rejects, with a
   * reason a person can read, when it could not be.
   */
  sign<K extends RecordKind>(device: Signer, kind: K, body: Body<K>, options: SignOptions = {}): Promise<SignedRecord<K>> {
    return this.#holdingChain(device, () => this.#signHeld(device, kind, body, options));
  }

  /**
   * Signs a record on the chain it belongs on: a kind a town can see on the
   * device's town chain (certified first, once), any other on its own. A
   * pool then carries of this group only what its town chains lead back to.
   */
  async signAs<K extends RecordKind>(keys: DeviceKeys, kind: K, body: Body<K>, options: SignOptions = {}): Promise<SignedRecord<K>> {
    if (!isTownKind(kind)) return this.sign(keys.device, kind, body, options);
    await this.certify(keys.member, keys.town);
    return this.sign(keys.town, kind, body, options);
  }

  /**
   * The device's certificate in this group, signed by the member key: its
   * chain's first record, made once (a retry, or another tab, gets the same),
   * naming no deps, since the relay judges it alone, and no time, so that it
   * is the same bytes wherever it is made.
   */
  certify(member: Signer, device: Signer): Promise<SignedRecord<"device">> {
    return this.#holdingChain(device, async () => {
      const first = this.ledger.chainRecord(this.groupHex, bytesToHex(device.publicKey), 0);
      const known = first === null ? null : parseRecord(this.ledger.envelopeOf(first) ?? new Uint8Array());
      if (known?.ok && known.record.kind === "device") return known.record as SignedRecord<"device">;
      const cert = await certifyDevice(member, hexToBytes(this.groupHex), device.publicKey);
      return this.#signHeld(device, "device", { member: member.publicKey, cert }, { standalone: true });
    });
  }

  /** Runs `task` in turn, holding the lock on the device's chain, with every record it signed so far (in any tab) in the ledger. */
  #holdingChain<T>(device: Signer, task: () => Promise<T>): Promise<T> {
    const deviceHex = bytesToHex(device.publicKey);
    return this.#run(() =>
      this.lock(`tally-chain-${this.groupHex}-${deviceHex}`, async () => {
        await this.#catchUpOwnChain(deviceHex);
        return task();
      }),
    );
  }

  async #signHeld<K extends RecordKind>(device: Signer, kind: K, body: Body<K>, options: SignOptions): Promise<SignedRecord<K>> {
    const deviceHex = bytesToHex(device.publicKey);
    const author = new DeviceAuthor(device, hexToBytes(this.groupHex), this.ledger.chainHead(this.groupHex, deviceHex));
    // Naming the heads this device has seen puts the record after everything it knew (the rules judge it there).
    const seen = options.standalone ? [] : this.seenHeads(device.publicKey);
    const deps = [...(options.deps ?? []), ...seen].slice(0, MAX_DEPS);
    const record = await author.write(kind, body, { deps, timeMs: options.timeMs ?? 0 });
    const envelope = { id: record.id, envelope: record.envelope };
    try {
      await this.store.addOwn(deviceHex, [envelope]);
    } catch (error) {
      throw new Error(`this device could not keep the record: ${(error as Error).message}`);
    }
    await this.#takeOwn([envelope]);
    return record;
  }

  /**
   * Another tab of this browser may have signed since this replica last
   * looked: its records are in the store, linked back from the stored head.
   */
  async #catchUpOwnChain(deviceHex: string): Promise<void> {
    const missing: RecordEnvelope[] = [];
    let id = await this.store.ownChainHead(deviceHex);
    while (id !== null && this.ledger.envelopeOf(id) === null) {
      const envelope = await this.store.get(id);
      const parsed = envelope ? parseRecord(envelope) : null;
      if (!envelope || !parsed?.ok || parsed.record.deviceHex !== deviceHex) throw new Error("this device's stored records are damaged");
      missing.push({ id, envelope });
      id = parsed.record.prevHex;
    }
    if (missing.length > 0) await this.#takeOwn(missing.reverse());
  }

  /** Records of this device's own chain, already in the store: to the ledger and the documents. */
  async #takeOwn(records: readonly RecordEnvelope[]): Promise<void> {
    await this.ledger.add(records.map((r) => r.envelope));
    await this.store.addVerified(this.#newlyVerified.splice(0));
    await this.docs.write(records);
    this.#notifyWritten(records.map((r) => r.id));
    this.#notify();
  }

  /** Adds records signed elsewhere (a newcomer's, at a sign-up desk): to the ledger, the store and the documents. */
  write(records: readonly SignedRecord[]): Promise<void> {
    return this.#run(async () => {
      const envelopes = records.map((r) => ({ id: r.id, envelope: r.envelope }));
      await this.ledger.add(envelopes.map((r) => r.envelope));
      await this.store.add(this.#authenticCopies(envelopes));
      await this.store.addVerified(this.#newlyVerified.splice(0));
      await this.docs.write(envelopes);
      this.#notifyWritten(envelopes.map((r) => r.id));
      this.#notify();
    });
  }

  /**
   * What this device has seen of what the rules read, as deps for its next
   * record: of every coordinator device but the signing one, its latest
   * record of a kind a town can see (a decision, listing or pool record).
   * Not chain heads: those lead back through members' private exchanges and
   * profiles, and a pool carries a record's whole causal past (PROTOCOL
   * §12.8, §12.9). Decisions written on a main chain before town chains
   * (older groups) are named the same way.
   */
  seenHeads(ownDevice: Uint8Array): string[] {
    const own = bytesToHex(ownDevice);
    return this.ledger
      .devices(this.groupHex)
      .filter((d) => d.role === "coordinator" && d.device !== own)
      .map((d) => this.ledger.latestTownRecord(this.groupHex, d.device))
      .filter((id): id is string => id !== null)
      .slice(0, MAX_DEPS - 2);
  }

  /**
   * Records handed over outside the documents (face to face, by QR code):
   * judged and kept like any others, and put into the documents so they
   * travel on when there is a network.
   */
  receive(envelopes: readonly Uint8Array[]): Promise<void> {
    return this.#run(async () => {
      const records = envelopes.flatMap((envelope) => {
        const parsed = parseRecord(envelope);
        return parsed.ok ? [{ id: parsed.record.id, envelope }] : [];
      });
      await this.#absorb(records, this.docs);
      const authentic = this.#authenticCopies(records).filter((r) => this.#belongsHere(r.id));
      await this.docs.write(authentic);
      this.#notifyWritten(authentic.map((r) => r.id));
    });
  }

  /** This device's last records in the group (newest last), to hand over with a new one. */
  ownRecent(device: Uint8Array, count: number): Uint8Array[] {
    const deviceHex = bytesToHex(device);
    const head = this.ledger.chainHead(this.groupHex, deviceHex);
    if (!head) return [];
    const out: Uint8Array[] = [];
    for (let seq = Math.max(0, head.seq - count + 1); seq <= head.seq; seq++) {
      const id = this.ledger.chainRecord(this.groupHex, deviceHex, seq);
      const envelope = id ? this.ledger.envelopeOf(id) : null;
      if (envelope) out.push(envelope);
    }
    return out;
  }

  /** Resolves once every record received so far has been judged and stored. */
  settled(): Promise<void> {
    return this.#queue;
  }

  view(): LedgerView {
    return this.ledger.view();
  }

  /** Called after each change to the ledger. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Called with the ids of records this device put into the documents itself (signed here, or handed over face to face). */
  onWritten(listener: (ids: string[]) => void): () => void {
    this.#writtenListeners.add(listener);
    return () => this.#writtenListeners.delete(listener);
  }

  #notifyWritten(ids: string[]): void {
    if (ids.length > 0) for (const listener of this.#writtenListeners) listener(ids);
  }

  #notify(): void {
    this.#changedSinceSnapshot = true;
    for (const listener of this.#listeners) listener();
  }

  /**
   * Keeps the ledger's snapshot in the store when records came since the
   * last one, so that the next start restores the ledger instead of judging
   * every record again (PROTOCOL §7.7).
   */
  keepSnapshot(): Promise<void> {
    return this.#enqueue(async () => {
      if (!this.#changedSinceSnapshot) return;
      this.#changedSinceSnapshot = false;
      await this.store.saveSnapshot(JSON.stringify(this.ledger.snapshot()));
    });
  }
}

/**
 * The ledger of the stored records: restored from this device's own snapshot
 * for the records it covers, with the records stored since added to it; from
 * scratch when there is none or it does not fit them (Ledger.restore checks
 * its key). Either way the ledger of the whole set.
 */
async function openLedger(store: RecordStore, options: LedgerOptions): Promise<{ ledger: Ledger; snapshotCurrent: boolean }> {
  const [stored, snapshot] = await Promise.all([store.load(), store.loadSnapshot().then(readSnapshot, () => null)]);
  if (snapshot === null) return { ledger: await Ledger.derive(stored.map((r) => r.envelope), options), snapshotCurrent: false };
  const covered = new Set(snapshot.ids);
  const inSnapshot: Uint8Array[] = [];
  const since: Uint8Array[] = [];
  for (const record of stored) (covered.has(record.id) ? inSnapshot : since).push(record.envelope);
  const ledger = await Ledger.restore(inSnapshot, snapshot, options);
  await ledger.add(since);
  return { ledger, snapshotCurrent: ledger.stats.fromSnapshot && since.length === 0 };
}

/** A stored snapshot, or null when there is none or its text does not read: then the ledger is derived. */
function readSnapshot(json: string | null): LedgerSnapshot | null {
  if (json === null) return null;
  try {
    const snapshot: unknown = JSON.parse(json);
    return typeof snapshot === "object" && snapshot !== null && Array.isArray((snapshot as LedgerSnapshot).ids) ? (snapshot as LedgerSnapshot) : null;
  } catch {
    return null;
  }
}

function idOf(envelope: Uint8Array): string | null {
  const parsed = parseRecord(envelope);
  return parsed.ok ? parsed.record.id : null;
}
