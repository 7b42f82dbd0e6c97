// The shape of every frame a device may send the relay: automerge-repo's
// messages, each with exactly its own fields, of the right types and sizes.
// Anything else is refused before any part of the relay looks at it (a peer
// metadata storageId of "a/b", "..", a number or 300 characters once reached
// the storage layer as a file name and stopped the process).

/** automerge-repo's storage ids are UUIDs (StorageSubsystem.id). */
const STORAGE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Document ids are base58check text of 16 bytes; a little room either way. */
export const DOCUMENT_ID = /^[1-9A-HJ-NP-Za-km-z]{10,40}$/;
const HEAD = /^[0-9a-f]{64}$|^[1-9A-HJ-NP-Za-km-z]{1,60}$/;
const MAX_LIST = 16;

export interface ClientMessage {
  type: "join" | "request" | "sync" | "doc-unavailable" | "leave" | "remote-subscription-change" | "remote-heads-changed";
  senderId: string;
  targetId?: string;
  documentId?: string;
  data?: Uint8Array;
}

type FieldCheck = (value: unknown) => boolean;

const isString = (max: number): FieldCheck => (value) => typeof value === "string" && value.length <= max;
const isStorageId: FieldCheck = (value) => typeof value === "string" && STORAGE_ID.test(value);
const isDocumentId: FieldCheck = (value) => typeof value === "string" && DOCUMENT_ID.test(value);
const isBytes: FieldCheck = (value) => value instanceof Uint8Array && value.length > 0;
const listOf = (check: FieldCheck): FieldCheck => (value) => Array.isArray(value) && value.length <= MAX_LIST && value.every(check);
const optional = (check: FieldCheck): FieldCheck => (value) => value === undefined || check(value);

const isPeerMetadata: FieldCheck = (value) =>
  isPlainObject(value) &&
  Object.keys(value).every((key) => key === "storageId" || key === "isEphemeral") &&
  optional(isStorageId)(value.storageId) &&
  optional((v) => typeof v === "boolean")(value.isEphemeral);

const isNewHeads: FieldCheck = (value) =>
  isPlainObject(value) &&
  Object.keys(value).length <= MAX_LIST &&
  Object.entries(value).every(
    ([storageId, entry]) =>
      STORAGE_ID.test(storageId) &&
      isPlainObject(entry) &&
      Object.keys(entry).length === 2 &&
      listOf((h) => typeof h === "string" && HEAD.test(h))(entry.heads) &&
      Number.isSafeInteger(entry.timestamp),
  );

/** Every field each message type may carry; a field not listed is refused. */
const SCHEMAS: Record<ClientMessage["type"], Record<string, FieldCheck>> = {
  join: { peerMetadata: optional(isPeerMetadata), supportedProtocolVersions: optional(listOf(isString(16))) },
  request: { targetId: isString(100), documentId: isDocumentId, data: isBytes },
  sync: { targetId: isString(100), documentId: isDocumentId, data: isBytes },
  "doc-unavailable": { targetId: isString(100), documentId: isDocumentId },
  leave: { targetId: optional(isString(100)) },
  "remote-subscription-change": { targetId: isString(100), add: optional(listOf(isStorageId)), remove: optional(listOf(isStorageId)) },
  "remote-heads-changed": { targetId: isString(100), documentId: isDocumentId, newHeads: isNewHeads },
};

/** The message, or why it is refused (one short line). */
export function parseClientMessage(value: unknown): ClientMessage | string {
  if (!isPlainObject(value)) return "frame is not a message";
  const type = value.type;
  if (typeof type !== "string" || !Object.hasOwn(SCHEMAS, type)) return "unknown message type";
  const schema = SCHEMAS[type as ClientMessage["type"]];
  for (const key of Object.keys(value)) {
    if (key !== "type" && key !== "senderId" && !Object.hasOwn(schema, key)) return `unexpected field in ${type}`;
  }
  if (typeof value.senderId !== "string") return "missing sender";
  for (const [field, check] of Object.entries(schema)) {
    if (!check(value[field])) return `bad ${field} in ${type}`;
  }
  return value as unknown as ClientMessage;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Uint8Array);
}
