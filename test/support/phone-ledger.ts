// What a phone holds, read from its own IndexedDB and judged by the core as
// the phone would: the records of a group and the ledger they make.
import type { Page } from "playwright-core";
import { deriveLedger, parseRecord, type LedgerView } from "@tally/core";

/** The group of the group page open on this phone. */
export function groupOf(page: Page): string {
  const match = /#\/g\/([0-9a-f]{32})/.exec(page.url());
  if (!match) throw new Error(`not on a group page: ${page.url()}`);
  return match[1] as string;
}

/** Every record this phone has stored for the group. */
export async function recordsOn(page: Page, groupHex: string): Promise<Uint8Array[]> {
  const stored = await page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      const all = await new Promise<Uint8Array[]>((resolve, reject) => {
        const request = db.transaction("records").objectStore("records").getAll();
        request.onsuccess = () => resolve(request.result as Uint8Array[]);
        request.onerror = () => reject(request.error);
      });
      return all.map((envelope) => Array.from(envelope));
    } finally {
      db.close();
    }
  }, `tally-group-${groupHex}`);
  return stored.map((bytes) => Uint8Array.from(bytes));
}

export interface PhoneLedger {
  view: LedgerView;
  /** How many records of each kind the phone holds. */
  kinds: Record<string, number>;
}

export async function ledgerOn(page: Page, groupHex: string): Promise<PhoneLedger> {
  const envelopes = await recordsOn(page, groupHex);
  const kinds: Record<string, number> = {};
  for (const envelope of envelopes) {
    const parsed = parseRecord(envelope);
    if (parsed.ok) kinds[parsed.record.kind] = (kinds[parsed.record.kind] ?? 0) + 1;
  }
  return { view: await deriveLedger(envelopes), kinds };
}
