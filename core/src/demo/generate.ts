// A realistic demo group (or pool of groups), the same for the same seed:
// coordinators, members with one or two devices, organisations and
// businesses, proxy members, profiles, offers and requests, exchanges of every
// kind, donations, grants, corrections, a suspension, a recovery and a removal.
// Every record it writes is valid, and it keeps every payer within its limit.
import { bytesToHex, utf8 } from "../encoding/bytes.ts";
import { sha256 } from "../crypto/sha256.ts";
import { signerFromSeed, type Signer } from "../crypto/ed25519.ts";
import { createGroup, DeviceAuthor } from "../group/device-author.ts";
import type { Body, RecordKind } from "../record/kinds.ts";
import type { SignedRecord } from "../record/record.ts";
import { isTownKind } from "../pool/town-chain.ts";
import { SeededRandom } from "./random.ts";

export interface DemoOptions {
  members: number;
  records: number;
  seed: number;
  groups?: number;
}

/** The fewest records a demo needs per member (certificate, join, approval) plus the group's own. */
export const DEMO_RECORDS_PER_MEMBER = 4;

const START_MS = 1_767_225_600_000; // 2026-01-01, display only
const STEP_MS = 37 * 60_000;
const DEFAULT_LIMIT_MINUTES = 600;
const BONUS_MINUTES = 60;
const CATEGORIES = ["gardening", "litter picking", "lifts", "shopping", "IT help", "cooking", "repairs", "befriending", "tutoring", "pet care"];
const FIRST_NAMES = ["Sam", "Ann", "Priya", "Tom", "Aisha", "Joe", "Mei", "Olu", "Kate", "Raj", "Lena", "Dev", "Ruth", "Ali", "Nia", "Ben"];
const ORGANISATIONS = ["St Nicholas Wombles", "Green Spaces Trust", "Food Bank", "Youth Club", "Library Friends"];
const BUSINESSES = ["Corner Cafe", "Bike Shop", "Bakery", "Hardware Store"];

export interface Person {
  name: string;
  member: Signer | null; // null for proxy accounts
  account: Uint8Array;
  devices: DeviceAuthor[];
  /** The member's town chain (PROTOCOL §12.9), made at their first record of a town kind. */
  town: DeviceAuthor | null;
  status: "active" | "suspended" | "removed";
  coordinator: boolean;
  proxy: boolean;
  balance: number;
  limit: number;
}

export async function generateDemo(options: DemoOptions): Promise<SignedRecord[]> {
  const groups = options.groups ?? 1;
  const out: SignedRecord[] = [];
  for (let g = 0; g < groups; g++) {
    const members = Math.floor(options.members / groups) + (g < options.members % groups ? 1 : 0);
    const records = Math.floor(options.records / groups) + (g < options.records % groups ? 1 : 0);
    const group = new DemoGroup(options.seed, g, members, records);
    out.push(...(await group.run()));
  }
  return out;
}

/** One demo group, written step by step (the town generator, demo/town.ts, drives several). */
export class DemoGroup {
  readonly rng: SeededRandom;
  readonly out: SignedRecord[] = [];
  readonly people: Person[] = [];
  /**
   * Latest decision (a record of a town kind) of each coordinator device:
   * every record names them, as a synced device would (PROTOCOL §12.9).
   */
  readonly govHeads = new Map<string, string>();
  readonly listings: { id: string; owner: Person; open: boolean }[] = [];
  readonly completed: { id: string; deltas: [Person, number][] }[] = [];
  readonly suspended: Person[] = [];
  group!: Uint8Array;
  recovered = false;

  constructor(
    readonly seed: number,
    readonly index: number,
    readonly memberCount: number,
    readonly recordCount: number,
  ) {
    this.rng = new SeededRandom(seed * 1_000_003 + index);
  }

  signer(label: string): Promise<Signer> {
    return signerFromSeed(sha256(utf8(`tally-demo/${this.seed}/${this.index}/${label}`)));
  }

  async write<K extends RecordKind>(person: Person, kind: K, body: Body<K>, deps: string[] = [], device?: DeviceAuthor) {
    const town = isTownKind(kind);
    const author = device ?? (town ? await this.townChain(person) : this.rng.pick(person.devices));
    const record = await author.write(kind, body, {
      deps: [...deps, ...this.govHeads.values()],
      timeMs: this.nowMs(),
    });
    this.out.push(record);
    if (person.coordinator && town) this.govHeads.set(bytesToHex(author.signer.publicKey), record.id);
    return record;
  }

  nowMs(): number {
    return START_MS + this.out.length * STEP_MS;
  }

  /** The person's town chain, certified by their member key the first time it is needed. */
  async townChain(person: Person): Promise<DeviceAuthor> {
    if (person.town) return person.town;
    if (!person.member) throw new Error("a proxy account has no chain of its own");
    const { author, record } = await DeviceAuthor.certified(person.member, await this.signer(`town/${bytesToHex(person.member.publicKey)}`), this.group, { timeMs: this.nowMs() });
    this.out.push(record);
    person.town = author;
    return author;
  }

  async run(): Promise<SignedRecord[]> {
    await this.setup();
    while (this.out.length < this.recordCount) await this.step(this.recordCount - this.out.length);
    return this.out;
  }

  async setup(): Promise<void> {
    const member = await this.signer("member/0");
    const device = await this.signer("device/0/0");
    const name = `${this.rng.pick(FIRST_NAMES)} (coordinator)`;
    const created = await createGroup(member, device, {
      name: `Demo timebank ${this.index + 1}`,
      founderName: name,
      nonce: sha256(utf8(`nonce/${this.seed}/${this.index}`)).slice(0, 16),
      creditLimitMinutes: DEFAULT_LIMIT_MINUTES,
      joiningBonusMinutes: BONUS_MINUTES,
      confirmation: "both",
    }, { timeMs: START_MS });
    this.group = created.groupId;
    this.out.push(...created.records);
    const founder: Person = { name, member, account: member.publicKey, devices: [created.author], town: null, status: "active", coordinator: true, proxy: false, balance: 0, limit: DEFAULT_LIMIT_MINUTES };
    this.people.push(founder);
    for (let i = 1; i < this.memberCount; i++) {
      if (i > 3 && this.rng.chance(2)) await this.addProxy(i);
      else await this.addMember(i);
      if (i <= 2 && this.memberCount > 10) await this.promote(this.people[i]!);
    }
  }

  coordinators(): Person[] {
    return this.people.filter((p) => p.coordinator && p.status === "active");
  }

  async addMember(i: number): Promise<void> {
    const member = await this.signer(`member/${i}`);
    const kind = this.rng.chance(4) ? "organisation" : this.rng.chance(3) ? "business" : "person";
    const name = kind === "organisation" ? `${this.rng.pick(ORGANISATIONS)} ${i}` : kind === "business" ? `${this.rng.pick(BUSINESSES)} ${i}` : `${this.rng.pick(FIRST_NAMES)} ${i}`;
    const person: Person = { name, member, account: member.publicKey, devices: [], town: null, status: "active", coordinator: false, proxy: false, balance: 0, limit: DEFAULT_LIMIT_MINUTES };
    const deviceCount = this.rng.chance(20) ? 2 : 1;
    for (let d = 0; d < deviceCount; d++) {
      const { author, record } = await DeviceAuthor.certified(member, await this.signer(`device/${i}/${d}`), this.group, { timeMs: this.nowMs() });
      this.out.push(record);
      person.devices.push(author);
    }
    const join = await this.write(person, "member.join", { name, memberKind: kind, note: "Met the group at the park event" }, [], person.devices[0]);
    await this.write(this.rng.pick(this.coordinators()), "member.approve", { join: hex(join.id), note: "Two references checked", referencesChecked: true }, [join.id]);
    person.balance = BONUS_MINUTES;
    this.people.push(person);
  }

  async addProxy(i: number): Promise<void> {
    const record = await this.write(this.rng.pick(this.coordinators()), "member.proxy", { name: `${this.rng.pick(FIRST_NAMES)} ${i} (no smartphone)`, memberKind: "person", note: "Account kept by a coordinator" });
    this.people.push({ name: `proxy ${i}`, member: null, account: hex(record.id), devices: [], town: null, status: "active", coordinator: false, proxy: true, balance: 0, limit: DEFAULT_LIMIT_MINUTES });
  }

  async promote(person: Person): Promise<void> {
    await this.write(this.people[0]!, "member.role", { account: person.account, role: "coordinator" });
    person.coordinator = true;
  }

  /** Active people who can sign for themselves (not proxies). */
  actors(): Person[] {
    return this.people.filter((p) => p.status === "active" && !p.proxy);
  }

  payerFor(minutes: number, except: Person[] = [], pool = this.actors()): Person | null {
    for (let tries = 0; tries < 20; tries++) {
      const p = this.rng.pick(pool);
      if (!except.includes(p) && p.balance - minutes >= -p.limit) return p;
    }
    return null;
  }

  payeeFor(except: Person[]): Person | null {
    for (let tries = 0; tries < 20; tries++) {
      const p = this.rng.pick(this.actors());
      if (!except.includes(p)) return p;
    }
    return null;
  }

  move(id: string, deltas: [Person, number][]): void {
    for (const [p, m] of deltas) p.balance += m;
    this.completed.push({ id, deltas });
  }

  minutes(): number {
    return this.rng.pick([30, 45, 60, 60, 60, 90, 120, 150, 180]);
  }

  async step(remaining: number): Promise<void> {
    const roll = this.rng.below(1000);
    if (remaining < 6 || roll < 70) return this.listing(remaining);
    if (roll < 100) return this.profile();
    if (roll < 130) return this.listingChange();
    if (roll < 530) return this.exchange(false);
    if (roll < 700) return this.exchange(true);
    if (roll < 780) return this.oneToMany();
    if (roll < 810) return this.event();
    if (roll < 850) return this.donation();
    if (roll < 860) return this.grant();
    if (roll < 875) return this.correction();
    if (roll < 890) return this.unconfirmedOrDeclined();
    if (roll < 930) return this.proxyExchange();
    if (roll < 940) return this.limitChange();
    if (roll < 950) return this.suspension();
    if (roll < 952) return this.recovery();
    if (roll < 953) return this.removal();
    if (roll < 954) return this.settings();
    if (roll < 995) return this.profile();
    return this.listing();
  }

  /** With room for one record only, by someone whose town chain exists (a new one starts with its certificate). */
  async listing(remaining = Infinity): Promise<void> {
    const withChain = this.actors().filter((p) => p.town !== null);
    const owner = this.rng.pick(remaining < 2 && withChain.length > 0 ? withChain : this.actors());
    const type = this.rng.pick(["offer", "offer", "request", owner.name.includes(" ") && this.rng.chance(20) ? "activity" : "offer"] as const);
    const category = this.rng.pick(CATEGORIES);
    const record = await this.write(owner, "listing.create", { type, title: `${type === "request" ? "Need help with" : "Can help with"} ${category}`, category, description: "Weekends are best", expiresDay: 20_600 + this.rng.below(300) });
    this.listings.push({ id: record.id, owner, open: true });
  }

  async listingChange(): Promise<void> {
    const open = this.listings.filter((l) => l.open && l.owner.status === "active" && !l.owner.proxy);
    if (open.length === 0) return this.listing();
    const listing = this.rng.pick(open);
    if (this.rng.chance(50)) {
      await this.write(listing.owner, "listing.update", { listing: hex(listing.id), description: "Evenings also fine" }, [listing.id]);
    } else {
      await this.write(listing.owner, "listing.close", { listing: hex(listing.id), reason: "Done, thank you" }, [listing.id]);
      listing.open = false;
    }
  }

  async exchange(providerStarts: boolean): Promise<void> {
    const minutes = this.minutes();
    const payer = this.payerFor(minutes);
    const payee = payer && this.payeeFor([payer]);
    if (!payer || !payee) return this.listing();
    const listing = this.listings.find((l) => l.open && l.owner === payee);
    const named = listing && this.rng.chance(50) ? listing : null;
    const body: Body<"exchange.propose"> = {
      payer: payer.account,
      payees: [{ account: payee.account, minutes }],
      description: "Helped out",
      category: this.rng.pick(CATEGORIES),
      ...(named ? { listing: hex(named.id) } : {}),
    };
    const proposal = await this.write(providerStarts ? payee : payer, "exchange.propose", body, named ? [named.id] : []);
    await this.write(providerStarts ? payer : payee, "exchange.confirm", { proposal: hex(proposal.id) }, [proposal.id]);
    this.move(proposal.id, [[payer, -minutes], [payee, minutes]]);
  }

  async oneToMany(): Promise<void> {
    const count = this.rng.between(2, 4);
    const each = this.rng.pick([30, 60, 90]);
    const payer = this.payerFor(each * count);
    if (!payer) return this.listing();
    const payees: Person[] = [];
    for (let i = 0; i < count; i++) {
      const p = this.payeeFor([payer, ...payees]);
      if (p) payees.push(p);
    }
    if (payees.length < 2) return this.listing();
    const proposal = await this.write(payer, "exchange.propose", { payer: payer.account, payees: payees.map((p) => ({ account: p.account, minutes: each })), description: "Group help with a house move" });
    for (const p of payees) await this.write(p, "exchange.confirm", { proposal: hex(proposal.id) }, [proposal.id]);
    this.move(proposal.id, [[payer, -each * payees.length], ...payees.map((p): [Person, number] => [p, each])]);
  }

  async event(): Promise<void> {
    const volunteers: Person[] = [];
    for (let i = 0; i < this.rng.between(3, 6); i++) {
      const p = this.payeeFor(volunteers);
      if (p) volunteers.push(p);
    }
    if (volunteers.length === 0) return this.listing();
    const each = this.rng.pick([60, 120, 180]);
    const record = await this.write(this.rng.pick(this.coordinators()), "exchange.event", {
      payers: [{ account: new Uint8Array(), minutes: each * volunteers.length }],
      payees: volunteers.map((p) => ({ account: p.account, minutes: each })),
      description: "Litter pick in the park",
      category: "litter picking",
    });
    this.move(record.id, volunteers.map((p): [Person, number] => [p, each]));
  }

  async donation(): Promise<void> {
    const minutes = this.rng.pick([15, 30, 60]);
    const donor = this.payerFor(minutes);
    if (!donor) return this.listing();
    const toGroup = this.rng.chance(30);
    const to = toGroup ? null : this.payeeFor([donor]);
    const record = await this.write(donor, "donation", { to: to ? to.account : new Uint8Array(), minutes, note: "Thank you" });
    this.move(record.id, to ? [[donor, -minutes], [to, minutes]] : [[donor, -minutes]]);
  }

  async grant(): Promise<void> {
    const to = this.rng.pick(this.actors());
    const minutes = this.rng.pick([120, 300, 600]);
    const record = await this.write(this.rng.pick(this.coordinators()), "grant", { to: to.account, minutes, reason: "Float for member discounts" });
    this.move(record.id, [[to, minutes]]);
  }

  async correction(): Promise<void> {
    const candidates = this.completed.filter((c) => c.deltas.every(([p, m]) => p.balance - m >= -p.limit));
    if (candidates.length === 0) return this.listing();
    const target = this.rng.pick(candidates);
    this.completed.splice(this.completed.indexOf(target), 1);
    await this.write(this.rng.pick(this.coordinators()), "correction", { target: hex(target.id), reason: "Recorded twice by mistake" }, [target.id]);
    for (const [p, m] of target.deltas) p.balance -= m;
  }

  async unconfirmedOrDeclined(): Promise<void> {
    const payer = this.payerFor(60);
    const payee = payer && this.payeeFor([payer]);
    if (!payer || !payee) return this.listing();
    const proposal = await this.write(payee, "exchange.propose", { payer: payer.account, payees: [{ account: payee.account, minutes: 60 }], description: "Dog walking" });
    if (this.rng.chance(50)) await this.write(payer, "exchange.decline", { proposal: hex(proposal.id), reason: "That was a favour, not an exchange" }, [proposal.id]);
  }

  async proxyExchange(): Promise<void> {
    const proxies = this.people.filter((p) => p.proxy && p.status === "active");
    const coordinator = this.rng.pick(this.coordinators());
    if (proxies.length === 0) return this.exchange(false);
    const proxy = this.rng.pick(proxies);
    const helper = this.payeeFor([coordinator]);
    const minutes = this.minutes();
    if (!helper) return this.listing();
    const proxyPays = proxy.balance - minutes >= -proxy.limit;
    const [payer, payee] = proxyPays ? [proxy, helper] : [helper, proxy];
    if (payer.balance - minutes < -payer.limit) return this.listing();
    const proposal = await this.write(coordinator, "exchange.propose", { payer: payer.account, payees: [{ account: payee.account, minutes }], description: "Recorded by the coordinator for a member without a phone" });
    await this.write(helper, "exchange.confirm", { proposal: hex(proposal.id) }, [proposal.id]);
    this.move(proposal.id, [[payer, -minutes], [payee, minutes]]);
  }

  async limitChange(): Promise<void> {
    const person = this.rng.pick(this.actors());
    await this.write(this.rng.pick(this.coordinators()), "account.limit", { account: person.account, creditLimitMinutes: 1200 });
    person.limit = 1200;
  }

  async suspension(): Promise<void> {
    const back = this.suspended.shift();
    if (back) {
      await this.write(this.rng.pick(this.coordinators()), "member.reinstate", { account: back.account, reason: "Resolved after a chat" });
      back.status = "active";
      return;
    }
    const person = this.rng.pick(this.actors());
    if (person.coordinator) return this.listing();
    await this.write(this.rng.pick(this.coordinators()), "member.suspend", { account: person.account, reason: "Complaint under review" });
    person.status = "suspended";
    this.suspended.push(person);
  }

  async recovery(): Promise<void> {
    const person = this.rng.pick(this.actors());
    if (this.recovered || person.coordinator || !person.member) return this.listing();
    this.recovered = true;
    const coordinator = this.rng.pick(this.coordinators());
    const member = await this.signer(`member/recovered/${bytesToHex(person.account)}`);
    await this.write(coordinator, "member.recover", { account: person.account, member: member.publicKey, note: "Lost phone; identity checked in person" });
    for (const old of [...person.devices, ...(person.town ? [person.town] : [])]) {
      await this.write(coordinator, "device.revoke", { device: old.signer.publicKey, fromSeq: old.nextSeq, reason: "Phone lost" });
    }
    const { author, record } = await DeviceAuthor.certified(member, await this.signer(`device/recovered/${bytesToHex(person.account)}`), this.group, { timeMs: this.nowMs() });
    this.out.push(record);
    person.member = member;
    person.devices = [author];
    person.town = null;
  }

  async removal(): Promise<void> {
    const person = this.rng.pick(this.actors());
    if (person.coordinator) return this.listing();
    await this.write(this.rng.pick(this.coordinators()), "member.remove", { account: person.account, reason: "Moved away" });
    person.status = "removed";
  }

  /** A member writes their profile (again, sometimes), or a coordinator writes a proxy member's. */
  async profile(): Promise<void> {
    const proxies = this.people.filter((p) => p.proxy && p.status === "active");
    const forProxy = proxies.length > 0 && this.rng.chance(20);
    const person = forProxy ? this.rng.pick(proxies) : this.rng.pick(this.actors());
    const skills = this.rng.pick(CATEGORIES);
    const body: Body<"member.profile"> = {
      account: person.account,
      skills: this.rng.chance(50) ? `${skills}, ${this.rng.pick(CATEGORIES)}` : skills,
      ...(this.rng.chance(50) ? { bio: "Lived here twenty years; happy to help on weekends" } : {}),
      ...(this.rng.chance(50) ? { contact: `Phone 07700 900${String(this.rng.below(1000)).padStart(3, "0")}` } : {}),
    };
    await this.write(forProxy ? this.rng.pick(this.coordinators()) : person, "member.profile", body);
  }

  async settings(): Promise<void> {
    await this.write(this.people[0]!, "group.settings", { joiningBonusMinutes: BONUS_MINUTES });
  }
}

function hex(idHex: string): Uint8Array {
  return Uint8Array.from(idHex.match(/../g) as string[], (h) => parseInt(h, 16));
}
