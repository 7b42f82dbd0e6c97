// The record kinds and the exact shape of each body. A body is a CBOR map with
// text keys; every key not listed here, and every value of the wrong type or
// out of range, makes the record invalid.
import {
  GROUP_ID_BYTES,
  ID_BYTES,
  MAX_CREDIT_LIMIT_MINUTES,
  MAX_LEGS,
  MAX_LEG_MINUTES,
  MAX_BIO_CHARS,
  MAX_CONTACT_CHARS,
  MAX_NAME_CHARS,
  MAX_SEQ,
  MAX_SKILLS_CHARS,
  MAX_TEXT_CHARS,
} from "./limits.ts";

type FieldType =
  | { t: "bytes"; length: number }
  | { t: "account" } // 32 bytes (a member key or a proxy record id) or 0 bytes (the group account)
  | { t: "text"; max: number }
  | { t: "uint"; max: number; min?: number }
  | { t: "bool" }
  | { t: "enum"; values: readonly string[] }
  | { t: "legs" };

interface Field {
  type: FieldType;
  optional: boolean;
}

function field<T extends FieldType, O extends boolean>(type: T, optional: O): { type: T; optional: O } {
  return { type, optional };
}
const bytes = <O extends boolean = false>(length: number, optional?: O) => field({ t: "bytes" as const, length }, (optional ?? false) as O);
const account = <O extends boolean = false>(optional?: O) => field({ t: "account" as const }, (optional ?? false) as O);
const text = <O extends boolean = false>(max: number, optional?: O) => field({ t: "text" as const, max }, (optional ?? false) as O);
const uint = <O extends boolean = false>(max: number, optional?: O, min = 0) => field({ t: "uint" as const, max, min }, (optional ?? false) as O);
const bool = <O extends boolean = false>(optional?: O) => field({ t: "bool" as const }, (optional ?? false) as O);
const oneOf = <O extends boolean = false>(values: readonly string[], optional?: O) => field({ t: "enum" as const, values }, (optional ?? false) as O);
const legs = () => field({ t: "legs" as const }, false);

export const MEMBER_KINDS = ["person", "organisation", "business"] as const;
export const ROLES = ["member", "coordinator"] as const;
export const CONFIRMATION_POLICIES = ["both", "payer"] as const;
export const LISTING_TYPES = ["offer", "request", "activity"] as const;
/** What a device does before signing a spend past a credit limit: refuse it, or warn and sign if the member insists. */
export const OVERDRAFT_POLICIES = ["refuse", "warn"] as const;

const minutes = () => uint(MAX_LEG_MINUTES, false, 1);
const limitMinutes = <O extends boolean = false>(optional?: O) => uint(MAX_CREDIT_LIMIT_MINUTES, optional);
const recordId = <O extends boolean = false>(optional?: O) => bytes(ID_BYTES, optional);
const groupId = () => bytes(GROUP_ID_BYTES);

export const BODY_SCHEMAS = {
  /** First record of every device chain: the member key certifies the device for this group. */
  device: { member: bytes(32), cert: bytes(64) },
  /** The group's genesis, second record of the founder's first device. */
  "group.create": {
    name: text(MAX_NAME_CHARS),
    nonce: bytes(GROUP_ID_BYTES),
    founderName: text(MAX_NAME_CHARS),
    creditLimitMinutes: limitMinutes(),
    joiningBonusMinutes: uint(MAX_LEG_MINUTES),
    confirmation: oneOf(CONFIRMATION_POLICIES),
  },
  "group.settings": {
    name: text(MAX_NAME_CHARS, true),
    creditLimitMinutes: limitMinutes(true),
    joiningBonusMinutes: uint(MAX_LEG_MINUTES, true),
    confirmation: oneOf(CONFIRMATION_POLICIES, true),
    overdraft: oneOf(OVERDRAFT_POLICIES, true),
  },
  "member.join": { name: text(MAX_NAME_CHARS), memberKind: oneOf(MEMBER_KINDS), note: text(MAX_TEXT_CHARS, true) },
  "member.approve": { join: recordId(), note: text(MAX_TEXT_CHARS, true), referencesChecked: bool(true) },
  "member.decline": { join: recordId(), reason: text(MAX_TEXT_CHARS) },
  "member.proxy": { name: text(MAX_NAME_CHARS), memberKind: oneOf(MEMBER_KINDS), note: text(MAX_TEXT_CHARS, true) },
  "member.role": { account: account(), role: oneOf(ROLES) },
  "member.suspend": { account: account(), reason: text(MAX_TEXT_CHARS) },
  "member.reinstate": { account: account(), reason: text(MAX_TEXT_CHARS) },
  "member.remove": { account: account(), reason: text(MAX_TEXT_CHARS) },
  "member.recover": { account: account(), member: bytes(32), note: text(MAX_TEXT_CHARS) },
  /** The whole profile of an account; the latest valid one replaces the one before. An absent field is empty. */
  "member.profile": {
    account: account(),
    skills: text(MAX_SKILLS_CHARS, true),
    bio: text(MAX_BIO_CHARS, true),
    contact: text(MAX_CONTACT_CHARS, true),
  },
  "device.revoke": { device: bytes(32), fromSeq: uint(MAX_SEQ), reason: text(MAX_TEXT_CHARS, true) },
  "account.limit": { account: account(), creditLimitMinutes: limitMinutes() },
  "listing.create": {
    type: oneOf(LISTING_TYPES),
    title: text(MAX_NAME_CHARS),
    description: text(MAX_TEXT_CHARS, true),
    category: text(MAX_NAME_CHARS),
    expiresDay: uint(MAX_SEQ, true),
  },
  "listing.update": {
    listing: recordId(),
    title: text(MAX_NAME_CHARS, true),
    description: text(MAX_TEXT_CHARS, true),
    category: text(MAX_NAME_CHARS, true),
    expiresDay: uint(MAX_SEQ, true),
  },
  "listing.close": { listing: recordId(), reason: text(MAX_TEXT_CHARS, true) },
  "exchange.propose": {
    payer: account(),
    payees: legs(),
    description: text(MAX_TEXT_CHARS),
    category: text(MAX_NAME_CHARS, true),
    listing: recordId(true),
  },
  "exchange.confirm": { proposal: recordId() },
  "exchange.decline": { proposal: recordId(), reason: text(MAX_TEXT_CHARS, true) },
  "exchange.event": { payers: legs(), payees: legs(), description: text(MAX_TEXT_CHARS), category: text(MAX_NAME_CHARS, true) },
  donation: { to: account(), minutes: minutes(), note: text(MAX_TEXT_CHARS, true) },
  grant: { to: account(), minutes: minutes(), reason: text(MAX_TEXT_CHARS) },
  correction: { target: recordId(), reason: text(MAX_TEXT_CHARS) },
  // ---- pools and merges (PROTOCOL §12): a field naming another group is that group's 16-byte id ----
  /** A coordinator asks, for the group, to join a pool (another group whose accounts are groups). */
  "pool.join": { pool: groupId(), note: text(MAX_TEXT_CHARS, true) },
  /** A coordinator takes the group out of a pool; its balance there stays, settled or frozen. */
  "pool.leave": { pool: groupId(), reason: text(MAX_TEXT_CHARS, true) },
  /** A pool's coordinator admits a group, naming that group's pool.join record. */
  "pool.admit": { group: groupId(), join: recordId(), note: text(MAX_TEXT_CHARS, true) },
  /** A pool's coordinator sets how far below zero a member group's balance in the pool may go. */
  "pool.limit": { group: groupId(), creditLimitMinutes: limitMinutes() },
  /** The payer's side of an exchange with someone in another group of the pool. */
  "pool.pay": {
    pool: groupId(),
    payer: account(),
    toGroup: groupId(),
    payee: bytes(32),
    minutes: minutes(),
    description: text(MAX_TEXT_CHARS),
    category: text(MAX_NAME_CHARS, true),
    listing: recordId(true),
  },
  /** The payee's side: names the payment record (in the payer's group) it accepts. */
  "pool.accept": { pool: groupId(), fromGroup: groupId(), payment: recordId(), payee: account() },
  /** A coordinator agrees, for the group, to merge with another group; both groups must sign. */
  "group.merge": { group: groupId(), note: text(MAX_TEXT_CHARS, true) },
  /** A person links their own account here with their account in another group; both records must exist. */
  "account.link": { group: groupId(), account: bytes(32) },
} as const satisfies Record<string, Record<string, Field>>;

export type RecordKind = keyof typeof BODY_SCHEMAS;
export const RECORD_KINDS = Object.keys(BODY_SCHEMAS).sort() as RecordKind[];

export interface Leg {
  account: Uint8Array;
  minutes: number;
}

type FieldValue<F> = F extends { type: { t: "legs" } }
  ? Leg[]
  : F extends { type: { t: "text" } } | { type: { t: "enum" } }
    ? string
    : F extends { type: { t: "uint" } }
      ? number
      : F extends { type: { t: "bool" } }
        ? boolean
        : Uint8Array;

type BodyOf<S> = { [K in keyof S as S[K] extends { optional: true } ? never : K]: FieldValue<S[K]> } & {
  [K in keyof S as S[K] extends { optional: true } ? K : never]?: FieldValue<S[K]>;
};

export type Body<K extends RecordKind> = BodyOf<(typeof BODY_SCHEMAS)[K]>;

function fieldProblem(name: string, type: FieldType, value: unknown, optional = false): string | null {
  switch (type.t) {
    case "bytes":
      return value instanceof Uint8Array && value.length === type.length ? null : `${name} must be ${type.length} bytes`;
    case "account":
      return value instanceof Uint8Array && (value.length === 32 || value.length === 0)
        ? null
        : `${name} must be an account (32 bytes, or empty for the group account)`;
    case "text":
      if (typeof value !== "string") return `${name} must be text`;
      if (value.length > type.max) return `${name} is longer than ${type.max} characters`;
      return value.length === 0 && !optional ? `${name} must not be empty` : null;
    case "uint":
      return typeof value === "number" && Number.isSafeInteger(value) && value >= (type.min ?? 0) && value <= type.max
        ? null
        : `${name} must be a whole number from ${type.min ?? 0} to ${type.max}`;
    case "bool":
      return typeof value === "boolean" ? null : `${name} must be true or false`;
    case "enum":
      return typeof value === "string" && type.values.includes(value) ? null : `${name} must be one of ${type.values.join(", ")}`;
    case "legs":
      return legsProblem(name, value);
  }
}

function legsProblem(name: string, value: unknown): string | null {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LEGS) {
    return `${name} must list 1 to ${MAX_LEGS} accounts`;
  }
  for (const leg of value) {
    if (leg === null || typeof leg !== "object" || leg instanceof Uint8Array || Array.isArray(leg)) {
      return `${name} must list {account, minutes} entries`;
    }
    const keys = Object.keys(leg);
    if (keys.length !== 2 || !Object.hasOwn(leg, "account") || !Object.hasOwn(leg, "minutes")) return `${name} entries have exactly account and minutes`;
    const problem =
      fieldProblem(`${name}.account`, { t: "account" }, leg.account) ??
      fieldProblem(`${name}.minutes`, { t: "uint", max: MAX_LEG_MINUTES, min: 1 }, leg.minutes);
    if (problem) return problem;
  }
  return null;
}

const SCHEMA_ENTRIES = Object.fromEntries(
  Object.entries(BODY_SCHEMAS).map(([kind, schema]) => [kind, Object.entries(schema) as [string, Field][]]),
) as Record<RecordKind, [string, Field][]>;

/** Why a body does not fit its kind's schema, or null if it fits. */
export function bodyProblem(kind: RecordKind, body: unknown): string | null {
  if (body === null || typeof body !== "object" || body instanceof Uint8Array || Array.isArray(body)) {
    return "body must be a map";
  }
  const schema: Record<string, Field> = BODY_SCHEMAS[kind];
  const values = body as Record<string, unknown>;
  // Own keys only: "constructor" or "toString" are not fields of any kind, whatever a plain object inherits.
  for (const key of Object.keys(values)) {
    if (!Object.hasOwn(schema, key)) return `unknown field "${key}" in a ${kind} record`;
  }
  for (const [key, field] of SCHEMA_ENTRIES[kind]) {
    if (!Object.hasOwn(values, key)) {
      if (field.optional) continue;
      return `missing field "${key}" in a ${kind} record`;
    }
    const problem = fieldProblem(key, field.type, values[key], field.optional);
    if (problem) return problem;
  }
  return null;
}

export function isRecordKind(kind: unknown): kind is RecordKind {
  return typeof kind === "string" && Object.prototype.hasOwnProperty.call(BODY_SCHEMAS, kind);
}
