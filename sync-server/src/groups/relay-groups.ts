// The groups this relay serves, and who may read and write their documents:
// the certified, unrevoked devices of each group's active or suspended
// members, as the core derives them from the group's own records.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DocumentId, Repo } from "@automerge/automerge-repo";
import { Ledger, bytesToHex, parseRecord, type DeviceView, type Invite } from "@tally/core";
import { GroupDocuments, describeDocument, groupPrefix, type RecordEnvelope } from "@tally/documents";

interface ServedGroup {
  docs: GroupDocuments;
  ledger: Ledger;
  /** device hex → its standing now */
  devices: Map<string, DeviceView>;
  /** account id → one of its devices (they all share the account's standing) */
  byAccount: Map<string, DeviceView>;
  queue: Promise<void>;
}

export class RelayGroups {
  readonly #groups = new Map<string, ServedGroup>();
  readonly #byPrefix = new Map<string, string>();
  readonly #file: string;

  constructor(
    readonly repo: Repo,
    dataDir: string,
    readonly onAccessChange: () => void,
    readonly log: (line: string) => void,
  ) {
    this.#file = join(dataDir, "groups.json");
  }

  async load(): Promise<void> {
    const known = existsSync(this.#file) ? (JSON.parse(readFileSync(this.#file, "utf8")) as string[]) : [];
    for (const groupHex of known) await this.#open(groupHex);
  }

  get size(): number {
    return this.#groups.size;
  }

  #persist(): void {
    const temporary = `${this.#file}.tmp`;
    writeFileSync(temporary, JSON.stringify([...this.#groups.keys()].sort()));
    renameSync(temporary, this.#file);
  }

  async #open(groupHex: string): Promise<ServedGroup> {
    const known = this.#groups.get(groupHex);
    if (known) return known;
    const docs = await GroupDocuments.open(this.repo, groupHex);
    const group: ServedGroup = { docs, ledger: await Ledger.derive([]), devices: new Map(), byAccount: new Map(), queue: Promise.resolve() };
    this.#groups.set(groupHex, group);
    this.#byPrefix.set(groupPrefix(groupHex), groupHex);
    docs.onRecords(({ added }) => {
      if (added.length > 0) this.#absorb(groupHex, group, added);
    });
    this.#absorb(groupHex, group, await docs.records());
    await group.queue;
    return group;
  }

  #absorb(groupHex: string, group: ServedGroup, records: RecordEnvelope[]): void {
    group.queue = group.queue
      .then(async () => {
        await group.ledger.add(records.map((r) => r.envelope));
        const devices = new Map(group.ledger.devices(groupHex).map((d) => [d.device, d]));
        const before = JSON.stringify([...group.devices.values()].map(standing));
        group.devices = devices;
        group.byAccount = new Map([...devices.values()].map((d) => [d.account, d]));
        if (JSON.stringify([...devices.values()].map(standing)) !== before) this.onAccessChange();
      })
      .catch((error: unknown) => this.log(`error group=${groupHex.slice(0, 8)} ${(error as Error).message}`));
  }

  /** Whether a device may read and write a document. */
  mayAccess(deviceHex: string, documentId: DocumentId): boolean {
    const described = describeDocument(documentId);
    const groupHex = described ? this.#byPrefix.get(described.prefix) : undefined;
    const device = groupHex ? this.#groups.get(groupHex)?.devices.get(deviceHex) : undefined;
    return device !== undefined && mayRead(device);
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
      await group.docs.write(founding.map(envelopeOf));
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
    await group.docs.write(records.map(envelopeOf));
    return null;
  }

  /**
   * A member key's standing in each group where it has a certified device:
   * what a device told nothing else (declined, removed) can still learn.
   */
  standingOf(memberHex: string): Record<string, string> {
    const standing: Record<string, string> = {};
    for (const groupHex of [...this.#groups.keys()].sort()) {
      const device = this.#memberDevice(groupHex, memberHex);
      if (device) standing[groupHex] = device.status;
    }
    return standing;
  }

  #memberDevice(groupHex: string, memberHex: string): DeviceView | null {
    return this.#groups.get(groupHex)?.byAccount.get(`${groupHex}:${memberHex}`) ?? null;
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
    if (!LINKABLE.has(this.#memberDevice(certificate.groupHex, memberHex)?.status ?? "")) return "this member key has no account in the group";
    const check = await Ledger.derive([envelope]);
    if (!check.isAuthentic(certificate.id)) return "the certificate is not signed by its device";
    if (check.devices(certificate.groupHex)[0]?.device !== certificate.deviceHex) return "the certificate is not valid";
    await group.docs.write([{ id: certificate.id, envelope }]);
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

function envelopeOf(envelope: Uint8Array): RecordEnvelope {
  const parsed = parseRecord(envelope);
  if (!parsed.ok) throw new Error(parsed.reason);
  return { id: parsed.record.id, envelope };
}
