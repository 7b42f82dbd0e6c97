// RecordStore in IndexedDB, for the browser: one database per group.
import { openDB, type IDBPDatabase } from "idb";
import type { RecordEnvelope } from "./group-documents.ts";
import { assertSecretName, type RecordStore } from "./record-store.ts";

const VERSION = 3;
const SNAPSHOT_KEY = "ledger";

export class IndexedDBRecordStore implements RecordStore {
  readonly #ids = new Set<string>();

  private constructor(readonly db: IDBPDatabase) {}

  static async open(name: string): Promise<IndexedDBRecordStore> {
    const db = await openDB(name, VERSION, {
      upgrade(database, oldVersion) {
        if (oldVersion < 1) {
          database.createObjectStore("records");
          database.createObjectStore("verified");
          database.createObjectStore("secrets");
        }
        // the head of each chain this browser signs, shared by its tabs
        if (oldVersion < 2) database.createObjectStore("heads");
        if (oldVersion < 3) database.createObjectStore("snapshot");
      },
    });
    const store = new IndexedDBRecordStore(db);
    for (const key of await db.getAllKeys("records")) store.#ids.add(String(key));
    return store;
  }

  async load(): Promise<RecordEnvelope[]> {
    const tx = this.db.transaction("records");
    const [ids, envelopes] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
    return ids.map((id, i) => ({ id: String(id), envelope: envelopes[i] as Uint8Array }));
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  async get(id: string): Promise<Uint8Array | null> {
    return ((await this.db.get("records", id)) as Uint8Array | undefined) ?? null;
  }

  async add(records: readonly RecordEnvelope[]): Promise<void> {
    const fresh = records.filter((r) => !this.#ids.has(r.id));
    if (fresh.length === 0) return;
    const tx = this.db.transaction("records", "readwrite", { durability: "strict" });
    for (const record of fresh) void tx.store.put(record.envelope, record.id);
    await tx.done;
    for (const record of fresh) this.#ids.add(record.id);
  }

  async addOwn(deviceHex: string, records: readonly RecordEnvelope[]): Promise<void> {
    const last = records.at(-1);
    if (!last) return;
    const tx = this.db.transaction(["records", "heads"], "readwrite", { durability: "strict" });
    for (const record of records) void tx.objectStore("records").put(record.envelope, record.id);
    void tx.objectStore("heads").put(last.id, deviceHex);
    await tx.done;
    for (const record of records) this.#ids.add(record.id);
  }

  async ownChainHead(deviceHex: string): Promise<string | null> {
    return ((await this.db.get("heads", deviceHex)) as string | undefined) ?? null;
  }

  async loadVerified(): Promise<string[]> {
    return (await this.db.getAllKeys("verified")).map(String);
  }

  async addVerified(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const tx = this.db.transaction("verified", "readwrite");
    for (const id of ids) void tx.store.put(true, id);
    await tx.done;
  }

  async loadSnapshot(): Promise<string | null> {
    const json: unknown = await this.db.get("snapshot", SNAPSHOT_KEY);
    return typeof json === "string" ? json : null;
  }

  async saveSnapshot(json: string): Promise<void> {
    await this.db.put("snapshot", json, SNAPSHOT_KEY);
  }

  async saveSecret(name: string, bytes: Uint8Array): Promise<void> {
    assertSecretName(name);
    await this.db.put("secrets", bytes, name);
  }

  async loadSecret(name: string): Promise<Uint8Array | null> {
    assertSecretName(name);
    return ((await this.db.get("secrets", name)) as Uint8Array | undefined) ?? null;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
