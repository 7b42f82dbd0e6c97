// The groups this relay serves, and who may read and write their documents:
// the certified, unrevoked devices of each group's active or suspended
// members, as the core derives them from the group's records.
//
// Those records come from the relay's own append-only store of every
// authentic record it has accepted, never from the shared documents alone:
// any member can edit the documents, and a member who deletes the genesis
// from them must not be able to lock the group out. Each group is a
// GroupReplica, like a device's: records deleted or rewritten in the
// documents are put back from the store.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DocumentId, Repo } from "@automerge/automerge-repo";
import { GROUP_ID_BYTES, Ledger, bytesToHex, parseRecord, type DeviceView, type Invite } from "@tally/core";
import { GroupReplica, describeDocument, groupPrefix } from "@tally/documents";
import { FileRecordStore } from "@tally/documents/node";

const GROUP_HEX = new RegExp(`^[0-9a-f]{${GROUP_ID_BYTES * 2}}$`);

interface ServedGroup {
  replica: GroupReplica;
  /** device hex → its standing now */
  devices: Map<string, DeviceView>;
  /** account id → one of its devices (they all share the account's standing) */
  byAccount: Map<string, DeviceView>;
}

export class RelayGroups {
  readonly #groups = new Map<string, ServedGroup>();
  readonly #opening = new Map<string, Promise<ServedGroup>>();
  readonly #byPrefix = new Map<string, string>();
  readonly #file: string;
  readonly #changeListeners: ((groupHex: string) => void)[] = [];

  constructor(
    readonly repo: Repo,
    readonly dataDir: string,
    readonly onAccessChange: () => void,
    readonly log: (line: string) => void,
  ) {
    this.#file = join(dataDir, "groups.json");
  }

  async load(): Promise<void> {
    const listed: unknown = existsSync(this.#file) ? JSON.parse(readFileSync(this.#file, "utf8")) : [];
    const known = Array.isArray(listed) ? listed.filter((g): g is string => typeof g === "string" && GROUP_HEX.test(g)) : [];
    for (const groupHex of known) await this.#open(groupHex);
  }

  get size(): number {
    return this.#groups.size;
  }

  /** Records accepted into the ledgers of the groups served (for /metrics). */
  recordCount(): number {
    let count = 0;
    for (const group of this.#groups.values()) count += group.replica.ledger.envelopes().length;
    return count;
  }

  /** The groups served, sorted. */
  groupHexes(): string[] {
    return [...this.#groups.keys()].sort();
  }

  /** Calls `listener` after each change to a group's records (push notifications watch this). */
  onGroupChange(listener: (groupHex: string) => void): void {
    this.#changeListeners.push(listener);
  }

  /** A group's replica on this relay, if it serves the group. */
  replicaOf(groupHex: string): GroupReplica | null {
    return this.#groups.get(groupHex)?.replica ?? null;
  }

  #persist(): void {
    const temporary = `${this.#file}.tmp`;
    writeFileSync(temporary, JSON.stringify([...this.#groups.keys()].sort()));
    renameSync(temporary, this.#file);
  }

  #open(groupHex: string): Promise<ServedGroup> {
    let opening = this.#opening.get(groupHex);
    if (!opening) {
      opening = this.#openNow(groupHex);
      opening.catch(() => this.#opening.delete(groupHex)); // a later attempt may succeed
      this.#opening.set(groupHex, opening);
    }
    return opening;
  }

  async #openNow(groupHex: string): Promise<ServedGroup> {
    if (!GROUP_HEX.test(groupHex)) throw new Error(`not a group id: ${groupHex.slice(0, 80)}`);
    const store = await FileRecordStore.open(join(this.dataDir, "records", groupHex));
    // Any group may be a pool: its documents then carry records of the groups that joined it (PROTOCOL §12.8).
    const replica = await GroupReplica.open({ repo: this.repo, groupHex, store, carries: true });
    const group: ServedGroup = { replica, devices: new Map(), byAccount: new Map() };
    this.#refresh(groupHex, group);
    replica.onChange(() => {
      this.#refresh(groupHex, group);
      for (const listener of this.#changeListeners) listener(groupHex);
    });
    this.#groups.set(groupHex, group);
    this.#byPrefix.set(groupPrefix(groupHex), groupHex);
    if (replica.stats.restored > 0) this.log(`group ${groupHex.slice(0, 8)}: put back ${replica.stats.restored} record(s) missing from its documents`);
    return group;
  }

  /** Who may connect follows the ledger, which follows the relay's store. */
  #refresh(groupHex: string, group: ServedGroup): void {
    const devices = new Map(group.replica.ledger.devices(groupHex).map((d) => [d.device, d]));
    const before = JSON.stringify([...group.devices.values()].map(standing));
    group.devices = devices;
    group.byAccount = new Map([...devices.values()].map((d) => [d.account, d]));
    if (JSON.stringify([...devices.values()].map(standing)) !== before) this.onAccessChange();
  }

  /** Whether a device may read and write a document. */
  mayAccess(deviceHex: string, documentId: DocumentId): boolean {
    const found = this.deviceIn(documentId, deviceHex);
    return found !== null && mayRead(found.device);
  }

  /** Whether a device may read a served group's documents (certified for an active or suspended member, not revoked). */
  deviceMayRead(groupHex: string, deviceHex: string): boolean {
    const device = this.#groups.get(groupHex)?.devices.get(deviceHex);
    return device !== undefined && mayRead(device);
  }

  /** The served group whose documents share this prefix, if any. */
  groupOfPrefix(prefix: string): string | null {
    return this.#byPrefix.get(prefix) ?? null;
  }

  /** The group a document belongs to and a device's standing in it, if the relay serves both. */
  deviceIn(documentId: DocumentId, deviceHex: string): { groupHex: string; device: DeviceView } | null {
    const described = describeDocument(documentId);
    const groupHex = described ? this.#byPrefix.get(described.prefix) : undefined;
    const device = groupHex ? this.#groups.get(groupHex)?.devices.get(deviceHex) : undefined;
    return groupHex && device ? { groupHex, device } : null;
  }

  /** Whether a device is a coordinator's, serving and not revoked, in a group. */
  isCoordinatorDevice(groupHex: string, deviceHex: string): boolean {
    const device = this.#groups.get(groupHex)?.devices.get(deviceHex);
    return device !== undefined && device.role === "coordinator" && device.status === "active" && device.revokedFrom === null;
  }

  /**
   * A founder's first connection brings the group's certificate and genesis.
   * The relay learns the group when they are valid and the connecting device
   * is the founding coordinator's device.
   */
  async found(deviceHex: string, founding: Uint8Array[]): Promise<string | null> {
    const ledger = await Ledger.derive(founding);
    const groups = Object.keys(ledger.view().groups);
    const groupHex = groups[0];
    if (groups.length !== 1 || !groupHex) return null;
    const founder = ledger.devices(groupHex).find((d) => d.device === deviceHex);
    if (!founder || founder.role !== "coordinator") return null;
    if (!this.#groups.has(groupHex)) {
      const group = await this.#open(groupHex);
      await group.replica.receive(founding);
      this.#persist();
      this.log(`group ${groupHex.slice(0, 8)} founded by device ${deviceHex.slice(0, 8)}`);
    }
    return groupHex;
  }

  /**
   * A device holding an invite may add exactly its certificate and its join
   * request to the group; nothing else, and it gets no access by it.
   */
  async join(invite: Invite, records: Uint8Array[], nowMs: number): Promise<string | null> {
    const groupHex = bytesToHex(invite.group);
    const group = this.#groups.get(groupHex);
    if (!group) return "unknown group";
    if (invite.expiresMs < nowMs) return "the invite has expired";
    const issuer = group.devices.get(bytesToHex(invite.coordinatorDevice));
    if (!issuer || issuer.role !== "coordinator" || !mayRead(issuer)) return "the invite was not issued by a coordinator of this group";
    const parsed = records.map(parseRecord);
    if (parsed.length !== 2 || !parsed.every((p) => p.ok)) return "expected two valid records";
    const [certificate, request] = parsed.map((p) => (p.ok ? p.record : null));
    if (certificate?.kind !== "device" || request?.kind !== "member.join") return "expected a device certificate and a join request";
    if (certificate.groupHex !== groupHex || request.groupHex !== groupHex || certificate.deviceHex !== request.deviceHex || request.seq !== 1) {
      return "the records must be one new device's first two records in this group";
    }
    const check = await Ledger.derive(records);
    if (!check.isAuthentic(certificate.id) || !check.isAuthentic(request.id)) return "the records are not signed by their device";
    await group.replica.receive(records);
    return null;
  }

  /**
   * A member key's standing in each group where it has a certified device:
   * what a device told nothing else (declined, removed) can still learn.
   */
  standingOf(memberHex: string): Record<string, string> {
    const standing: Record<string, string> = {};
    for (const groupHex of [...this.#groups.keys()].sort()) {
      const status = this.#memberStatus(groupHex, memberHex);
      if (status) standing[groupHex] = status;
    }
    return standing;
  }

  /**
   * The standing of the account a member key acts for: that of its devices,
   * or, for a key a coordinator's recovery named that has no device here
   * yet (a lost phone's replacement), the account's own.
   */
  #memberStatus(groupHex: string, memberHex: string): string | null {
    const group = this.#groups.get(groupHex);
    const standing = group?.replica.ledger.keyStanding(groupHex, memberHex);
    if (!group || !standing) return null;
    const device = group.byAccount.get(standing.account);
    if (device) return device.status;
    return standing.recovered ? standing.status : null;
  }

  /**
   * A member's new device (a second phone, a recovered account, a card from a
   * sign-up desk) brings its certificate: the relay adds it when the member
   * key already has a device in the group. The certificate proves the key:
   * nothing here lets anyone do more than a holder of the member key could.
   */
  async link(envelope: Uint8Array): Promise<string | null> {
    const parsed = parseRecord(envelope);
    if (!parsed.ok) return `not a record: ${parsed.reason}`;
    const certificate = parsed.record;
    if (certificate.kind !== "device" || certificate.seq !== 0) return "expected a device certificate";
    const group = this.#groups.get(certificate.groupHex);
    if (!group) return "unknown group";
    const memberHex = bytesToHex((certificate.body as { member: Uint8Array }).member);
    if (!LINKABLE.has(this.#memberStatus(certificate.groupHex, memberHex) ?? "")) return "this member key has no account in the group";
    const check = await Ledger.derive([envelope]);
    if (!check.isAuthentic(certificate.id)) return "the certificate is not signed by its device";
    if (check.devices(certificate.groupHex)[0]?.device !== certificate.deviceHex) return "the certificate is not valid";
    await group.replica.receive([envelope]);
    return null;
  }
}

/** A member who asked to join and waits, or is in the group, may add devices. */
export const LINKABLE: ReadonlySet<string> = new Set(["none", "active", "suspended"]);

function standing(device: DeviceView): string {
  return `${device.device}:${device.status}:${device.role}:${device.revokedFrom}`;
}

function mayRead(device: DeviceView): boolean {
  return (device.status === "active" || device.status === "suspended") && device.revokedFrom === null;
}
