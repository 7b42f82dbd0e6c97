// A group's activity for this member, with what is unread, kept current as
// records arrive and as items are read (in any component of this tab: the
// list and the tab bar's count agree).
import { useCallback, useEffect, useMemo, useState } from "react";
import type { LedgerView } from "@tally/core";
import type { GroupReplica } from "@tally/documents";
import { deriveActivity, type ActivityItem } from "./activity.ts";
import { markRead, readIds } from "./activity-store.ts";
import { accountsOfDevices, recordFacts } from "./record-facts.ts";

/** News older than this is not listed (things to do are, whatever their age). */
export const NEWS_DAYS = 30;
const DAY_MS = 86_400_000;

const readByGroup = new Map<string, Set<string>>();
const listeners = new Set<() => void>();

function publish(groupHex: string, read: Set<string>): void {
  readByGroup.set(groupHex, read);
  for (const listener of [...listeners]) listener();
}

function useRead(groupHex: string): Set<string> | null {
  const [, setVersion] = useState(0);
  useEffect(() => {
    const listener = () => setVersion((v) => v + 1);
    listeners.add(listener);
    if (!readByGroup.has(groupHex)) void readIds(groupHex).then((read) => publish(groupHex, read));
    return () => void listeners.delete(listener);
  }, [groupHex]);
  return readByGroup.get(groupHex) ?? null;
}

export interface Activity {
  items: ActivityItem[];
  unread: ReadonlySet<string>;
  markAllRead(): Promise<void>;
}

export function useActivity(groupHex: string, replica: GroupReplica | null, view: LedgerView | null, me: string): Activity {
  const items = useMemo(() => {
    if (!replica || !view) return [];
    const devices = accountsOfDevices(replica, groupHex);
    return deriveActivity({ view, groupHex, me, recordOf: (id) => recordFacts(replica, id), accountOfDevice: (d) => devices.get(d) ?? null, sinceMs: Date.now() - NEWS_DAYS * DAY_MS });
  }, [replica, view, groupHex, me]);
  const read = useRead(groupHex);
  // Until the read ids are loaded, nothing counts as unread (no flash of a count that is not true).
  const unread = useMemo(() => new Set(read ? items.filter((i) => !read.has(i.id)).map((i) => i.id) : []), [items, read]);
  const markAllRead = useCallback(async () => {
    const ids = items.map((i) => i.id);
    publish(groupHex, await markRead(groupHex, ids, ids));
  }, [items, groupHex]);
  return { items, unread, markAllRead };
}
