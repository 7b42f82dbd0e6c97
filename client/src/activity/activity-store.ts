// What this device keeps for activity and notifications, in its own IndexedDB
// database (apart from the device's keys): which items were read, per group,
// and the words a notification about a group shows, written by the app in the
// member's language and read by the service worker, since a push carries
// only the group's id.
import { openDB, type IDBPDatabase } from "idb";

export const ACTIVITY_DB = "tally-activity";
const READ = "read";
export const TEXTS = "texts";
/** Read ids kept per group: ids of items no longer listed are dropped when more are marked. */
const MAX_READ_PER_GROUP = 2_000;

export interface NotificationText {
  title: string;
  body: string;
}

let db: Promise<IDBPDatabase> | null = null;

export function activityDb(): Promise<IDBPDatabase> {
  db ??= openDB(ACTIVITY_DB, 1, {
    upgrade(database) {
      database.createObjectStore(READ);
      database.createObjectStore(TEXTS);
    },
  });
  return db;
}

export async function readIds(groupHex: string): Promise<Set<string>> {
  const stored = (await (await activityDb()).get(READ, groupHex)) as string[] | undefined;
  return new Set(Array.isArray(stored) ? stored : []);
}

/** Marks `ids` read; of the ids read before, keeps those still `listed`. One transaction, so two tabs lose nothing of each other's. */
export async function markRead(groupHex: string, ids: readonly string[], listed: readonly string[]): Promise<Set<string>> {
  const transaction = (await activityDb()).transaction(READ, "readwrite");
  const before = new Set(((await transaction.store.get(groupHex)) as string[] | undefined) ?? []);
  const still = new Set(listed);
  const after = [...new Set([...[...before].filter((id) => still.has(id)), ...ids])].slice(-MAX_READ_PER_GROUP);
  await transaction.store.put(after, groupHex);
  await transaction.done;
  return new Set(after);
}

export async function saveNotificationText(groupHex: string, text: NotificationText): Promise<void> {
  await (await activityDb()).put(TEXTS, text, groupHex);
}
