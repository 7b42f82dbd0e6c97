// Member profiles (PROTOCOL.md §6, member.profile): a member writes their own,
// a coordinator writes a proxy member's, and the latest valid one is the
// profile, whole. Anyone else's profile record does not count, with a reason.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  bytesToHex,
  DeviceAuthor,
  Ledger,
  memoryCache,
  type Body,
  type LedgerView,
  type Profile,
  type SignedRecord,
} from "../src/index.ts";
import { RUNS, signer, smallGroup, type Person } from "./support.ts";

type Group = Awaited<ReturnType<typeof smallGroup>>;

/** Who writes: the three members (Ann coordinates), and Dan, who asked to join and was never approved. */
const AUTHORS = ["ann", "bob", "cat", "dan"] as const;
/** Whose profile: the authors, Pat (a proxy member) and the group account. */
const TARGETS = ["ann", "bob", "cat", "dan", "pat", "group"] as const;
const MAX_OPS = 6;

interface Op {
  author: (typeof AUTHORS)[number];
  target: (typeof TARGETS)[number];
  fields: Partial<Profile>;
}

let group: Group;
/** Every record before the profiles: the group, Pat's proxy record, Dan's certificate and join request. */
let base: SignedRecord[];
let proxyId: string;
let dan: Omit<Person, "author" | "key"> & { device: Awaited<ReturnType<typeof signer>> };
const signedBefore = memoryCache();

beforeAll(async () => {
  group = await smallGroup(["ann", "bob", "cat"]);
  const proxy = await group.founder.author.write("member.proxy", { name: "Pat", memberKind: "person" }, { deps: [group.head()] });
  proxyId = proxy.id;
  const member = await signer("dan/member");
  const device = await signer("dan/device");
  const { author, record } = await DeviceAuthor.certified(member, device, group.groupId);
  const join = await author.write("member.join", { name: "Dan", memberKind: "person" }, { deps: [proxyId] });
  dan = { name: "Dan", member, account: member.publicKey, device };
  base = [...group.records, proxy, record, join];
  await Ledger.derive(base.map((r) => r.envelope), { cache: signedBefore });
});

const field = fc.option(fc.constantFrom("", "Gardening", "Lifts, shopping", "Phone 07700 900123", "Über 80 — still cycling"), { nil: undefined });
const opArb: fc.Arbitrary<Op> = fc.record({
  author: fc.constantFrom(...AUTHORS),
  target: fc.constantFrom(...TARGETS),
  fields: fc.record({ skills: field, bio: field, contact: field }).map((f) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as Partial<Profile>),
});

function accountOf(target: Op["target"]): Uint8Array {
  if (target === "group") return new Uint8Array();
  if (target === "pat") return Uint8Array.from(proxyId.match(/../g)!, (h) => parseInt(h, 16));
  if (target === "dan") return dan.account;
  return (group.people.find((p) => p.name === target) as Person).account;
}

/** A fresh writer for each author, continuing their chain from the base records. */
function writers(): Record<Op["author"], DeviceAuthor> {
  const head = (device: Uint8Array) => {
    const chain = base.filter((r) => r.deviceHex === bytesToHex(device));
    const last = chain.reduce((a, b) => (b.seq > a.seq ? b : a));
    return { seq: last.seq, id: last.id };
  };
  const of = (p: Person) => new DeviceAuthor(p.author.signer, group.groupId, head(p.author.signer.publicKey));
  const [ann, bob, cat] = group.people as [Person, Person, Person];
  return { ann: of(ann), bob: of(bob), cat: of(cat), dan: new DeviceAuthor(dan.device, group.groupId, head(dan.device.publicKey)) };
}

/** The rule, written out plainly: why a profile record does not count, or null. */
function expectedProblem(op: Op): RegExp | null {
  if (op.author === "dan") return /author is not a member of the group/;
  if (op.target === "group") return /group account has no profile/;
  if (op.target === op.author) return null;
  if (op.author !== "ann") return /may only write their own profile/;
  if (op.target === "dan") return /not an active member \(none\)/;
  if (op.target === "pat") return null;
  return /only write the profile of a proxy member/;
}

/** Each op names the one before among its deps, so they follow one another causally: the last valid one wins. */
async function writeAll(ops: readonly Op[]): Promise<SignedRecord[]> {
  const by = writers();
  const out: SignedRecord[] = [];
  for (const op of ops) {
    const body: Body<"member.profile"> = { account: accountOf(op.target), ...op.fields };
    const previous = out.at(-1);
    out.push(await by[op.author].write("member.profile", body, { deps: [proxyId, ...(previous ? [previous.id] : [])] }));
  }
  return out;
}

function keyOf(target: Op["target"]): string {
  return `${group.groupHex}:${target === "group" ? "group" : bytesToHex(accountOf(target))}`;
}

describe("member profiles", () => {
  it("the last valid profile record is the profile, whole; others do not count and say why; any order and batching gives the same view", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 1, maxLength: MAX_OPS }),
        fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
        fc.integer({ min: 1, max: 4 }),
        async (ops, keys, batchCount) => {
          const written = await writeAll(ops);
          const all = [...base, ...written];
          const fresh = (await Ledger.derive(all.map((r) => r.envelope), { cache: signedBefore })).view();

          const invalid = new Map(fresh.invalid.map((e) => [e.id, e.reason]));
          const expected = new Map<string, Profile>();
          ops.forEach((op, i) => {
            const problem = expectedProblem(op);
            const reason = invalid.get(written[i]!.id);
            if (problem) expect(reason).toMatch(problem);
            else {
              expect(reason).toBeUndefined();
              expected.set(keyOf(op.target), { skills: op.fields.skills ?? "", bio: op.fields.bio ?? "", contact: op.fields.contact ?? "" });
            }
          });
          expect(fresh.pending).toEqual([]);
          for (const target of TARGETS) {
            expect(fresh.accounts[keyOf(target)]?.profile).toEqual(expected.get(keyOf(target)));
          }

          // Incremental additions in any order and batching equal deriving at once.
          const order = all.map((r, i) => ({ r, key: keys[i % keys.length]! * 64 + i })).sort((a, b) => a.key - b.key);
          const batches: SignedRecord[][] = Array.from({ length: batchCount }, () => []);
          order.forEach(({ r, key }) => batches[key % batchCount]!.push(r));
          const ledger = await Ledger.derive(batches[0]!.map((r) => r.envelope), { cache: signedBefore });
          for (const batch of batches.slice(1)) await ledger.add(batch.map((r) => r.envelope));
          expect(ledger.view()).toEqual(fresh);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("a later profile replaces the whole earlier one: a field it leaves out is empty", async () => {
    const written = await writeAll([
      { author: "bob", target: "bob", fields: { skills: "Lifts", bio: "Retired driver", contact: "Phone 07700 900123" } },
      { author: "bob", target: "bob", fields: { skills: "Lifts, shopping" } },
    ]);
    const view: LedgerView = (await Ledger.derive([...base, ...written].map((r) => r.envelope), { cache: signedBefore })).view();
    expect(view.accounts[keyOf("bob")]?.profile).toEqual({ skills: "Lifts, shopping", bio: "", contact: "" });
    expect(view.accounts[keyOf("cat")]?.profile).toBeUndefined();
  });
});
