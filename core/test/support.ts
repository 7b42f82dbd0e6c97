// Shared record pools for the core's tests: built once per file.
import { createGroup, DeviceAuthor, generateDemo, sha256, signerFromSeed, utf8, bytesToHex, type SignedRecord, type Signer } from "../src/index.ts";

export async function demoPool(seed: number, members = 10, records = 80): Promise<Uint8Array[]> {
  return (await generateDemo({ members, records, seed })).map((r) => r.envelope);
}

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
 * approvals (deps on the founder's head).
 */
export async function smallGroup(names: string[], options: { creditLimitMinutes?: number; bonus?: number } = {}) {
  const founderMember = await signer(`${names[0]}/member`);
  const founderDevice = await signer(`${names[0]}/device`);
  const created = await createGroup(founderMember, founderDevice, {
    name: "Test group",
    founderName: names[0] as string,
    nonce: sha256(utf8(names.join(","))).slice(0, 16),
    creditLimitMinutes: options.creditLimitMinutes ?? 600,
    joiningBonusMinutes: options.bonus ?? 0,
    confirmation: "both",
  });
  const groupHex = bytesToHex(created.groupId);
  const records: SignedRecord[] = [...created.records];
  const founder: Person = { name: names[0] as string, member: founderMember, author: created.author, account: founderMember.publicKey, key: `${groupHex}:${bytesToHex(founderMember.publicKey)}` };
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
  return { groupHex, groupId: created.groupId, founder, people, records, head: () => head, setHead: (id: string) => (head = id) };
}

export function hex(idHex: string): Uint8Array {
  return Uint8Array.from(idHex.match(/../g) ?? [], (h) => parseInt(h, 16));
}

/** Deterministic shuffle driven by fast-check's chosen keys. */
export function permute<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, i) => ({ item, key: keys[i % keys.length]! * 31 + i }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.item);
}
