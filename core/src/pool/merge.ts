// Merged groups and linked accounts (PROTOCOL §12.5). Two groups are merged
// when a coordinator of each signed a group.merge naming the other; merges
// chain, so a merged group is a connected set of groups. Two accounts are
// linked when each account's own member signed an account.link naming the
// other. A merge rewrites nothing: every group keeps its ledger, every
// account its id, balance and history; the merged group lists them together,
// with linked accounts as one.
import { bytesToHex, concatBytes, hexToBytes, utf8 } from "../encoding/bytes.ts";
import { sha256 } from "../crypto/sha256.ts";
import { GROUP_ID_BYTES } from "../record/limits.ts";
import type { GroupLedger } from "../ledger/group-ledger.ts";
import type { Body } from "../record/kinds.ts";
import { validOfKind } from "./sides.ts";

export interface MergeView {
  /** The merged group's id: H("tally/v1/merge" ‖ 0x00 ‖ the groups' ids in order)[0..16]. */
  id: string;
  groups: string[];
  /** The group.merge records that made it, sorted. */
  records: string[];
  /** Every account of the merged groups; linked accounts, and the groups' own accounts, as one entry. */
  accounts: { accounts: string[]; balanceMinutes: number }[];
  sumMinutes: number;
}

export interface LinkView {
  accounts: string[];
  records: string[];
}

const MERGE_DOMAIN = utf8("tally/v1/merge\0");

/** Union-find over text keys; roots are the smallest key, so the result never depends on order. */
class Components {
  readonly #parent = new Map<string, string>();
  find(key: string): string {
    let root = key;
    while (this.#parent.has(root) && this.#parent.get(root) !== root) root = this.#parent.get(root) as string;
    return root;
  }
  join(a: string, b: string): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra === rb) return;
    const [low, high] = ra < rb ? [ra, rb] : [rb, ra];
    this.#parent.set(low, low);
    this.#parent.set(high, low);
  }
  groups(keys: Iterable<string>): string[][] {
    const byRoot = new Map<string, string[]>();
    for (const key of [...new Set(keys)].sort()) byRoot.set(this.find(key), [...(byRoot.get(this.find(key)) ?? []), key]);
    return [...byRoot.values()].filter((members) => members.length > 1);
  }
}

/** Pairs (a → b, by record) that are mutual: a's record names b and b's record names a. Returns each pair once with both records. */
function mutual(claims: { from: string; to: string; id: string }[]): { pair: [string, string]; records: string[] }[] {
  const byPair = new Map<string, string[]>();
  for (const claim of claims) byPair.set(`${claim.from}>${claim.to}`, [...(byPair.get(`${claim.from}>${claim.to}`) ?? []), claim.id]);
  const out: { pair: [string, string]; records: string[] }[] = [];
  for (const [key, ids] of [...byPair].sort()) {
    const [from, to] = key.split(">") as [string, string];
    const back = byPair.get(`${to}>${from}`);
    if (from < to && back) out.push({ pair: [from, to], records: [ids.sort()[0] as string, back.sort()[0] as string].sort() });
  }
  return out;
}

export function deriveLinks(groups: ReadonlyMap<string, GroupLedger>): LinkView[] {
  const claims: { from: string; to: string; id: string }[] = [];
  for (const groupHex of [...groups.keys()].sort()) {
    for (const entry of validOfKind(groups.get(groupHex) as GroupLedger, "account.link")) {
      const body = entry.record.body as Body<"account.link">;
      claims.push({ from: `${groupHex}:${entry.account}`, to: `${bytesToHex(body.group)}:${bytesToHex(body.account)}`, id: entry.id });
    }
  }
  return mutual(claims).map(({ pair, records }) => ({ accounts: pair, records }));
}

type Balances = ReadonlyMap<string, { group: string; balanceMinutes: number }>;

/** `accounts` is asked for only when some groups merged. */
/** Pairs of groups that both signed a merge with each other, each with its id (the merged id of the two). */
export function mergePairs(groups: ReadonlyMap<string, GroupLedger>): { id: string; pair: [string, string]; records: string[] }[] {
  const claims: { from: string; to: string; id: string }[] = [];
  for (const groupHex of [...groups.keys()].sort()) {
    for (const entry of validOfKind(groups.get(groupHex) as GroupLedger, "group.merge")) {
      claims.push({ from: groupHex, to: bytesToHex((entry.record.body as Body<"group.merge">).group), id: entry.id });
    }
  }
  return mutual(claims).map((p) => ({ ...p, id: mergedId(p.pair) }));
}

export function deriveMerges(groups: ReadonlyMap<string, GroupLedger>, accounts: () => Balances, links: readonly LinkView[]): MergeView[] {
  const pairs = mergePairs(groups);
  if (pairs.length === 0) return [];
  const balances = accounts();
  const merged = new Components();
  for (const { pair } of pairs) merged.join(...pair);
  return merged.groups(pairs.flatMap((p) => p.pair)).map((members) => {
    const inside = new Set(members);
    const records = pairs.filter((p) => inside.has(p.pair[0])).flatMap((p) => p.records).sort();
    const pairIds = new Set(pairs.filter((p) => inside.has(p.pair[0])).map((p) => p.id));
    const accounts = mergedAccounts(inside, pairIds, balances, links);
    const sumMinutes = accounts.reduce((sum, a) => sum + a.balanceMinutes, 0);
    if (sumMinutes !== 0) throw new Error(`merged group of ${members.join(", ")} does not sum to zero`);
    return { id: mergedId(members), groups: members, records, accounts, sumMinutes };
  });
}

export function mergedId(groups: readonly string[]): string {
  return bytesToHex(sha256(concatBytes(MERGE_DOMAIN, ...groups.map(hexToBytes))).slice(0, GROUP_ID_BYTES));
}

/** Each account of the merged groups once; linked accounts inside the merged group, and the groups' own accounts, combined. */
function mergedAccounts(inside: ReadonlySet<string>, pairIds: ReadonlySet<string>, balances: Balances, links: readonly LinkView[]) {
  const together = new Components();
  const ids = [...balances.keys()].filter((id) => inside.has((balances.get(id) as { group: string }).group)).sort();
  // The groups' own accounts are one; so are the mirrors of trade between the merged halves (§12.5), which then sum to zero.
  for (const accounts of [ids.filter((id) => id.endsWith(":group")), ids.filter((id) => pairIds.has(id.split(":pool:")[1] ?? ""))]) {
    for (const id of accounts.slice(1)) together.join(accounts[0] as string, id);
  }
  for (const link of links) if (link.accounts.every((a) => balances.has(a) && inside.has(a.split(":")[0] as string))) together.join(...(link.accounts as [string, string]));
  const combined = new Map<string, string[]>();
  for (const id of ids) combined.set(together.find(id), [...(combined.get(together.find(id)) ?? []), id]);
  return [...combined.values()].map((accounts) => ({
    accounts,
    balanceMinutes: accounts.reduce((sum, id) => sum + (balances.get(id) as { balanceMinutes: number }).balanceMinutes, 0),
  }));
}
