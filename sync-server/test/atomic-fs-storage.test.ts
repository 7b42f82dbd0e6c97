import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AtomicFsStorage } from "../src/storage/atomic-fs-storage.ts";

describe("AtomicFsStorage", () => {
  it("saves, loads, lists by prefix and removes chunks", async () => {
    const storage = new AtomicFsStorage(mkdtempSync(join(tmpdir(), "am-")));
    await storage.save(["docA", "incremental", "h1"], new Uint8Array([1]));
    await storage.save(["docA", "snapshot", "h2"], new Uint8Array([2, 2]));
    await storage.save(["docB", "incremental", "h3"], new Uint8Array([3]));
    expect(await storage.load(["docA", "snapshot", "h2"])).toEqual(new Uint8Array([2, 2]));
    expect((await storage.loadRange(["docA"])).map((c) => c.key.join("/")).sort()).toEqual(["docA/incremental/h1", "docA/snapshot/h2"]);
    expect(storage.documentBytes("docA")).toBe(3);
    await storage.remove(["docA", "incremental", "h1"]);
    expect(await storage.load(["docA", "incremental", "h1"])).toBeUndefined();
    await storage.removeRange(["docA"]);
    expect(await storage.loadRange(["docA"])).toEqual([]);
    expect(await storage.load(["docB", "incremental", "h3"])).toEqual(new Uint8Array([3]));
  });

  it("ignores a temporary file left by a write that was killed, and keeps the previous chunk", async () => {
    const dir = mkdtempSync(join(tmpdir(), "am-"));
    const storage = new AtomicFsStorage(dir);
    await storage.save(["docC", "snapshot", "h"], new Uint8Array([9, 9, 9]));
    mkdirSync(join(dir, "do", "docC", "snapshot"), { recursive: true });
    writeFileSync(join(dir, "do", "docC", "snapshot", "h.1234.tmp"), new Uint8Array([1]));
    const reopened = new AtomicFsStorage(dir);
    expect(await reopened.loadRange(["docC"])).toEqual([{ key: ["docC", "snapshot", "h"], data: new Uint8Array([9, 9, 9]) }]);
  });

  it("refuses keys that would leave its folder", async () => {
    const storage = new AtomicFsStorage(mkdtempSync(join(tmpdir(), "am-")));
    await expect(storage.save(["..", "x"], new Uint8Array([1]))).rejects.toThrow(/unsafe/);
    await expect(storage.save(["doc", "a/b"], new Uint8Array([1]))).rejects.toThrow(/unsafe/);
  });
});
