import { appendFileSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FileRecordStore } from "../src/file-record-store.ts";

const record = (n: number) => ({ id: n.toString(16).padStart(64, "0"), envelope: new Uint8Array(50 + n).fill(n) });

describe("FileRecordStore", () => {
  it("keeps every record across reopening, once each", async () => {
    const dir = mkdtempSync(join(tmpdir(), "store-"));
    const store = await FileRecordStore.open(dir);
    await store.add([record(1), record(2)]);
    await store.add([record(2), record(3)]);
    await store.close();
    const again = await FileRecordStore.open(dir);
    expect((await again.load()).map((r) => r.id)).toEqual([record(1).id, record(2).id, record(3).id]);
    expect(await again.get(record(3).id)).toEqual(record(3).envelope);
    expect(again.has(record(4).id)).toBe(false);
  });

  it("survives a torn write: the partial last frame is cut off and earlier records are intact", async () => {
    const dir = mkdtempSync(join(tmpdir(), "store-"));
    const store = await FileRecordStore.open(dir);
    await store.add([record(1), record(2)]);
    await store.close();
    const log = join(dir, "records.log");
    const intact = statSync(log).size;
    // A crash in the middle of the next append: header and half the envelope.
    const header = Buffer.alloc(36);
    header.writeUInt32BE(200);
    appendFileSync(log, Buffer.concat([header, Buffer.alloc(90, 7)]));
    const reopened = await FileRecordStore.open(dir);
    expect((await reopened.load()).map((r) => r.id)).toEqual([record(1).id, record(2).id]);
    expect(statSync(log).size).toBe(intact);
    await reopened.add([record(3)]);
    await reopened.close();
    expect((await (await FileRecordStore.open(dir)).load()).length).toBe(3);
    expect(readFileSync(log).length).toBeGreaterThan(intact);
  });

  it("keeps the verified-id cache and secrets beside the records", async () => {
    const dir = mkdtempSync(join(tmpdir(), "store-"));
    const store = await FileRecordStore.open(dir);
    await store.addVerified([record(1).id, `cert:${record(2).id}`]);
    await store.saveSecret("device-key", new Uint8Array([1, 2, 3]));
    await store.close();
    const again = await FileRecordStore.open(dir);
    expect(await again.loadVerified()).toEqual([record(1).id, `cert:${record(2).id}`]);
    expect(await again.loadSecret("device-key")).toEqual(new Uint8Array([1, 2, 3]));
    await expect(again.saveSecret("../escape", new Uint8Array())).rejects.toThrow(/bad secret name/);
  });
});
