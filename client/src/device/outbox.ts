// Records this device put into its documents that the relay is not yet known
// to hold: the number the sync indicator shows. Kept in IndexedDB, so the
// number survives a reload in a park with no signal.
import { openDB, type IDBPDatabase } from "idb";

export class Outbox {
  readonly #waiting = new Map<string, string>(); // record id → group
  readonly #listeners = new Set<(count: number) => void>();

  private constructor(readonly db: IDBPDatabase) {}

  static async open(): Promise<Outbox> {
    const db = await openDB("tally-outbox", 1, {
      upgrade(database) {
        database.createObjectStore("waiting");
      },
    });
    const outbox = new Outbox(db);
    const tx = db.transaction("waiting");
    for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
      outbox.#waiting.set(String(cursor.key), cursor.value as string);
    }
    return outbox;
  }

  get count(): number {
    return this.#waiting.size;
  }

  groups(): string[] {
    return [...new Set(this.#waiting.values())].sort();
  }

  idsOf(groupHex: string): string[] {
    return [...this.#waiting].filter(([, group]) => group === groupHex).map(([id]) => id);
  }

  async add(groupHex: string, ids: readonly string[]): Promise<void> {
    const tx = this.db.transaction("waiting", "readwrite");
    for (const id of ids) {
      this.#waiting.set(id, groupHex);
      void tx.store.put(groupHex, id);
    }
    await tx.done;
    this.#notify();
  }

  async sent(ids: Iterable<string>): Promise<void> {
    const tx = this.db.transaction("waiting", "readwrite");
    for (const id of ids) {
      this.#waiting.delete(id);
      void tx.store.delete(id);
    }
    await tx.done;
    this.#notify();
  }

  onCount(listener: (count: number) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #notify(): void {
    for (const listener of this.#listeners) listener(this.count);
  }
}
