// The governance state of one group, indexed so it can be asked "as the author
// of this record had seen it": statuses, roles, limits, settings, recoveries.
import { latest, latestBefore, compareCausal, precedes, ruling, type CausalPoint } from "./causal.ts";
import type { RecordKind } from "../record/kinds.ts";

export type MemberStatus = "none" | "active" | "declined" | "suspended" | "removed";
export type Role = "member" | "coordinator";

export interface Settings {
  name: string;
  creditLimitMinutes: number;
  joiningBonusMinutes: number;
  confirmation: "both" | "payer";
  /** Whether a device refuses ("refuse", the default) or only warns before signing a spend past a credit limit. No ledger rule reads it. */
  overdraft: "refuse" | "warn";
}

export type Ruling<T> = CausalPoint & { value: T };

export interface AccountInfo {
  /** The record that described the account (genesis, approval or proxy creation). */
  describedBy?: string;
  name: string;
  memberKind: string;
  proxy: boolean;
}

export interface ListingState {
  id: string;
  type: string;
  account: string;
  created: CausalPoint;
  fields: { title: string; description?: string; category: string; expiresDay?: number };
  updates: Ruling<Partial<ListingState["fields"]>>[];
  closedBy: string[];
}

/** A member's profile: skills, a short bio, contact details. An absent field is empty. */
export interface Profile {
  skills: string;
  bio: string;
  contact: string;
}

export interface JoinRequest {
  id: string;
  account: string;
  name: string;
  memberKind: string;
  note?: string;
}

/** Kinds only an active coordinator may write. */
export const COORDINATOR_KINDS: ReadonlySet<RecordKind> = new Set<RecordKind>([
  "group.settings",
  "member.approve",
  "member.decline",
  "member.proxy",
  "member.role",
  "member.suspend",
  "member.reinstate",
  "member.remove",
  "member.recover",
  "account.limit",
  "exchange.event",
  "grant",
  "correction",
  "pool.join",
  "pool.leave",
  "pool.admit",
  "pool.limit",
  "group.merge",
]);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export class GroupState {
  readonly status = new Map<string, Ruling<MemberStatus>[]>();
  readonly role = new Map<string, Ruling<Role>[]>();
  /** account → the reason given with each change of standing (decline, suspend, reinstate, remove). */
  readonly standingReasons = new Map<string, Ruling<string>[]>();
  readonly limit = new Map<string, Ruling<number>[]>();
  readonly settings: Ruling<Partial<Settings>>[] = [];
  readonly recoveryByAccount = new Map<string, Ruling<string>[]>();
  readonly recoveryByKey = new Map<string, Ruling<string>[]>();
  readonly accounts = new Map<string, AccountInfo>();
  readonly joins = new Map<string, JoinRequest>();
  /** Ids of join requests a coordinator approved or declined. */
  readonly decidedJoins = new Set<string>();
  readonly listings = new Map<string, ListingState>();
  /** account → every valid profile record for it; the latest in causal-then-id order is the profile. */
  readonly profiles = new Map<string, Ruling<Profile>[]>();
  /** chainKey → the member key (hex) that certified the device. */
  readonly certs = new Map<string, string>();
  genesis: Ruling<Settings> | null = null;
  /** pool hex → the group's valid pool.join ("join") and pool.leave ("leave") records for it. */
  readonly poolStanding = new Map<string, Ruling<"join" | "leave">[]>();

  addPoolStanding(poolHex: string, at: CausalPoint, value: "join" | "leave"): void {
    push(this.poolStanding, poolHex, ruling(at, value));
  }

  /** Concurrent approvals may describe one account; the smallest record id wins, whatever the order. */
  describeAccount(account: string, recordId: string, info: AccountInfo): void {
    const known = this.accounts.get(account);
    if (!known || (known.describedBy as string) > recordId) this.accounts.set(account, { ...info, describedBy: recordId });
  }

  setStatus(account: string, at: CausalPoint, value: MemberStatus, reason?: string): void {
    push(this.status, account, ruling(at, value));
    if (reason !== undefined) push(this.standingReasons, account, ruling(at, reason));
  }
  /** The reason given with the account's latest change of standing, if that change gave one. */
  standingReasonOf(account: string): string | null {
    const status = latest(this.status.get(account));
    const reason = latest(this.standingReasons.get(account));
    return status && reason && reason.id === status.id ? reason.value : null;
  }
  setRole(account: string, at: CausalPoint, value: Role): void {
    push(this.role, account, ruling(at, value));
  }
  setLimit(account: string, at: CausalPoint, value: number): void {
    push(this.limit, account, ruling(at, value));
  }
  addProfile(account: string, at: CausalPoint, value: Profile): void {
    push(this.profiles, account, ruling(at, value));
  }
  /** The account's current profile: the whole of the latest valid profile record (never merged with earlier ones). */
  profileOf(account: string): Profile | null {
    return latest(this.profiles.get(account))?.value ?? null;
  }
  addSettings(at: CausalPoint, value: Partial<Settings>): void {
    this.settings.push(ruling(at, value));
  }
  addRecovery(account: string, memberKey: string, at: CausalPoint): void {
    push(this.recoveryByAccount, account, ruling(at, memberKey));
    push(this.recoveryByKey, memberKey, ruling(at, account));
  }

  statusAt(account: string, at: CausalPoint | null): MemberStatus {
    const list = this.status.get(account);
    return (at ? latestBefore(list, at) : latest(list))?.value ?? "none";
  }
  roleAt(account: string, at: CausalPoint | null): Role {
    const list = this.role.get(account);
    return (at ? latestBefore(list, at) : latest(list))?.value ?? "member";
  }
  isCoordinatorAt(account: string, at: CausalPoint): boolean {
    return this.statusAt(account, at) === "active" && this.roleAt(account, at) === "coordinator";
  }

  /**
   * Settings as seen at a point (or now): genesis, then every earlier settings
   * change in causal order. Records that share a clock see the same settings,
   * and clocks are immutable, so the answer is remembered per clock.
   */
  settingsAt(at: CausalPoint | null): Settings {
    if (!this.genesis) throw new Error("settings asked of a group with no genesis");
    if (this.settings.length === 0) return this.genesis.value;
    const clock = at?.clock;
    const known = clock ? this.#settingsByClock.get(clock) : undefined;
    if (known && known.count === this.settings.length) return known.settings;
    const seen = this.settings.filter((s) => (at ? precedes(s, at) : true)).sort(compareCausal);
    const settings = Object.assign({}, this.genesis.value, ...seen.map((s) => s.value)) as Settings;
    if (clock) this.#settingsByClock.set(clock, { count: this.settings.length, settings });
    return settings;
  }

  readonly #settingsByClock = new WeakMap<object, { count: number; settings: Settings }>();

  creditLimitAt(account: string, at: CausalPoint | null): number {
    const list = this.limit.get(account);
    const own = at ? latestBefore(list, at) : latest(list);
    return own ? own.value : this.settingsAt(at).creditLimitMinutes;
  }

  /**
   * The account a member key acts for at a point, or why it acts for none:
   * a recovery moves an account to a new key and retires the old one.
   */
  accountForKey(memberKey: string, at: CausalPoint): { account: string } | { problem: string } {
    const recovered = latestBefore(this.recoveryByKey.get(memberKey), at);
    const account = recovered ? recovered.value : memberKey;
    const current = latestBefore(this.recoveryByAccount.get(account), at);
    if (current && current.value !== memberKey) return { problem: "this member key was replaced by a recovery" };
    return { account };
  }

  listingFields(listing: ListingState): ListingState["fields"] {
    return Object.assign({}, listing.fields, ...[...listing.updates].sort(compareCausal).map((u) => u.value));
  }
}
