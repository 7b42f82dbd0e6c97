// Shared record pools and helpers for the core's tests. Pools are built once
// per file (signing is the slow part); fast-check then picks orders,
// duplicates, batches and subsets of them.
import fc from "fast-check";
import { expect } from "vitest";
import {
  createGroup,
  DeviceAuthor,
  encodeCanonical,
  generateDemo,
  parseRecord,
  sha256,
  signingMessage,
  signerFromSeed,
  utf8,
  bytesToHex,
  deriveLedger,
  type AuthenticCache,
  type CborValue,
  type LedgerView,
  type SignedRecord,
  type Signer,
} from "../src/index.ts";

export const RUNS = 1000;

export async function demoPool(seed: number, members = 10, records = 80): Promise<Uint8Array[]> {
  return (await generateDemo({ members, records, seed })).map((r) => r.envelope);
}

/** Deterministic keys: signerFromSeed(sha256(utf8(label))). */
export const signer = (label: string): Promise<Signer> => signerFromSeed(sha256(utf8(`core-test/${label}`)));

export interface Person {
  name: string;
  member: Signer;
  author: DeviceAuthor;
  account: Uint8Array;
  key: string;
}

/**
 * A hand-built group: a founder (coordinator) and members, all approved, with
 * every record returned in `records`. Each member's next record sees the
 * approvals when it names `head()` among its deps.
 */
export async function smallGroup(
  names: string[],
  options: { creditLimitMinutes?: number; bonus?: number; confirmation?: "both" | "payer" } = {},
) {
  const founderMember = await signer(`${names[0]}/member`);
  const founderDevice = await signer(`${names[0]}/device`);
  const created = await createGroup(founderMember, founderDevice, {
    name: "Test group",
    founderName: names[0] as string,
    nonce: sha256(utf8(names.join(","))).slice(0, 16),
    creditLimitMinutes: options.creditLimitMinutes ?? 600,
    joiningBonusMinutes: options.bonus ?? 0,
    confirmation: options.confirmation ?? "both",
  });
  const groupHex = bytesToHex(created.groupId);
  const records: SignedRecord[] = [...created.records];
  const founder: Person = {
    name: names[0] as string,
    member: founderMember,
    author: created.author,
    account: founderMember.publicKey,
    key: `${groupHex}:${bytesToHex(founderMember.publicKey)}`,
  };
  const people: Person[] = [founder];
  let head = created.records[1]!.id;
  for (const name of names.slice(1)) {
    const member = await signer(`${name}/member`);
    const { author, record } = await DeviceAuthor.certified(member, await signer(`${name}/device`), created.groupId);
    const join = await author.write("member.join", { name, memberKind: "person" }, { deps: [head] });
    const approve = await created.author.write("member.approve", { join: hex(join.id) }, { deps: [join.id] });
    head = approve.id;
    records.push(record, join, approve);
    people.push({ name, member, author, account: member.publicKey, key: `${groupHex}:${bytesToHex(member.publicKey)}` });
  }
  return {
    groupHex,
    groupId: created.groupId,
    founder,
    people,
    records,
    groupKey: `${groupHex}:group`,
    head: () => head,
    setHead: (id: string) => (head = id),
  };
}

/**
 * A cache of what deriving these envelopes proved authentic (record ids, and
 * "cert:<id>" for device certificates), frozen: deriving with it never adds
 * to it, so ids it does not hold are checked from scratch in every run.
 */
export async function frozenCache(envelopes: Iterable<Uint8Array>): Promise<AuthenticCache> {
  const ids = new Set<string>();
  await deriveLedger(envelopes, { cache: { has: (id) => ids.has(id), add: (id) => void ids.add(id) } });
  return { has: (id) => ids.has(id), add: () => {} };
}

export function hex(idHex: string): Uint8Array {
  return Uint8Array.from(idHex.match(/../g) ?? [], (h) => parseInt(h, 16));
}

/** The parsed record of an envelope that must parse. */
export function parsed(envelope: Uint8Array): SignedRecord {
  const result = parseRecord(envelope);
  if (!result.ok) throw new Error(`expected a parseable record: ${result.reason}`);
  return result.record;
}

/** An envelope re-wrapped around (possibly changed) signed bytes and signature. */
export function rewrap(signed: Uint8Array, signature: Uint8Array): Uint8Array {
  return encodeCanonical([Uint8Array.from(signed), Uint8Array.from(signature)]);
}

/**
 * Signs any signed-part value, checked or not (a record no honest device would
 * write: an unknown body key, a value out of range): the envelope and its id.
 */
export async function signUnchecked(device: Signer, signedPart: CborValue): Promise<{ envelope: Uint8Array; id: string }> {
  const signed = encodeCanonical(signedPart);
  const idBytes = sha256(signed);
  const signature = await device.sign(signingMessage(idBytes));
  return { envelope: rewrap(signed, signature), id: bytesToHex(idBytes) };
}

/** The signed part of a record with its body replaced: for signUnchecked. */
export function withBody(record: SignedRecord, body: CborValue): CborValue {
  return [1, record.kind, record.group, record.device, record.seq, record.prev, record.deps, record.timeMs, body];
}

/** The same record with one bit of its signature flipped. */
export function withDamagedSignature(record: SignedRecord, bit: number): Uint8Array {
  const signature = Uint8Array.from(record.signature);
  signature[bit >> 3]! ^= 1 << (bit & 7);
  return rewrap(record.signed, signature);
}

/** The ids each record names as its causal parents: prev, deps, and the group's genesis (for all but device and genesis records). */
export function causalParents(records: readonly SignedRecord[]): Map<string, string[]> {
  const genesis = new Map<string, string>();
  for (const r of records) if (r.kind === "group.create") genesis.set(r.groupHex, r.id);
  const out = new Map<string, string[]>();
  for (const r of records) {
    const parents = [...(r.prevHex ? [r.prevHex] : []), ...r.depsHex];
    const g = genesis.get(r.groupHex);
    if (r.kind !== "device" && r.kind !== "group.create" && g !== undefined) parents.push(g);
    out.set(r.id, parents);
  }
  return out;
}

/** Every record that has one of `roots` in its causal past (roots excluded). */
export function descendantsOf(records: readonly SignedRecord[], roots: Iterable<string>): Set<string> {
  const parents = causalParents(records);
  const children = new Map<string, string[]>();
  for (const [id, ps] of parents) for (const p of ps) children.set(p, [...(children.get(p) ?? []), id]);
  const out = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    for (const child of children.get(stack.pop() as string) ?? []) {
      if (!out.has(child)) {
        out.add(child);
        stack.push(child);
      }
    }
  }
  for (const root of roots) out.delete(root);
  return out;
}

export function balanceSum(view: LedgerView): number {
  return Object.values(view.accounts).reduce((sum, a) => sum + a.balanceMinutes, 0);
}

/** Zero-sum, both as the ledger reports it and summed by hand; every balance a safe integer. */
export function expectZeroSum(view: LedgerView): void {
  expect(view.totals.sumMinutes).toBe(0);
  expect(balanceSum(view)).toBe(0);
  for (const account of Object.values(view.accounts)) expect(Number.isSafeInteger(account.balanceMinutes)).toBe(true);
}

export const idsOf = (entries: readonly { id: string }[]): string[] => entries.map((e) => e.id).sort();

/** Any permutation of the items. */
export const permutationOf = <T>(items: readonly T[]) => fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });

/** Any order of the items with some of them repeated at any places. */
export function orderWithDuplicates<T>(items: readonly T[], maxDuplicates = 20): fc.Arbitrary<T[]> {
  return fc
    .tuple(permutationOf(items), fc.array(fc.tuple(fc.nat(items.length - 1), fc.nat()), { maxLength: maxDuplicates }))
    .map(([order, dups]) => {
      const out = [...order];
      for (const [which, where] of dups) out.splice(where % (out.length + 1), 0, items[which] as T);
      return out;
    });
}

/**
 * Any split of the items into up to `maxBatches` batches (some possibly
 * empty), in any order inside each, with some items repeated in other batches.
 */
export function batchesOf<T>(items: readonly T[], maxBatches = 6, maxDuplicates = 15): fc.Arbitrary<T[][]> {
  return fc
    .tuple(
      fc.integer({ min: 1, max: maxBatches }),
      permutationOf(items),
      fc.array(fc.nat(), { minLength: items.length, maxLength: items.length }),
      fc.array(fc.tuple(fc.nat(items.length - 1), fc.nat(), fc.nat()), { maxLength: maxDuplicates }),
    )
    .map(([count, order, assignment, dups]) => {
      const batches: T[][] = Array.from({ length: count }, () => []);
      order.forEach((item, i) => batches[(assignment[i] as number) % count]!.push(item));
      for (const [which, batch, where] of dups) {
        const target = batches[batch % count] as T[];
        target.splice(where % (target.length + 1), 0, items[which] as T);
      }
      return batches;
    });
}

/**
 * A group with every kind of trouble in it, to mix into demo pools:
 * a profile written for someone else, an equivocation, a late revocation, a damaged signature vouched for by the
 * next record, a damaged-signature head (alone, and next to its good copy), a
 * record whose content was changed, records waiting for a record nobody has,
 * and bytes that are not a record at all.
 */
export async function hostileGroup() {
  const g = await smallGroup(["ann", "bob", "cat", "dan", "eve", "fay"], { bonus: 60 });
  const [ann, bob, cat, dan, eve, fay] = g.people as [Person, Person, Person, Person, Person, Person];
  const seen = g.head();
  const listing = (title: string) => ({ type: "offer" as const, title, category: "misc" });

  // Bob writes his profile; Ann, a coordinator, tries to rewrite it (only a proxy's is hers to write).
  const bobProfile = await bob.author.write("member.profile", { account: bob.account, skills: "Lifts", contact: "Phone 07700 900123" }, { deps: [seen] });
  const annForBob = await ann.author.write("member.profile", { account: bob.account, skills: "Nothing" }, { deps: [bobProfile.id, seen] });

  // Bob's phone, restored from a backup, signs a different record at the same seq.
  const base = await bob.author.write("listing.create", listing("Lifts"), { deps: [seen] });
  const twin = new DeviceAuthor(bob.author.signer, g.groupId, { seq: base.seq - 1, id: base.prevHex as string });
  const fork = await twin.write("donation", { to: cat.account, minutes: 30 }, { deps: [seen] });
  const afterBase = await bob.author.write("donation", { to: dan.account, minutes: 10 });
  // Cat saw one of the forks; her own record still counts.
  const catSawFork = await cat.author.write("donation", { to: dan.account, minutes: 5 }, { deps: [seen, fork.id] });

  // c1's signature is damaged in transit, but c2 links to it; c3 is damaged and nothing vouches for it.
  const c1 = await cat.author.write("listing.create", listing("Cakes"));
  const c2 = await cat.author.write("donation", { to: ann.account, minutes: 15 });
  const c3 = await cat.author.write("donation", { to: eve.account, minutes: 20 });

  // Dan's phone is stolen: the coordinator, who had not seen d2, revokes it from d2's seq.
  const d1 = await dan.author.write("donation", { to: eve.account, minutes: 10 }, { deps: [seen] });
  const d2 = await dan.author.write("exchange.propose", { payer: dan.account, payees: [{ account: eve.account, minutes: 40 }], description: "Ironing" });
  const revoke = await ann.author.write("device.revoke", { device: dan.author.signer.publicKey, fromSeq: d2.seq, reason: "Phone stolen" });
  const eveConfirm = await eve.author.write("exchange.confirm", { proposal: hex(d2.id) }, { deps: [d2.id, seen] });

  // e1 travels twice: once with a damaged signature, once intact. e2 only with changed content.
  const e1 = await eve.author.write("listing.create", listing("Knitting"));
  const e2 = await eve.author.write("donation", { to: fay.account, minutes: 25 });
  const e2Signed = Uint8Array.from(e2.signed);
  e2Signed[e2Signed.length - 1]! ^= 1; // minutes 25 -> 24, still canonical
  const e2Forged = rewrap(e2Signed, e2.signature);

  // Fay saw a record of Ann's that never reaches anyone else.
  const withheld = await ann.author.write("listing.create", listing("Secret"));
  const f1 = await fay.author.write("listing.create", listing("Sewing"), { deps: [withheld.id, seen] });
  const f2 = await fay.author.write("donation", { to: ann.account, minutes: 5 });

  const garbage = Uint8Array.from([0x82, 0x41, 0x00, 0x40, 0x00]);
  const records = [...g.records, bobProfile, annForBob, base, fork, afterBase, catSawFork, c2, c3, d1, d2, revoke, eveConfirm, e1, f1, f2];
  const envelopes = [
    ...records.map((r) => r.envelope),
    withDamagedSignature(c1, 5),
    withDamagedSignature(c3, 300),
    withDamagedSignature(e1, 77),
    e2Forged,
    garbage,
  ].filter((e, i, all) => all.indexOf(e) === i);
  // c3 travels only damaged.
  envelopes.splice(envelopes.indexOf(c3.envelope), 1);
  return {
    group: g,
    people: { ann, bob, cat, dan, eve, fay },
    records: { bobProfile, annForBob, base, fork, afterBase, catSawFork, c1, c2, c3, d1, d2, revoke, eveConfirm, e1, e2, f1, f2, withheld },
    forgedId: bytesToHex(sha256(e2Signed)),
    garbageId: bytesToHex(sha256(garbage)),
    envelopes,
  };
}
