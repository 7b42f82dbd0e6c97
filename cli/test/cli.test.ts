// The `tally` command line, run as a real child process the way a coordinator
// runs it: exit codes, stdout/stderr, and the files it writes.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveLedger, fromBase64Url, fromExportFile, parseRecord, summarisePools, toBase64Url, toExportFile } from "@tally/core";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = path.join(ROOT, "cli", "bin", "tally.js");
const MEMBERS = 40;
const RECORDS = 400;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function tally(...args: string[]): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface View {
  accounts: Record<string, { balanceMinutes: number }>;
  invalid: { id: string; reason: string }[];
  pending: { id: string; reason: string }[];
  totals: { records: number; valid: number; pending: number; invalid: number; sumMinutes: number };
  exchanges?: unknown[];
  listings?: unknown[];
}

function ledgerOf(...files: string[]): View {
  const run = tally("ledger", ...files);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as View;
}

/** One line on stderr, "tally: ...", exit code 2, no stack trace. */
function expectBadInput(run: Run, mentions?: RegExp): void {
  expect(run.code, `stderr: ${run.stderr}`).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).toMatch(/^tally: [^\n]+\n$/);
  expect(run.stderr).not.toContain("    at ");
  if (mentions) expect(run.stderr).toMatch(mentions);
}

let dir: string;
const file = (name: string) => path.join(dir, name);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tally-cli-"));
  for (const [name, seed] of [["a.json", "7"], ["a-again.json", "7"], ["b.json", "8"]] as const) {
    const run = tally("demo", "--members", String(MEMBERS), "--records", String(RECORDS), "--seed", seed, "--out", file(name));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`^tally: wrote ${RECORDS} records .*${name}\\n$`));
  }
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("tally demo", () => {
  it("writes the same bytes for the same seed and different bytes for another seed", () => {
    const a = fs.readFileSync(file("a.json"));
    expect(a.equals(fs.readFileSync(file("a-again.json")))).toBe(true);
    expect(a.equals(fs.readFileSync(file("b.json")))).toBe(false);
    expect(JSON.parse(a.toString("utf8")).records).toHaveLength(RECORDS);
  });

  it("leaves no temporary file behind", () => {
    expect(fs.readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("refuses bad options with one line and exit 2, writing nothing", () => {
    expectBadInput(tally("demo", "--members", "10", "--records", "39", "--out", file("x.json")), /at least 4 per member/);
    expectBadInput(tally("demo", "--members", "2.5", "--out", file("x.json")), /--members/);
    expectBadInput(tally("demo", "--seed", "4294967296", "--out", file("x.json")), /--seed/);
    expectBadInput(tally("demo", "--members", "3", "--records", "40", "--groups", "4", "--out", file("x.json")), /--groups/);
    expectBadInput(tally("demo", "--members", "3", "--records", "40"), /--out/);
    expect(fs.existsSync(file("x.json"))).toBe(false);
  });
});

describe("tally ledger", () => {
  it("derives a balanced ledger from a demo file with every record valid", () => {
    const view = ledgerOf(file("a.json"));
    expect(view.totals.records).toBe(RECORDS);
    expect(view.totals.valid).toBe(view.totals.records);
    expect(view.totals.sumMinutes).toBe(0);
    expect(view.invalid).toEqual([]);
    expect(view.pending).toEqual([]);
    const balances = Object.values(view.accounts).map((a) => a.balanceMinutes);
    expect(balances.length).toBeGreaterThan(MEMBERS / 2);
    for (const b of balances) expect(Number.isInteger(b)).toBe(true);
    expect(balances.reduce((s, b) => s + b, 0)).toBe(0);
    // Listings and exchanges are left out unless asked for.
    expect(view.exchanges).toBeUndefined();
    expect(view.listings).toBeUndefined();
  });

  it("adds listings and exchanges with --full and indents with --pretty", () => {
    const full = tally("ledger", "--full", file("a.json"));
    expect(full.code).toBe(0);
    const view = JSON.parse(full.stdout) as View;
    expect(view.exchanges!.length).toBeGreaterThan(0);
    expect(view.listings!.length).toBeGreaterThan(0);
    expect(full.stdout.trimEnd()).not.toContain("\n");
    const pretty = tally("ledger", file("a.json"), "--pretty");
    expect(pretty.code).toBe(0);
    expect(pretty.stdout.split("\n").length).toBeGreaterThan(10);
    expect(JSON.parse(pretty.stdout)).toEqual(JSON.parse(tally("ledger", file("a.json")).stdout));
  });

  it("prints a conformance vector's records as its published ledger, byte for byte, with --canonical", () => {
    const vectors = path.join(ROOT, "core", "test", "vectors", "cases");
    for (const id of ["self-revoke-mutual", "junk-signatures-first", "cbor-depth-9-refused"]) {
      const run = tally("ledger", "--canonical", path.join(vectors, `${id}.records.json`));
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toBe(fs.readFileSync(path.join(vectors, `${id}.ledger.json`), "utf8"));
    }
  });

  it("merges two groups' exports as a union that changes no balance", () => {
    const a = ledgerOf(file("a.json"));
    const b = ledgerOf(file("b.json"));
    const union = ledgerOf(file("a.json"), file("b.json"));
    expect(union.totals.records).toBe(a.totals.records + b.totals.records);
    expect(union.totals.valid).toBe(union.totals.records);
    expect(union.totals.sumMinutes).toBe(0);
    const expected = { ...a.accounts, ...b.accounts };
    expect(Object.keys(expected)).toHaveLength(Object.keys(a.accounts).length + Object.keys(b.accounts).length); // two groups, no shared account
    expect(Object.keys(union.accounts).sort()).toEqual(Object.keys(expected).sort());
    for (const [id, account] of Object.entries(expected)) expect(union.accounts[id]!.balanceMinutes, id).toBe(account.balanceMinutes);
    // The same file twice is the same set of records.
    expect(ledgerOf(file("a.json"), file("a-again.json")).totals.records).toBe(RECORDS);
  });
});

describe("tally ledger --pools", () => {
  /** A pool vector's town (groups A and B and their pool), written as one export file per group, as each group's device downloads it. */
  function townFiles(vector: string): { files: string[]; envelopes: Uint8Array[] } {
    const text = fs.readFileSync(path.join(ROOT, "core", "test", "vectors", "cases", `${vector}.records.json`), "utf8");
    const envelopes = fromExportFile(text);
    const byGroup = new Map<string, Uint8Array[]>();
    for (const envelope of envelopes) {
      const parsed = parseRecord(envelope);
      const group = parsed.ok ? parsed.record.groupHex : "unreadable";
      byGroup.set(group, [...(byGroup.get(group) ?? []), envelope]);
    }
    const files = [...byGroup.keys()].sort().map((group) => {
      const p = file(`${vector}-${group}.json`);
      fs.writeFileSync(p, toExportFile(byGroup.get(group) as Uint8Array[]));
      return p;
    });
    return { files, envelopes };
  }

  it("derives the town's pool from one export per group: groups, balances, limits, flows", async () => {
    const { files, envelopes } = townFiles("pool-over-limit");
    expect(files).toHaveLength(3);
    const run = tally("ledger", "--pools", ...files);
    expect(run.code, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout) as { pools: Record<string, { groups: Record<string, { balanceMinutes: number; overdrawn: boolean }>; flows: { minutes: number }[]; exchanges: Record<string, number> }> };
    expect(printed).toEqual({ pools: summarisePools(await deriveLedger(envelopes)) });
    const [pool] = Object.values(printed.pools);
    expect(Object.values(pool!.groups).map((g) => g.balanceMinutes).sort((a, b) => a - b)).toEqual([-80, 80]);
    expect(Object.values(pool!.groups).filter((g) => g.overdrawn)).toHaveLength(1);
    expect(pool!.flows.map((f) => f.minutes)).toEqual([80]);
    expect(pool!.exchanges).toEqual({ complete: 2, waiting: 0, pending: 0, refused: 0 });
  });

  it("without the pool's own export, the exchange waits for the pool's records and no balance moves", async () => {
    const { files, envelopes } = townFiles("pool-exchange-complete");
    const whole = await deriveLedger(envelopes);
    const poolHex = Object.keys(whole.pools ?? {})[0] as string;
    const view = ledgerOf(...files.filter((f) => !f.includes(poolHex)));
    expect(Object.values(view.accounts).every((a) => a.balanceMinutes === 0)).toBe(true);
    expect(view.pending.map((p) => p.reason)).toContain(`waiting for the records of pool ${poolHex}`);
  });

  it("says so when the records hold no pool", () => {
    expectBadInput(tally("ledger", "--pools", file("a.json")), /hold no pool/);
  });
});

describe("tally verify", () => {
  it("passes a demo file", () => {
    const run = tally("verify", file("a.json"));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`ok: ${RECORDS} records, all valid\n`);
  });

  it("fails a file with one flipped byte in a signed record, and ledger says why", () => {
    const data = JSON.parse(fs.readFileSync(file("a.json"), "utf8")) as { records: string[] };
    const index = 150;
    const bytes = fromBase64Url(data.records[index]!)!;
    const original = parseRecord(bytes);
    expect(original.ok).toBe(true);
    bytes[bytes.length - 70]! ^= 0x01; // inside the signed part, before the 64-byte signature
    const parsed = parseRecord(bytes);
    const tamperedId = parsed.ok ? parsed.record.id : parsed.id;
    expect(tamperedId).not.toBe(original.ok ? original.record.id : "");
    data.records[index] = toBase64Url(bytes);
    fs.writeFileSync(file("tampered.json"), JSON.stringify(data));

    const run = tally("verify", file("tampered.json"));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^tally: \d+ of 400 records do not count/);
    expect(run.stderr).toContain(tamperedId);
    expect(run.stderr.trimEnd().split("\n").length).toBeLessThanOrEqual(22); // the count, at most 20 problems, "and N more"
    expect(run.stderr).not.toContain("    at ");

    const view = ledgerOf(file("tampered.json"));
    const listed = [...view.invalid, ...view.pending].find((p) => p.id === tamperedId);
    expect(listed, JSON.stringify(view.invalid)).toBeDefined();
    expect(listed!.reason.length).toBeGreaterThan(0);
    expect(view.totals.valid).toBeLessThan(view.totals.records);
    expect(view.totals.sumMinutes).toBe(0);
  });
});

describe("records that decode but are not Tally records", () => {
  it("are listed as invalid with a reason, not refused as bad input", () => {
    const p = file("junk-records.json");
    fs.writeFileSync(p, '{"format":"tally-records","version":1,"records":["AAAA",""]}');
    const view = ledgerOf(p);
    expect(view.totals).toMatchObject({ records: 2, valid: 0, invalid: 2 });
    for (const entry of view.invalid) expect(entry.reason.length).toBeGreaterThan(0);
    const run = tally("verify", p);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^tally: 2 of 2 records do not count/);
  });
});

describe("bad input: one line on stderr, exit 2, no stack trace", () => {
  const cases: [string, (p: string) => void, RegExp][] = [
    ["a missing file", () => {}, /no such file/],
    ["a directory", (p) => fs.mkdirSync(p), /directory/],
    ["an empty file", (p) => fs.writeFileSync(p, ""), /empty/],
    ["text that is not JSON", (p) => fs.writeFileSync(p, "not json"), /not valid JSON/],
    ["truncated JSON", (p) => fs.writeFileSync(p, fs.readFileSync(file("a.json"), "utf8").slice(0, fs.statSync(file("a.json")).size >> 1)), /not valid JSON/],
    ["an unknown export version", (p) => fs.writeFileSync(p, '{"format":"tally-records","version":99,"records":[]}'), /version 99/],
    ["a record that is not a string", (p) => fs.writeFileSync(p, '{"format":"tally-records","version":1,"records":[42]}'), /record 0/],
    ["JSON that is not an export", (p) => fs.writeFileSync(p, "[1,2,3]"), /not a Tally export/],
  ];
  for (const [name, make, mentions] of cases) {
    it(`${name}`, () => {
      const p = file(`bad-${name.replace(/\W+/g, "-")}`);
      make(p);
      for (const command of ["ledger", "verify"]) {
        const run = tally(command, p);
        expectBadInput(run, mentions);
        expect(run.stderr).toContain(p);
      }
    });
  }

  it("one bad file among good ones", () => {
    expectBadInput(tally("ledger", file("a.json"), file("nowhere.json")), /nowhere\.json: no such file/);
  });

  it("a 1 GiB file is refused at once, without reading it", () => {
    const p = file("huge.json");
    fs.writeFileSync(p, "");
    fs.truncateSync(p, 1024 ** 3); // sparse: takes no disk
    const run = tally("ledger", p);
    // Refused by its size, before reading: the message names the size, which
    // only the file's metadata gives (a read would fail on Node's string limit).
    expectBadInput(run, /1 GiB, larger than the 512 MiB limit/);
  });

  it("an unknown command", () => {
    expectBadInput(tally("frobnicate"), /unknown command "frobnicate"/);
  });

  it("an unknown option", () => {
    expectBadInput(tally("ledger", "--frobnicate", file("a.json")), /--frobnicate/);
    expectBadInput(tally("--frobnicate"), /--frobnicate/);
  });

  it("no file given", () => {
    expectBadInput(tally("verify"), /at least one export file/);
  });
});

describe("tally help", () => {
  it("prints usage and exits 0, with no arguments too", () => {
    for (const args of [["help"], ["--help"], []]) {
      const run = tally(...args);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("tally demo");
      expect(run.stdout).toContain("tally verify");
      expect(run.stderr).toBe("");
    }
  });
});
