// A demo town, the same for the same seed: several demo groups (demo/generate.ts)
// in one pool. Each group's coordinator asks to join the pool and the pool's
// coordinator admits it; then, between the groups' own activity, members pay
// members of other groups (pool.pay in the payer's group, pool.accept in the
// payee's, often for one of the payee's listings). Every record is valid, and
// no group goes past its pool limit.
import { bytesToHex, hexToBytes, utf8 } from "../encoding/bytes.ts";
import { sha256 } from "../crypto/sha256.ts";
import { signerFromSeed } from "../crypto/ed25519.ts";
import { createGroup, type DeviceAuthor } from "../group/device-author.ts";
import type { SignedRecord } from "../record/record.ts";
import { MAX_CREDIT_LIMIT_MINUTES } from "../record/limits.ts";
import { DEMO_RECORDS_PER_MEMBER, DemoGroup } from "./generate.ts";
import { SeededRandom } from "./random.ts";

export interface TownOptions {
  groups: number;
  /** Records of each group, its pool records included (the pool's own records come on top). */
  recordsPerGroup: number;
  seed: number;
  /** Members of each group; by default one per 20 records. */
  membersPerGroup?: number;
}

export interface Town {
  poolHex: string;
  /** The pool's own records: its genesis, its founder's device and its admissions. */
  pool: SignedRecord[];
  groups: { groupHex: string; records: SignedRecord[] }[];
  /** Every record: the pool's, then each group's. */
  records: SignedRecord[];
}

const START_MS = 1_767_225_600_000;
/** About one step in this many is an exchange with another group. */
const ACROSS_ONE_IN = 12;
/** Room a group keeps for its last steps, which may write several records. */
const STEP_ROOM = 6;
const MINUTES = [30, 60, 60, 90, 120];

export async function generateTown(options: TownOptions): Promise<Town> {
  if (options.groups < 2) throw new Error("a town needs at least two groups");
  const members = options.membersPerGroup ?? Math.max(10, Math.floor(options.recordsPerGroup / 20));
  if (options.recordsPerGroup < members * DEMO_RECORDS_PER_MEMBER + 20) throw new Error(`a group of ${members} members needs more than ${options.recordsPerGroup} records`);
  const rng = new SeededRandom(options.seed * 7_919 + 17);
  const poolAuthor = await createPool(options.seed);
  const pool: SignedRecord[] = [...poolAuthor.records];
  const poolId = poolAuthor.groupId;
  const groups: DemoGroup[] = [];
  for (let g = 0; g < options.groups; g++) {
    const group = new DemoGroup(options.seed, g, members, options.recordsPerGroup);
    await group.setup();
    const founder = group.people[0]!;
    const join = await group.write(founder, "pool.join", { pool: poolId, note: "The town's timebanks trade together" });
    pool.push(await poolAuthor.author.write("pool.admit", { group: group.group, join: hexToBytes(join.id), note: "Welcome to the town pool" }, { timeMs: START_MS }));
    groups.push(group);
  }
  const room = (group: DemoGroup) => group.recordCount - group.out.length;
  for (;;) {
    const open = groups.filter((group) => room(group) > 0);
    if (open.length === 0) break;
    for (const group of open) {
      const others = open.filter((other) => other !== group && room(other) > STEP_ROOM);
      if (room(group) > STEP_ROOM && others.length > 0 && rng.below(ACROSS_ONE_IN) === 0) await exchangeAcross(rng, poolId, group, rng.pick(others));
      else if (room(group) > 0) await group.step(room(group));
    }
  }
  const byGroup = groups.map((group) => ({ groupHex: bytesToHex(group.group), records: group.out }));
  return { poolHex: bytesToHex(poolId), pool, groups: byGroup, records: [...pool, ...byGroup.flatMap((g) => g.records)] };
}

async function createPool(seed: number): Promise<{ groupId: Uint8Array; author: DeviceAuthor; records: SignedRecord[] }> {
  const signer = (label: string) => signerFromSeed(sha256(utf8(`tally-town/${seed}/${label}`)));
  return createGroup(await signer("member"), await signer("device"), {
    name: "Town pool",
    founderName: "Town coordinator",
    nonce: sha256(utf8(`town-nonce/${seed}`)).slice(0, 16),
    creditLimitMinutes: MAX_CREDIT_LIMIT_MINUTES,
    joiningBonusMinutes: 0,
    confirmation: "both",
  }, { timeMs: START_MS });
}

/** A member of `from` pays a member of `to`: the pay in `from`, the acceptance in `to`. */
async function exchangeAcross(rng: SeededRandom, poolId: Uint8Array, from: DemoGroup, to: DemoGroup): Promise<void> {
  const minutes = rng.pick(MINUTES);
  const payer = from.payerFor(minutes);
  const payee = to.payeeFor([]);
  if (!payer || !payee) return from.step(from.recordCount - from.out.length);
  const listing = to.listings.find((l) => l.open && l.owner === payee);
  const pay = await from.write(payer, "pool.pay", {
    pool: poolId,
    payer: payer.account,
    toGroup: to.group,
    payee: payee.account,
    minutes,
    description: listing ? "For your listing on the town page" : "Help across the town",
    category: "town",
    ...(listing ? { listing: hexToBytes(listing.id) } : {}),
  });
  await to.write(payee, "pool.accept", { pool: poolId, fromGroup: from.group, payment: hexToBytes(pay.id), payee: payee.account });
  payer.balance -= minutes;
  payee.balance += minutes;
}
