// The ledger: a pure function of a set of signed records.
//
//   const ledger = await Ledger.derive(envelopes)   // from scratch
//   await ledger.add(moreEnvelopes)                 // incremental, same result
//   ledger.view()                                   // balances, members, flags…
//
// Parsing, authentication and certificate checks happen here; judging happens
// per group in GroupLedger. Groups never affect each other, so the union of two
// groups' records leaves every balance of each unchanged.
import { verifySignatures, type SignatureBackend, type SignatureCheck } from "../crypto/ed25519.ts";
import { bytesEqual } from "../encoding/bytes.ts";
import { encodeCanonical } from "../encoding/canonical-cbor.ts";
import { deviceCertMessage } from "../group/identity.ts";
import { parseRecordNamed, RecordNames, type SignedRecord } from "../record/record.ts";
import { authenticate, type AuthenticCache } from "../chain/authenticate.ts";
import { GroupLedger, type LedgerFacts } from "./group-ledger.ts";
import { latest } from "./causal.ts";
import type { MemberStatus } from "./group-state.ts";
import { addPools } from "../pool/view.ts";
import { inIdOrder, inSnapshotOrder, SNAPSHOT_VERSION, snapshotKey, type LedgerSnapshot } from "./snapshot.ts";
import { groupData, SnapshotTables } from "./snapshot-write.ts";
import { restoreGroup, SnapshotReader } from "./snapshot-read.ts";
import { groupStatus, poolMembers } from "../pool/sides.ts";
import { isTownKind } from "../pool/town-chain.ts";
import { buildView, declinesOf, devicesOf, historyOf, type DeclineView, type DeviceView, type HistoryEntry, type LedgerView } from "./view.ts";

export interface LedgerOptions {
  /** Ids proven authentic before (and certificates proven valid, as "cert:<id>"). */
  cache?: AuthenticCache;
  backend?: SignatureBackend;
}

export interface LedgerStats {
  signaturesChecked: number;
  groupsRebuilt: number;
  /** True when Ledger.restore opened the ledger from its snapshot. */
  fromSnapshot: boolean;
}

export class Ledger {
  readonly #records = new Map<string, SignedRecord>();
  /** Records by chain, built on the first incremental add (a first derive never needs it). */
  #byChain: Map<string, SignedRecord[]> | null = null;
  /**
   * Other signatures that arrived for a record not yet authentic, until the
   * next authentication checks them. A signature's validity depends only on
   * the key, the id and its bytes, so each is checked once and then dropped.
   */
  readonly #extraSignatures = new Map<string, Uint8Array[]>();
  /** Refused envelopes: id → reason. */
  readonly #unparsed = new Map<string, string>();
  /** Ids of signed parts that are themselves malformed: no record can have one, so a record naming one is invalid. */
  readonly #malformed = new Set<string>();
  readonly #authentic = new Set<string>();
  readonly #certValid = new Set<string>();
  /** Malformed ids first seen in the current add: what waited for them is judged now. */
  readonly #newlyMalformed: string[] = [];
  readonly #groups = new Map<string, GroupLedger>();
  readonly #names = new RecordNames();
  readonly #options: LedgerOptions;
  readonly #facts: LedgerFacts;
  readonly stats: LedgerStats = { signaturesChecked: 0, groupsRebuilt: 0, fromSnapshot: false };

  private constructor(options: LedgerOptions) {
    this.#options = options;
    this.#facts = { certValid: this.#certValid, malformed: this.#malformed, groupOf: (id) => this.#records.get(id)?.groupHex ?? null };
  }

  static async derive(envelopes: Iterable<Uint8Array>, options: LedgerOptions = {}): Promise<Ledger> {
    const ledger = new Ledger(options);
    await ledger.add(envelopes);
    return ledger;
  }

  /**
   * Opens the ledger of a set of records from a snapshot of it, without
   * judging them again, when the snapshot's key is that of the records given;
   * otherwise (or when the snapshot does not read) derives from scratch. The
   * result equals Ledger.derive(envelopes) either way, provided the snapshot
   * is one this device wrote (PROTOCOL.md §7.7). `stats.fromSnapshot` says
   * which happened.
   */
  static async restore(envelopes: Iterable<Uint8Array>, snapshot: LedgerSnapshot | null, options: LedgerOptions = {}): Promise<Ledger> {
    const ledger = new Ledger(options);
    const fresh = ledger.#parse(envelopes);
    const sorted = snapshot?.version === SNAPSHOT_VERSION && ledger.#extraSignatures.size === 0 ? inSnapshotOrder(snapshot.ids, ledger.#records) : null;
    if (snapshot === null || sorted === null || snapshotKey(sorted, ledger.#unparsed.keys()) !== snapshot.key) {
      await ledger.#addParsed(fresh);
      return ledger;
    }
    try {
      ledger.#restore(snapshot, sorted);
      ledger.stats.fromSnapshot = true;
      return ledger;
    } catch {
      // A snapshot that does not read is only lost work: derive from scratch.
      return Ledger.derive(envelopes, options);
    }
  }

  /** The ledger's judged state, to persist and open again with Ledger.restore. */
  snapshot(): LedgerSnapshot {
    const sorted = inIdOrder(this.#records.values());
    const t = new SnapshotTables(sorted);
    const notAuthentic: number[] = [];
    for (const id of this.#records.keys()) if (!this.#authentic.has(id)) notAuthentic.push(t.rec(id));
    const groups = [...this.#groups.keys()].sort().map((hex) => groupData(this.#groups.get(hex) as GroupLedger, t));
    return {
      version: SNAPSHOT_VERSION,
      key: snapshotKey(sorted, this.#unparsed.keys()),
      ids: sorted.map((r) => r.id),
      notAuthentic: notAuthentic.sort((a, b) => a - b),
      certValid: [...this.#certValid].map((id) => t.rec(id)).sort((a, b) => a - b),
      groups,
      strings: t.strings,
      clocks: t.clocks,
    };
  }

  #restore(snapshot: LedgerSnapshot, sorted: SignedRecord[]): void {
    const r = new SnapshotReader(sorted, snapshot.strings, snapshot.clocks);
    const notAuthentic = new Set(snapshot.notAuthentic.map((i) => r.id(i)));
    for (const record of sorted) if (!notAuthentic.has(record.id)) this.#authentic.add(record.id);
    for (const i of snapshot.certValid) this.#certValid.add(r.id(i));
    // The key covered these envelopes, so parsing them found the same refusals; what waited for them is in the snapshot.
    this.#newlyMalformed.splice(0);
    for (const data of snapshot.groups) {
      const group = restoreGroup(data, r, this.#authentic, this.#facts);
      this.#groups.set(group.groupHex, group);
    }
  }

  /** Adds records; the result equals deriving from the whole set at once. */
  async add(envelopes: Iterable<Uint8Array>): Promise<void> {
    await this.#addParsed(this.#parse(envelopes));
  }

  async #addParsed(fresh: SignedRecord[]): Promise<void> {
    if (fresh.length === 0 && this.#newlyMalformed.length === 0) return;
    const vouchedLater = await this.#authenticate(fresh);
    // A device record vouched for only now has its certificate checked now.
    await this.#checkCertificates([...fresh, ...vouchedLater]);
    const byGroup = new Map<string, SignedRecord[]>();
    for (const record of fresh) {
      const list = byGroup.get(record.groupHex);
      if (list) list.push(record);
      else byGroup.set(record.groupHex, [record]);
    }
    for (const groupHex of [...byGroup.keys()].sort()) {
      const group = this.#groups.get(groupHex);
      if (group) group.add(byGroup.get(groupHex) as SignedRecord[], this.#authentic);
      else this.#build(groupHex);
    }
    // A record of one group naming a record of another, or a malformed one, waited for it: it is judged now.
    const arrived = [...fresh.map((r) => r.id), ...this.#newlyMalformed.splice(0)];
    for (const groupHex of [...this.#groups.keys()].sort()) {
      const group = this.#groups.get(groupHex) as GroupLedger;
      for (const id of arrived) if (group.isWaitingFor(id)) group.resume(id);
      if (group.rebuildNeeded) this.#build(groupHex);
    }
  }

  #parse(envelopes: Iterable<Uint8Array>): SignedRecord[] {
    const fresh: SignedRecord[] = [];
    const freshIds = new Set<string>();
    for (const envelope of envelopes) {
      const parsed = parseRecordNamed(envelope, this.#names);
      if (!parsed.ok) {
        // An envelope's hash can equal a record's id (its signed bytes sent bare): the record is what the id names.
        if (this.#records.has(parsed.id)) continue;
        this.#unparsed.set(parsed.id, parsed.reason);
        if (!parsed.whole && !this.#malformed.has(parsed.id)) {
          this.#malformed.add(parsed.id);
          this.#newlyMalformed.push(parsed.id);
        }
        continue;
      }
      const record = parsed.record;
      const known = this.#records.get(record.id);
      if (!known) {
        this.#unparsed.delete(record.id);
        this.#records.set(record.id, record);
        if (this.#byChain) addToChain(this.#byChain, record);
        fresh.push(record);
        freshIds.add(record.id);
      } else if (!this.#authentic.has(record.id)) {
        // Same content, another signature: more evidence, never a new record.
        const variants = this.#extraSignatures.get(record.id) ?? [];
        const signature = record.signature;
        if (bytesEqual(known.signature, signature) || variants.some((s) => bytesEqual(s, signature))) continue;
        variants.push(signature);
        this.#extraSignatures.set(record.id, variants);
        if (!freshIds.has(record.id)) fresh.push(known);
        freshIds.add(record.id);
      }
    }
    // Processing order never changes the result (see the ledger property
    // tests), so records are passed on in the order they came.
    return fresh;
  }

  /** Authenticates the fresh records; returns the known records that became authentic only now. */
  async #authenticate(fresh: SignedRecord[]): Promise<SignedRecord[]> {
    // New records, plus the known records of their chains that they could
    // vouch for or be vouched by.
    let context = fresh;
    let freshIds: Set<string> | null = null;
    if (this.#records.size > fresh.length) {
      freshIds = new Set(fresh.map((r) => r.id));
      const chains = new Set(fresh.map((r) => r.chainKey));
      context = [...fresh];
      if (!this.#byChain) {
        this.#byChain = new Map();
        for (const record of this.#records.values()) addToChain(this.#byChain, record);
      }
      for (const chain of chains) {
        for (const record of this.#byChain.get(chain) ?? []) {
          if (freshIds.has(record.id)) continue;
          if (!this.#authentic.has(record.id) || (record.prevHex !== null && freshIds.has(record.prevHex))) context.push(record);
        }
      }
    }
    const known = this.#authentic;
    const external = this.#options.cache;
    const result = await authenticate(context, {
      cache: { has: (id) => known.has(id) || external?.has(id) === true, add: (id) => external?.add(id) },
      ...(this.#options.backend ? { backend: this.#options.backend } : {}),
      extraSignatures: this.#extraSignatures,
    });
    this.stats.signaturesChecked += result.signaturesChecked;
    this.#extraSignatures.clear();
    // Keep the copy whose signature verified, so the envelope passed on proves itself.
    for (const [id, signature] of result.verifiedBy) this.#replaceSignature(id, signature);
    const vouchedLater: SignedRecord[] = [];
    for (const id of result.authentic) {
      // A record judged before as not authentic is vouched for now: judge its group again.
      if (freshIds !== null && !known.has(id) && !freshIds.has(id)) {
        const record = this.#records.get(id) as SignedRecord;
        vouchedLater.push(record);
        const group = this.#groups.get(record.groupHex);
        if (group) group.rebuildNeeded = true;
      }
      known.add(id);
    }
    return vouchedLater;
  }

  #replaceSignature(id: string, signature: Uint8Array): void {
    const old = this.#records.get(id) as SignedRecord;
    const parsed = parseRecordNamed(encodeCanonical([old.signed, signature]), this.#names);
    if (!parsed.ok) throw new Error(`a record re-wrapped with its verified signature no longer parses: ${parsed.reason}`);
    this.#records.set(id, parsed.record);
    const chain = this.#byChain?.get(old.chainKey);
    if (chain) chain[chain.indexOf(old)] = parsed.record;
  }

  async #checkCertificates(fresh: SignedRecord[]): Promise<void> {
    const checks: SignatureCheck[] = [];
    const owners: string[] = [];
    for (const record of fresh) {
      if (record.kind !== "device" || !this.#authentic.has(record.id)) continue;
      if (this.#options.cache?.has(`cert:${record.id}`)) {
        this.#certValid.add(record.id);
        continue;
      }
      const body = (record as SignedRecord<"device">).body;
      checks.push({ publicKey: body.member, message: deviceCertMessage(record.group, record.device), signature: body.cert });
      owners.push(record.id);
    }
    const verdicts = await verifySignatures(checks, this.#options.backend);
    this.stats.signaturesChecked += checks.length;
    verdicts.forEach((ok, i) => {
      if (!ok) return;
      this.#certValid.add(owners[i] as string);
      this.#options.cache?.add(`cert:${owners[i]}`);
    });
  }

  /**
   * Judges a whole group from scratch, in the rounds of §7.3: the first with
   * no revocation applied, each next one with the revocations found valid so
   * far. Cutoffs only ever move earlier, so this ends. Always from no
   * revocation, so the result depends on the set of records alone, never on
   * what an earlier, smaller set had found.
   */
  #build(groupHex: string): void {
    const records = [...this.#records.values()].filter((r) => r.groupHex === groupHex);
    let revoked = new Map<string, number>();
    for (;;) {
      const group = new GroupLedger(groupHex, { frozen: new Map(), revoked }, this.#facts);
      group.add(records, this.#authentic);
      if (this.#groups.has(groupHex)) this.stats.groupsRebuilt++;
      this.#groups.set(groupHex, group);
      const next = group.endRound();
      if (next === null) {
        group.settled = true;
        return;
      }
      revoked = next;
    }
  }

  view(): LedgerView {
    const groups = [...this.#groups.keys()].sort().map((hex) => this.#groups.get(hex) as GroupLedger);
    const view = buildView(groups, this.#unparsed, this.#records.size + this.#unparsed.size);
    addPools(view, this.#groups);
    return view;
  }

  history(accountId: string): HistoryEntry[] {
    const group = this.#groups.get(accountId.split(":")[0] as string);
    return group ? historyOf(group, accountId) : [];
  }

  /** Who said "not right" to an exchange proposal, and why (sorted by the decline's id). */
  declinesOf(exchangeId: string): DeclineView[] {
    const group = this.#groups.get(this.#records.get(exchangeId)?.groupHex ?? "");
    return group ? declinesOf(group, exchangeId) : [];
  }

  /** The group's certified devices and the standing of their accounts now (for access control). */
  devices(groupHex: string): DeviceView[] {
    const group = this.#groups.get(groupHex);
    return group ? devicesOf(group) : [];
  }

  /**
   * The account a member key acts for now (qualified), or null when a
   * recovery replaced it: after a coordinator's member.recover, a new key
   * acts for the old account.
   */
  accountOfKey(groupHex: string, memberHex: string): string | null {
    return this.keyStanding(groupHex, memberHex)?.account ?? null;
  }

  /**
   * The account a member key acts for now, that account's status, and
   * whether a recovery named the key (a relay lets a recovered key's new
   * phone in before it has any device in the group); null when replaced.
   */
  keyStanding(groupHex: string, memberHex: string): { account: string; status: MemberStatus; recovered: boolean } | null {
    const group = this.#groups.get(groupHex);
    if (!group) return { account: `${groupHex}:${memberHex}`, status: "none", recovered: false };
    const recovery = latest(group.state.recoveryByKey.get(memberHex));
    const account = recovery?.value ?? memberHex;
    const current = latest(group.state.recoveryByAccount.get(account));
    if (current && current.value !== memberHex) return null;
    return { account: `${groupHex}:${account}`, status: group.state.statusAt(account, null), recovered: recovery !== null };
  }

  /** The last record (highest seq) of a device's chain in a group, or null: where that device's next record links. */
  chainHead(groupHex: string, deviceHex: string): { seq: number; id: string } | null {
    const group = this.#groups.get(groupHex);
    const seqs = group?.chains.get(`${groupHex}/${deviceHex}`);
    if (!group || !seqs || seqs.size === 0) return null;
    const seq = Math.max(...seqs.keys());
    const id = [...group.idsAt(`${groupHex}/${deviceHex}`, seq)].sort()[0];
    return id === undefined ? null : { seq, id };
  }

  /** Id of the (first, by id) authentic record at one seq of a device's chain, or null. */
  chainRecord(groupHex: string, deviceHex: string, seq: number): string | null {
    return [...(this.#groups.get(groupHex)?.idsAt(`${groupHex}/${deviceHex}`, seq) ?? [])].sort()[0] ?? null;
  }

  /**
   * The latest record of a town kind (§12.9) in a device's chain, or null:
   * what a device names as a dep to put its next record after that device's
   * decisions without taking in the rest of its chain.
   */
  latestTownRecord(groupHex: string, deviceHex: string): string | null {
    for (const record of this.#chainNewestFirst(groupHex, deviceHex)) if (isTownKind(record.kind)) return record.id;
    return null;
  }

  /** Whether a device has signed records besides its certificate and every one is of a town kind: a town chain, by what it did (§12.9). */
  signsOnlyTownKinds(groupHex: string, deviceHex: string): boolean {
    let held = 0;
    for (const record of this.#chainNewestFirst(groupHex, deviceHex)) {
      if (!isTownKind(record.kind)) return false;
      held++;
    }
    // A chain with a record missing is not known to be one.
    return held > 0 && held === this.chainHead(groupHex, deviceHex)?.seq;
  }

  /** A chain's records after its certificate, newest first (the first by id at a seq held twice). */
  *#chainNewestFirst(groupHex: string, deviceHex: string): Generator<SignedRecord> {
    for (let seq = this.chainHead(groupHex, deviceHex)?.seq ?? 0; seq >= 1; seq--) {
      const id = this.chainRecord(groupHex, deviceHex, seq);
      const record = id === null ? undefined : this.#records.get(id);
      if (record) yield record;
    }
  }

  /** The envelope of a record the ledger holds, or null. */
  envelopeOf(id: string): Uint8Array | null {
    return this.#records.get(id)?.envelope ?? null;
  }

  /** Balance of one account in minutes, without building the whole view. */
  balanceOf(accountId: string): number {
    const [groupHex, account] = accountId.split(":") as [string, string];
    return this.#groups.get(groupHex)?.balances.get(account) ?? 0;
  }

  /** The group (hex) of a record the ledger holds. */
  groupOf(id: string): string | null {
    return this.#records.get(id)?.groupHex ?? null;
  }

  /** True when the record is authentic (§5.1 of PROTOCOL.md), whatever its validity. */
  isAuthentic(id: string): boolean {
    return this.#authentic.has(id);
  }

  /** The records of one group the ledger holds, parsed (what a carrier reads to find what a pool carries). */
  recordsOf(groupHex: string): SignedRecord[] {
    const out: SignedRecord[] = [];
    for (const record of this.#records.values()) if (record.groupHex === groupHex) out.push(record);
    return out;
  }

  /** The pools a group has a valid pool.join of, whatever its standing in them now, sorted. */
  joinedPools(groupHex: string): string[] {
    return [...(this.#groups.get(groupHex)?.state.poolStanding.keys() ?? [])].sort();
  }

  /** A group's standing in a pool as far as these records show (§12.3), or null when it never asked to join. */
  poolStatus(poolHex: string, groupHex: string): "asked" | "member" | "left" | null {
    const group = this.#groups.get(groupHex);
    return group ? (groupStatus(group, poolMembers(this.#groups, poolHex))?.status ?? null) : null;
  }

  /** Every record the ledger holds, as envelopes: the device's own copy to put back into documents. */
  envelopes(): Uint8Array[] {
    return [...this.#records.values()].map((r) => r.envelope);
  }
}

function addToChain(byChain: Map<string, SignedRecord[]>, record: SignedRecord): void {
  const chain = byChain.get(record.chainKey);
  if (chain) chain.push(record);
  else byChain.set(record.chainKey, [record]);
}

export async function deriveLedger(envelopes: Iterable<Uint8Array>, options: LedgerOptions = {}): Promise<LedgerView> {
  return (await Ledger.derive(envelopes, options)).view();
}
