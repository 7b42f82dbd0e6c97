// A phone's keys, read from its IndexedDB as the app keeps them.
import type { Page } from "playwright-core";

/** This phone's device key seed, as kept in its IndexedDB. */
export function deviceSeed(page: Page): Promise<Uint8Array> {
  return keySeed(page, "device");
}

/** This phone's member key seed (the account), as kept in its IndexedDB. */
export function memberSeed(page: Page): Promise<Uint8Array> {
  return keySeed(page, "member");
}

async function keySeed(page: Page, name: "device" | "member"): Promise<Uint8Array> {
  const seed = await page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open("tally-device");
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      return await new Promise<number[]>((resolve, reject) => {
        const request = db.transaction("keys").objectStore("keys").get(name);
        request.onsuccess = () => resolve(Array.from(request.result as Uint8Array));
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  }, name);
  return Uint8Array.from(seed);
}
