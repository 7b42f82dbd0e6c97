// tally backup DATA_DIR OUT: a consistent copy of a relay's data folder,
// taken while the relay runs.
//
// What the folder holds and why each copy is safe while it is written to:
//   groups.json, invite-uses.json, secrets/*, documents/**  replaced by rename: a read sees a whole old or new file
//   records/<group>/records.log  append-only frames: copied up to the last whole frame
//   *.log (verified, edits)      append-only lines: copied up to the last whole line
//   *.tmp                        a write in progress: left out
//   documents/st/storage-adapter-id  the relay's storage id: left out, so a
//       relay restored from the copy is a new store to the devices, and none of
//       them counts a record as held by it until it has stored that record again
// Documents are copied before the record stores, so the stores (the truth)
// hold at least every record the documents do; a relay started on the copy
// puts back into its documents any record they lack.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { wholeFramesLength } from "@tally/documents/node";
import { parseCommandArgs } from "../args.ts";
import { CliError } from "../errors.ts";
import { fsProblem } from "../read-export.ts";

export const BACKUP_MANIFEST = "tally-backup.json";
/** automerge-repo's file for the storage id (key ["storage-adapter-id"]); no document id has this name. */
const STORAGE_ID_FILE = "storage-adapter-id";
/** The order files are copied in: see the note at the top. */
const COPY_ORDER = ["groups.json", "invite-uses.json", "documents", "records"];

interface Counts {
  files: number;
  bytes: number;
}

export async function backup(args: string[], write: (text: string) => void): Promise<number> {
  const { positionals } = parseCommandArgs("backup", args, {}, true);
  if (positionals.length !== 2) throw new CliError('backup: give the relay\'s data folder and a new folder for the copy: tally backup DATA_DIR OUT (try "tally help")');
  const [dataDir, out] = positionals.map((path) => resolve(path)) as [string, string];
  checkDataDir(dataDir);
  if (existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length > 0)) throw new CliError(`backup: ${out} already exists; give a new folder so no earlier backup is overwritten`);
  if (out.startsWith(`${dataDir}/`)) throw new CliError("backup: the copy cannot go inside the data folder");

  // Written beside OUT and renamed at the end: a folder named OUT is always a whole backup.
  const staging = `${out}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const counts: Counts = { files: 0, bytes: 0 };
  try {
    mkdirSync(staging, { recursive: true });
    const names = readdirSync(dataDir).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    for (const name of names) copyEntry(join(dataDir, name), join(staging, name), counts);
    const groups = existsSync(join(staging, "records")) ? readdirSync(join(staging, "records")).length : 0;
    const manifest = { format: "tally-backup", version: 1, takenAt: new Date().toISOString(), from: dataDir, groups, files: counts.files, bytes: counts.bytes };
    writeFileSync(join(staging, BACKUP_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    if (existsSync(out)) rmSync(out, { recursive: true });
    renameSync(staging, out);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (error instanceof CliError) throw error;
    throw fsProblem(`backup: ${out}`, error);
  }
  write(`Backed up ${counts.files} files (${counts.bytes} bytes) from ${dataDir} to ${out}\n`);
  return 0;
}

function checkDataDir(dataDir: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dataDir).isDirectory();
  } catch (error) {
    throw fsProblem(`backup: ${dataDir}`, error);
  }
  if (!isDirectory) throw new CliError(`backup: ${dataDir} is not a folder`);
  const entries = readdirSync(dataDir);
  if (!entries.includes("documents") && !entries.includes("records") && !entries.includes("groups.json")) {
    throw new CliError(`backup: ${dataDir} does not look like a Tally relay's data folder (no documents, records or groups.json)`);
  }
}

function rank(name: string): number {
  const at = COPY_ORDER.indexOf(name);
  return at === -1 ? COPY_ORDER.length : at;
}

function copyEntry(from: string, to: string, counts: Counts): void {
  const name = basename(from);
  if (name.endsWith(".tmp") || name === BACKUP_MANIFEST || name === STORAGE_ID_FILE) return;
  let stat;
  try {
    stat = statSync(from);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return; // replaced or compacted away since it was listed
    throw error;
  }
  if (stat.isDirectory()) {
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from).sort()) copyEntry(join(from, entry), join(to, entry), counts);
    return;
  }
  if (!stat.isFile()) return;
  let bytes: Buffer;
  try {
    bytes = readFileSync(from);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  const kept = name === "records.log" ? wholeFramesLength(bytes) : isLineLog(name) ? bytes.lastIndexOf(0x0a) + 1 : bytes.length;
  writeFileSync(to, bytes.subarray(0, kept), { mode: stat.mode & 0o777 });
  counts.files++;
  counts.bytes += kept;
}

function isLineLog(name: string): boolean {
  return name.endsWith(".log") || name.endsWith(".log.1");
}
