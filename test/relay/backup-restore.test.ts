// `tally backup` while a real relay runs under writes, then the restore of
// docs/DEPLOY.md: kill the relay, empty DATA_DIR, copy the backup in, start.
// Devices reconnect and every record comes back, those written after the
// backup from the devices themselves.
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { closePeer, waitFor, write, type Peer } from "../support/peer.ts";
import { groupOf, snapshot } from "../support/group.ts";
import { acknowledgedByRelay, recordsOnRelayDisk, relayStorageId } from "../support/relay-disk.ts";
import { startRelayProcess, type RelayProcess } from "../support/relay-process.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
let relay: RelayProcess | null = null;
let peers: Peer[] = [];
const folders: string[] = [];

afterAll(async () => {
  await Promise.all(peers.map((p) => closePeer(p).catch(() => {})));
  await relay?.kill();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function offer(peer: Peer, title: string): Promise<string> {
  return (await write(peer, "listing.create", { type: "offer", title, category: "gardening" })).id;
}

function tally(...args: string[]) {
  return run(process.execPath, [join(ROOT, "cli/bin/tally.js"), ...args], { cwd: ROOT });
}

describe("backup and restore of a relay's data folder", () => {
  it("restores into an empty DATA_DIR; devices reconnect and bring back what is newer than the backup", { timeout: 180_000 }, async () => {
    relay = await startRelayProcess();
    let groupHex: string;
    ({ peers, groupHex } = await groupOf(relay.url, ["ann", "bea"]));
    const [ann, bea] = peers as [Peer, Peer];
    const before = [await offer(ann, "Pruning"), await offer(bea, "Soup")];
    await waitFor(() => acknowledgedByRelay(ann, [before[0]!]).size === 1 && acknowledgedByRelay(bea, [before[1]!]).size === 1, 60_000, "the relay to hold the first records");

    // The backup runs while both members keep writing.
    let writing = true;
    const during: string[] = [];
    const writers = [ann, bea].map(async (peer) => {
      for (let n = 0; writing; n++) {
        during.push(await offer(peer, `${peer.name} during backup ${n}`));
        await new Promise((r) => setTimeout(r, 30));
      }
    });
    const out = join(mkdtempSync(join(tmpdir(), "tally-backup-")), "copy");
    folders.push(resolve(out, ".."));
    const { stdout } = await tally("backup", relay.dataDir, out);
    writing = false;
    await Promise.all(writers);
    expect(stdout).toMatch(/^Backed up \d+ files/);
    expect(JSON.parse(readFileSync(join(out, "tally-backup.json"), "utf8"))).toMatchObject({ format: "tally-backup", groups: 1 });

    const after = [await offer(ann, "Ladder loan, after the backup"), await offer(bea, "Lift to the clinic, after the backup")];
    const all = [...before, ...during, ...after];
    await waitFor(() => all.every((id) => ann.replica!.docs.presentIds().has(id) && bea.replica!.docs.presentIds().has(id)), 60_000, "both members to hold every record");
    const inBackup = await recordsOnRelayDisk(out, groupHex);
    for (const id of before) expect(inBackup.has(id), "a record from before the backup is in it").toBe(true);
    for (const id of after) expect(inBackup.has(id), "a record from after the backup is not in it").toBe(false);

    // The restore, as docs/DEPLOY.md gives it. The backup leaves out the relay's storage id, so no device
    // counts a record as held by the restored relay because the old one held it.
    const storageBefore = relayStorageId(ann);
    expect(storageBefore).not.toBeNull();
    await relay.kill("SIGKILL");
    rmSync(relay.dataDir, { recursive: true });
    cpSync(out, relay.dataDir, { recursive: true });
    expect(readdirSync(relay.dataDir)).toContain("records");
    await relay.restart();

    await waitFor(() => [ann, bea].every((peer) => relayStorageId(peer) !== null && relayStorageId(peer) !== storageBefore), 90_000, "devices to reconnect to the restored relay");
    await waitFor(() => [ann, bea].every((peer) => acknowledgedByRelay(peer, all).size === all.length), 90_000, "devices to resync with the restored relay");
    const fresh = await offer(bea, "Written after the restore");
    await waitFor(() => ann.replica!.docs.presentIds().has(fresh), 60_000, "a record written after the restore to reach the other member");
    // The relay passes a change on to the group at once; only its writer's acknowledgement waits for the disk.
    await waitFor(() => acknowledgedByRelay(bea, [fresh]).size === 1, 60_000, "the restored relay to acknowledge the record written after the restore");
    expect(snapshot(ann)).toEqual(snapshot(bea));

    await relay.kill("SIGKILL");
    const onDisk = await recordsOnRelayDisk(relay.dataDir, groupHex);
    expect([...all, fresh].filter((id) => !onDisk.has(id))).toEqual([]);
  });

  it("copies an append-only log only up to its last whole frame or line, as a write in progress leaves it", { timeout: 60_000 }, async () => {
    const data = mkdtempSync(join(tmpdir(), "tally-backup-torn-"));
    folders.push(data);
    const group = join(data, "records", "ab".repeat(32));
    mkdirSync(join(group, "secrets"), { recursive: true });
    const frame = Buffer.concat([Buffer.from([0, 0, 0, 3]), Buffer.alloc(32, 7), Buffer.from("abc")]);
    writeFileSync(join(group, "records.log"), Buffer.concat([frame, frame.subarray(0, 20)]));
    writeFileSync(join(group, "edits.log"), '{"whole":1}\n{"half');
    writeFileSync(join(group, "secrets", "key.tmp"), "a write in progress");
    writeFileSync(join(data, "groups.json"), "[]");
    const out = join(data, "..", `${basename(data)}-copy`);
    folders.push(out);
    await tally("backup", data, out);
    expect(readFileSync(join(out, "records", "ab".repeat(32), "records.log"))).toEqual(frame);
    expect(readFileSync(join(out, "records", "ab".repeat(32), "edits.log"), "utf8")).toBe('{"whole":1}\n');
    expect(readdirSync(join(out, "records", "ab".repeat(32), "secrets"))).toEqual([]);
    expect(readFileSync(join(out, "groups.json"), "utf8")).toBe("[]");
  });

  it("says clearly what is wrong with bad arguments and leaves nothing behind", async () => {
    const folder = mkdtempSync(join(tmpdir(), "tally-backup-bad-"));
    folders.push(folder);
    const attempt = (...args: string[]) => tally("backup", ...args).then(() => ({ code: 0, stderr: "" }), (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }));
    expect(await attempt()).toEqual({ code: 2, stderr: expect.stringMatching(/^tally: backup: give the relay's data folder/) });
    expect(await attempt(join(folder, "missing"), join(folder, "out"))).toEqual({ code: 2, stderr: expect.stringMatching(/missing: no such file\n$/) });
    expect(await attempt(folder, join(folder, "..", "out-x"))).toEqual({ code: 2, stderr: expect.stringMatching(/does not look like a Tally relay's data folder/) });
    cpSync(ROOT + "/package.json", join(folder, "groups.json"));
    expect(await attempt(folder, join(folder, "inside"))).toEqual({ code: 2, stderr: expect.stringMatching(/cannot go inside the data folder/) });
    expect(await attempt(folder, ROOT)).toEqual({ code: 2, stderr: expect.stringMatching(/already exists/) });
    expect(readdirSync(folder)).toEqual(["groups.json"]);
  });
});
