import { closeSync, mkdtempSync, openSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppendFile } from "../src/append-file.ts";

describe("AppendFile", () => {
  it("writes appends made at any moments in call order, each resolved only once its bytes are in the file", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.boolean(), fc.nat(3)), { minLength: 1, maxLength: 40 }), async (appends) => {
        const path = join(mkdtempSync(join(tmpdir(), "append-")), "log");
        const fd = openSync(path, "a+");
        const file = new AppendFile(fd);
        const settled: Promise<void>[] = [];
        let expected = Buffer.alloc(0);
        for (const [bytes, sync, pauseTicks] of appends) {
          for (let i = 0; i < pauseTicks; i++) await new Promise((r) => setImmediate(r)); // some arrive while a flush runs
          expected = Buffer.concat([expected, bytes]);
          const length = expected.length;
          settled.push(file.append(Buffer.from(bytes), { sync }).then(() => expect(readFileSync(path).length).toBeGreaterThanOrEqual(length)));
        }
        await Promise.all(settled);
        await file.idle();
        closeSync(fd);
        expect(readFileSync(path)).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });
});
