// A scene for one conformance vector: a small group (Ann founds and
// coordinates; the others join and are approved), people who write records
// at chosen causal points, and raw envelopes for what no honest device writes.
// Every key comes from a fixed label and no clock is read, so a scene always
// signs the same bytes.
import {
  bytesToHex,
  createGroup,
  DeviceAuthor,
  encodeCanonical,
  sha256,
  signerFromSeed,
  signingMessage,
  utf8,
  type Body,
  type CborValue,
  type RecordKind,
  type SignedRecord,
  type Signer,
} from "../../src/index.ts";
import type { Person as MemberAtDevice } from "../support.ts";

export const labelSigner = (label: string): Promise<Signer> => signerFromSeed(sha256(utf8(`tally-vectors/${label}`)));

/** A member as the core's tests know them (name, member key, device author, account), with their device record. */
export interface Person extends MemberAtDevice {
  /** The person's device record (seq 0). */
  certificate: SignedRecord;
}

export interface SceneOptions {
  members?: string[];
  creditLimitMinutes?: number;
  bonus?: number;
  confirmation?: "both" | "payer";
  /** Seed label of the group (its nonce); two scenes with one label are one group. */
  group?: string;
  founder?: string;
  /** The group's name (Riverside timebank unless told). */
  name?: string;
}

export interface WriteOptions {
  /** Ids the record names as deps; by default the latest governance record (the scene's head). */
  deps?: string[];
  /** Left out of the vector's records (withheld: others wait for it). */
  withhold?: boolean;
  /** Becomes the scene's head: what later records see by default. */
  head?: boolean;
}

export class Scene {
  readonly records: SignedRecord[] = [];
  /** Envelopes no honest device writes, in the vector as given. */
  readonly raw: Uint8Array[] = [];
  readonly people = new Map<string, Person>();
  head = "";
  groupId: Uint8Array = new Uint8Array();
  groupHex = "";
  genesis!: SignedRecord<"group.create">;

  static async create(options: SceneOptions = {}): Promise<Scene> {
    const scene = new Scene();
    await scene.#found(options);
    return scene;
  }

  async #found(options: SceneOptions): Promise<void> {
    const founder = options.founder ?? "ann";
    const member = await labelSigner(`${founder}/member`);
    const device = await labelSigner(`${founder}/device`);
    const created = await createGroup(member, device, {
      name: options.name ?? "Riverside timebank",
      founderName: founder[0]!.toUpperCase() + founder.slice(1),
      nonce: sha256(utf8(`tally-vectors/group/${options.group ?? "main"}`)).slice(0, 16),
      creditLimitMinutes: options.creditLimitMinutes ?? 600,
      joiningBonusMinutes: options.bonus ?? 0,
      confirmation: options.confirmation ?? "both",
    });
    this.groupId = created.groupId;
    this.groupHex = bytesToHex(created.groupId);
    this.genesis = created.records[1] as SignedRecord<"group.create">;
    this.records.push(...created.records);
    this.head = this.genesis.id;
    this.people.set(founder, this.#person(founder, member, created.author, created.records[0]!));
    for (const name of options.members ?? ["bob", "cat"]) await this.join(name, { approve: true });
  }

  #person(name: string, member: Signer, author: DeviceAuthor, certificate: SignedRecord): Person {
    return { name, member, author, account: member.publicKey, key: `${this.groupHex}:${bytesToHex(member.publicKey)}`, certificate };
  }

  get founder(): Person {
    return [...this.people.values()][0]!;
  }

  /** A new person certifies a device and asks to join; a coordinator (Ann) approves unless told not to. */
  async join(name: string, options: { approve?: boolean; memberKind?: "person" | "organisation" | "business" } = {}) {
    const member = await labelSigner(`${name}/member`);
    const { author, record } = await DeviceAuthor.certified(member, await labelSigner(`${name}/device`), this.groupId);
    this.records.push(record);
    const person = this.#person(name, member, author, record);
    this.people.set(name, person);
    const join = await this.write(name, "member.join", { name: name[0]!.toUpperCase() + name.slice(1), memberKind: options.memberKind ?? "person" });
    if (options.approve) await this.write(this.founder.name, "member.approve", { join: hexBytes(join.id) }, { deps: [join.id], head: true });
    return { person, join };
  }

  /** Another device of an existing person, certified by their member key. */
  async secondDevice(name: string, label: string): Promise<Person> {
    const owner = this.person(name);
    const { author, record } = await DeviceAuthor.certified(owner.member, await labelSigner(`${name}/${label}`), this.groupId);
    this.records.push(record);
    return { ...owner, author, certificate: record };
  }

  person(name: string): Person {
    const person = this.people.get(name);
    if (!person) throw new Error(`no person ${name} in the scene`);
    return person;
  }

  key(name: string): string {
    return name === "group" ? `${this.groupHex}:group` : this.person(name).key;
  }

  account(name: string): Uint8Array {
    return name === "group" ? new Uint8Array() : this.person(name).account;
  }

  async write<K extends RecordKind>(who: string | Person, kind: K, body: Body<K>, options: WriteOptions = {}): Promise<SignedRecord<K>> {
    const author = typeof who === "string" ? this.person(who).author : who.author;
    const record = await author.write(kind, body, { deps: options.deps ?? [this.head] });
    if (!options.withhold) this.records.push(record);
    if (options.head) this.head = record.id;
    return record;
  }

  /**
   * Signs a record at the next seq of a person's chain with any signed part
   * (a body no honest device writes), validly signed. The chain moves on.
   */
  async unchecked(who: string | Person, kind: string, body: CborValue, options: WriteOptions = {}): Promise<string> {
    const person = typeof who === "string" ? this.person(who) : who;
    const fields = this.nextFields(person, options.deps ?? [this.head]);
    const signed = encodeCanonical([1, kind, this.groupId, person.author.signer.publicKey, fields.seq, fields.prev, fields.deps, 0, body]);
    return this.signRaw(person, signed, fields.seq);
  }

  /** Signs any signed bytes with a person's device key, wraps them canonically and moves the chain to them. */
  async signRaw(person: Person, signed: Uint8Array, seq: number): Promise<string> {
    const id = sha256(signed);
    const signature = await person.author.signer.sign(signingMessage(id));
    this.raw.push(encodeCanonical([signed, signature]));
    // The chain's next honest record links here, as if this were an ordinary record.
    person.author = new DeviceAuthor(person.author.signer, this.groupId, { seq, id: bytesToHex(id) });
    return bytesToHex(id);
  }

  /** seq, prev and sorted deps for the next record of a person's chain. */
  nextFields(person: Person, deps: string[]): { seq: number; prev: Uint8Array | null; deps: Uint8Array[] } {
    const prevId = person.author.prevId;
    const sorted = [...new Set(deps)].filter((d) => d !== prevId).sort().map(hexBytes);
    return { seq: person.author.nextSeq, prev: prevId === null ? null : hexBytes(prevId), deps: sorted };
  }

  /** Every envelope of the vector. */
  envelopes(): Uint8Array[] {
    return [...this.records.map((r) => r.envelope), ...this.raw];
  }
}

export function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}
