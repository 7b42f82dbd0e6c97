// A device signs the kinds a town can see on its town chain and names as
// deps only coordinators' latest such records (PROTOCOL §12.9), so what a
// pool carries of the group (§12.8) holds its decisions, joins, listings and
// pool records, never its members' private exchanges or profiles.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Repo } from "@automerge/automerge-repo";
import { beforeAll, describe, expect, it } from "vitest";
import { bytesToHex, carriedIds, createGroup, hexToBytes, isTownKind, parseRecord, sha256, signerFromSeed, utf8, type Body, type RecordKind, type SignedRecord } from "@tally/core";
import { FileRecordStore, GroupReplica, type DeviceKeys } from "../src/node.ts";

const keysOf = async (name: string): Promise<DeviceKeys> => ({
  member: await signerFromSeed(sha256(utf8(`town-chain/${name}/member`))),
  device: await signerFromSeed(sha256(utf8(`town-chain/${name}/device`))),
  town: await signerFromSeed(sha256(utf8(`town-chain/${name}/town`))),
});
const hexOf = (key: { publicKey: Uint8Array }) => bytesToHex(key.publicKey);

interface Written {
  record: SignedRecord;
  /** The deps the writer asked for (records its body names). */
  named: string[];
}

let replica: GroupReplica;
let groupHex: string;
let poolHex: string;
let ann: DeviceKeys;
let cat: DeviceKeys;
let bob: DeviceKeys;
const written: Written[] = [];

async function write<K extends RecordKind>(keys: DeviceKeys, kind: K, body: Body<K>, named: string[] = []): Promise<SignedRecord<K>> {
  const record = await replica.signAs(keys, kind, body, { deps: named, timeMs: 1_700_000_000_000 + written.length });
  written.push({ record, named });
  return record;
}

/** A member's device joining: its certificate and its join request, each judged alone. */
async function joinAs(keys: DeviceKeys, name: string): Promise<SignedRecord<"member.join">> {
  await replica.certify(keys.member, keys.device);
  return replica.sign(keys.device, "member.join", { name, memberKind: "person" }, { standalone: true });
}

beforeAll(async () => {
  [ann, cat, bob] = await Promise.all([keysOf("ann"), keysOf("cat"), keysOf("bob")]);
  const settings = { creditLimitMinutes: 600, joiningBonusMinutes: 0, confirmation: "both" } as const;
  const created = await createGroup(ann.member, ann.device, { name: "Riverside", founderName: "Ann", nonce: new Uint8Array(16), ...settings });
  const pool = await createGroup(ann.member, ann.device, { name: "Town pool", founderName: "Ann", nonce: new Uint8Array(16).fill(1), ...settings });
  groupHex = bytesToHex(created.groupId);
  poolHex = bytesToHex(pool.groupId);
  replica = await GroupReplica.open({ repo: new Repo({ network: [] }), groupHex, store: await FileRecordStore.open(mkdtempSync(join(tmpdir(), "tally-town-chain-"))) });
  await replica.write(created.records);

  // Ann (founder) approves Cat and makes her a coordinator; Cat approves Bob.
  const catJoin = await joinAs(cat, "Cat");
  await write(ann, "member.approve", { join: hexToBytes(catJoin.id), referencesChecked: true }, [catJoin.id]);
  await write(ann, "member.role", { account: cat.member.publicKey, role: "coordinator" });
  const bobJoin = await joinAs(bob, "Bob");
  await write(cat, "member.approve", { join: hexToBytes(bobJoin.id) }, [bobJoin.id]);
  // Private: an exchange between Bob and Cat, and profiles.
  const proposal = await write(bob, "exchange.propose", { payer: cat.member.publicKey, payees: [{ account: bob.member.publicKey, minutes: 90 }], description: "Fixed Cat's fence" });
  await write(cat, "exchange.confirm", { proposal: hexToBytes(proposal.id) }, [proposal.id]);
  await write(bob, "member.profile", { account: bob.member.publicKey, bio: "Retired carpenter", contact: "07700 900123" });
  await write(cat, "member.profile", { account: cat.member.publicKey, skills: "Gardening" });
  // What the town sees: an offer, the group joining the pool, a payment across groups.
  const offer = await write(bob, "listing.create", { type: "offer", title: "Fence repairs", category: "DIY" });
  await write(ann, "pool.join", { pool: hexToBytes(poolHex), note: "Trading across the town" });
  await write(bob, "exchange.propose", { payer: bob.member.publicKey, payees: [{ account: cat.member.publicKey, minutes: 30 }], description: "Lift to the station" });
  await write(bob, "pool.pay", {
    pool: hexToBytes(poolHex),
    payer: bob.member.publicKey,
    toGroup: hexToBytes(poolHex),
    payee: cat.member.publicKey,
    minutes: 60,
    description: "Paint for the fence",
    listing: hexToBytes(offer.id),
  }, [offer.id]);
  await write(ann, "account.limit", { account: bob.member.publicKey, creditLimitMinutes: 900 });
  await replica.settled();
});

describe("a device writing with a town chain", () => {
  it("signs decisions, listings and pool records on the town chain and everything else on its own, each town chain certified once by its member key", () => {
    for (const { record } of written) {
      const keys = [ann, cat, bob].find((k) => hexOf(k.device) === record.deviceHex || hexOf(k.town) === record.deviceHex)!;
      expect(record.deviceHex, record.kind).toBe(isTownKind(record.kind) ? hexOf(keys.town) : hexOf(keys.device));
    }
    for (const keys of [ann, cat, bob]) {
      const certificates = replica.ledger.recordsOf(groupHex).filter((r) => r.kind === "device" && r.deviceHex === hexOf(keys.town));
      expect(certificates).toHaveLength(1);
      expect(bytesToHex((certificates[0] as SignedRecord<"device">).body.member)).toBe(hexOf(keys.member));
    }
    const view = replica.view();
    for (const { record } of written) if (record.kind !== "pool.pay") expect(view.invalid.find((i) => i.id === record.id), record.kind).toBeUndefined();
    expect(view.accounts[`${groupHex}:${hexOf(cat.member)}`]?.role).toBe("coordinator");
    expect(view.accounts[`${groupHex}:${hexOf(bob.member)}`]?.balanceMinutes).toBe(90);
  });

  it("names as deps, besides what a record's body names, only other coordinator chains' latest decisions, never a chain's head", () => {
    const byId = new Map(written.map((w) => [w.record.id, w.record]));
    const coordinatorChains = new Set([ann, cat].flatMap((k) => [hexOf(k.device), hexOf(k.town)]));
    let namedDecisions = 0;
    for (const { record, named } of written) {
      for (const dep of record.depsHex.filter((d) => !named.includes(d))) {
        const parent = byId.get(dep);
        expect(parent && isTownKind(parent.kind), `${record.kind} names ${parent?.kind ?? dep}`).toBe(true);
        expect(coordinatorChains.has(parent!.deviceHex)).toBe(true);
        expect(parent!.deviceHex).not.toBe(record.deviceHex);
        namedDecisions++;
      }
    }
    expect(namedDecisions).toBeGreaterThan(5);
    // Bob's payment names Ann's and Cat's latest decisions; Ann's last, Cat's only (her approval of Bob).
    const limit = written.at(-1)!.record;
    const bobsPayment = written.find((w) => w.record.kind === "pool.pay")!.record;
    const catsApproval = written.find((w) => w.record.kind === "member.approve" && w.record.deviceHex === hexOf(cat.town))!.record;
    const annsJoin = written.find((w) => w.record.kind === "pool.join")!.record;
    // The offer it names is the town chain's previous record, so not a dep.
    expect(bobsPayment.prevHex).toBe(written.find((w) => w.record.kind === "listing.create")!.record.id);
    expect([...bobsPayment.depsHex].sort()).toEqual([catsApproval.id, annsJoin.id].sort());
    expect(limit.depsHex).toEqual([catsApproval.id]);
  });

  it("keeps the group's private exchanges and profiles out of what a pool carries, and its decisions, joins, listings and pool records in", () => {
    const records = replica.ledger.recordsOf(groupHex);
    const carried = new Set(carriedIds(records, { groupHex, poolHex, admitted: true }));
    const kindsCarried = new Set(records.filter((r) => carried.has(r.id)).map((r) => r.kind));
    for (const kind of ["exchange.propose", "exchange.confirm", "member.profile"] as const) expect(kindsCarried.has(kind), kind).toBe(false);
    for (const kind of ["group.create", "device", "member.join", "member.approve", "member.role", "listing.create", "pool.join", "pool.pay"] as const) expect(kindsCarried.has(kind), kind).toBe(true);
    // Every carried record parses as one of this group's, and nothing of the pool's.
    for (const id of carried) expect(parseRecord(replica.ledger.envelopeOf(id)!).ok).toBe(true);
  });
});
