// The signed town bench:pool-relay runs on: a pool P and G groups of devices,
// each group admitted to P by its coordinator's pool.join and P's pool.admit.
// Written as honest devices write (PROTOCOL §12.9 town chains): coordinator
// decisions, pool records on a member's town chain, and every record naming
// as deps the coordinators' latest decisions. The same keys and records for
// the same sizes, so the Tally relay and the stock one get the same load.
import {
  DeviceAuthor,
  bytesToHex,
  carriedIds,
  createGroup,
  hexToBytes,
  sha256,
  signerFromSeed,
  utf8,
  type Body,
  type RecordKind,
  type SignedRecord,
  type Signer,
} from "@tally/core";

export interface TownMember {
  index: number;
  member: Signer;
  device: Signer;
  author: DeviceAuthor;
  /** The member's town chain: made at their first pool record, as the app makes it. */
  town: DeviceAuthor | null;
  /** Town-chain records are signed one at a time: two at one place would fork the chain. */
  townQueue: Promise<unknown>;
}

export interface TownGroup {
  groupHex: string;
  groupId: Uint8Array;
  members: TownMember[];
  /** The coordinator's latest decision: every record names it (PROTOCOL §12.9). */
  govHead: string;
  setup: SignedRecord[];
  /** Every record of the group written so far (setup and load): what a carrier computes its closures from. */
  records: SignedRecord[];
}

export interface BenchTown {
  poolHex: string;
  poolId: Uint8Array;
  /** The pool's coordinator: genesis, town chain, one admission per group. */
  poolMember: Signer;
  poolDevice: Signer;
  poolSetup: SignedRecord[];
  groups: TownGroup[];
}

const seeded = (label: string) => signerFromSeed(sha256(utf8(`bench-pool-relay/${label}`)));

export async function prepareTown(clients: number, groupCount: number): Promise<BenchTown> {
  const poolMember = await seeded("pool/member");
  const poolDevice = await seeded("pool/device");
  const pool = await createGroup(poolMember, poolDevice, groupOptions("Bench town pool", "pool"));
  const poolTown = await DeviceAuthor.certified(poolMember, await seeded("pool/town"), pool.groupId);
  const poolSetup = [...pool.records, poolTown.record];
  const groups: TownGroup[] = [];
  let poolHead = poolTown.record.id;
  for (let g = 0; g < groupCount; g++) {
    const size = Math.floor(clients / groupCount) + (g < clients % groupCount ? 1 : 0);
    const group = await prepareGroup(g, size, pool.groupId);
    const join = group.records[group.records.length - 1]!;
    const admit = await poolTown.author.write("pool.admit", { group: group.groupId, join: hexToBytes(join.id) }, { deps: [poolHead] });
    poolHead = admit.id;
    poolSetup.push(admit);
    groups.push(group);
  }
  return { poolHex: bytesToHex(pool.groupId), poolId: pool.groupId, poolMember, poolDevice, poolSetup, groups };
}

function groupOptions(name: string, label: string) {
  return { name, founderName: "Coordinator", nonce: sha256(utf8(`bench-pool-relay/nonce/${label}`)).slice(0, 16), creditLimitMinutes: 600, joiningBonusMinutes: 60, confirmation: "both" as const };
}

/** A group of `size` devices (one per member), the founder's decisions on their town chain, ending with its pool.join. */
async function prepareGroup(g: number, size: number, poolId: Uint8Array): Promise<TownGroup> {
  const founderMember = await seeded(`${g}/member/0`);
  const founderDevice = await seeded(`${g}/device/0`);
  const created = await createGroup(founderMember, founderDevice, groupOptions(`Bench group ${g}`, String(g)));
  const coordinator = await DeviceAuthor.certified(founderMember, await seeded(`${g}/town/0`), created.groupId);
  const records: SignedRecord[] = [...created.records, coordinator.record];
  const members: TownMember[] = [{ index: 0, member: founderMember, device: founderDevice, author: created.author, town: coordinator.author, townQueue: Promise.resolve() }];
  let govHead = coordinator.record.id;
  for (let i = 1; i < size; i++) {
    const member = await seeded(`${g}/member/${i}`);
    const device = await seeded(`${g}/device/${i}`);
    const { author, record } = await DeviceAuthor.certified(member, device, created.groupId);
    const join = await author.write("member.join", { name: `Member ${i}`, memberKind: "person" }, { deps: [govHead] });
    const approve = await coordinator.author.write("member.approve", { join: hexToBytes(join.id) }, { deps: [join.id, govHead] });
    govHead = approve.id;
    records.push(record, join, approve);
    members.push({ index: i, member, device, author, town: null, townQueue: Promise.resolve() });
  }
  const join = await coordinator.author.write("pool.join", { pool: poolId, note: "Trading across the town" }, { deps: [govHead] });
  records.push(join);
  return { groupHex: bytesToHex(created.groupId), groupId: created.groupId, members, govHead: join.id, setup: [...records], records };
}

/** Signs a record of a town kind on the member's town chain (certified at its first), in turn; returns the certificate too when new. */
export function writeOnTownChain<K extends RecordKind>(group: TownGroup, member: TownMember, kind: K, body: Body<K>): Promise<SignedRecord[]> {
  const next = member.townQueue.then(async () => {
    const out: SignedRecord[] = [];
    if (!member.town) {
      const townDevice = await seeded(`${group.groupHex}/town/${member.index}`);
      const certified = await DeviceAuthor.certified(member.member, townDevice, group.groupId);
      member.town = certified.author;
      out.push(certified.record);
    }
    out.push(await member.town.write(kind, body, { deps: [group.govHead] }));
    group.records.push(...out);
    return out;
  });
  member.townQueue = next.catch(() => {});
  return next;
}

/** The records of every group the pool's documents carry now (core carriedIds, as the Tally relay computes them). */
export function carriedRecords(town: BenchTown, group: TownGroup): SignedRecord[] {
  const ids = new Set(carriedIds(group.records, { groupHex: group.groupHex, poolHex: town.poolHex, admitted: true }));
  return group.records.filter((r) => ids.has(r.id));
}
