// RecordStore on the file system, for Node (the relay, the CLI, tests).
//
//   records.log   frames: u32 big-endian length ‖ record id (32 bytes) ‖ envelope, append-only
//   verified.log  one id per line, append-only
//   secrets/NAME  written to a temporary file, fsynced, renamed
//   ledger.snapshot.json  the ledger's snapshot, written to a temporary file and renamed (a cache: not fsynced)
//
// A crash can leave a torn last frame; it is cut off on open, and everything
// before it is intact because each append is fsynced before add() resolves.
// Appends run in order with group commit (append-file.ts); verified.log is a cache and is not fsynced.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync, existsSync, ftruncateSync, fstatSync } from "node:fs";
import { join } from "node:path";
import type { RecordEnvelope } from "./group-documents.ts";
import { assertSecretName, type RecordStore } from "./record-store.ts";
import { AppendFile } from "./append-file.ts";

const MAX_FRAME_BYTES = 1 << 20;
const SNAPSHOT_FILE = "ledger.snapshot.json";
const FRAME_HEADER_BYTES = 4 + 32;

/** The bytes of records.log up to the end of its last whole frame (what follows is a torn write, or one still being written). */
export function wholeFramesLength(bytes: Buffer): number {
  let at = 0;
  while (at + FRAME_HEADER_BYTES <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const end = at + FRAME_HEADER_BYTES + length;
    if (length > MAX_FRAME_BYTES || end > bytes.length) break;
    at = end;
  }
  return at;
}

export class FileRecordStore implements RecordStore {
  readonly #ids = new Map<string, Uint8Array>();
  readonly #records: RecordEnvelope[] = [];
  /** One process owns a store's folder, so the heads it signs need not outlive it: on open, the records themselves say where each chain is. */
  readonly #heads = new Map<string, string>();
  readonly #recordsFd: number;
  readonly #recordsLog: AppendFile;
  readonly #verified: AppendFile;

  private constructor(readonly dir: string) {
    mkdirSync(join(dir, "secrets"), { recursive: true });
    this.#recordsFd = openSync(join(dir, "records.log"), "a+");
    this.#verified = new AppendFile(openSync(join(dir, "verified.log"), "a+"));
    this.#readRecords();
    this.#recordsLog = new AppendFile(this.#recordsFd);
  }

  static async open(dir: string): Promise<FileRecordStore> {
    return new FileRecordStore(dir);
  }

  #readRecords(): void {
    const bytes = readFileSync(join(this.dir, "records.log"));
    const whole = wholeFramesLength(bytes);
    for (let at = 0; at < whole; ) {
      const end = at + FRAME_HEADER_BYTES + bytes.readUInt32BE(at);
      const id = bytes.toString("hex", at + 4, at + FRAME_HEADER_BYTES);
      // A view into the one buffer read, not a copy each: the store holds every record for as long as it is open anyway.
      const envelope = new Uint8Array(bytes.buffer, bytes.byteOffset + at + FRAME_HEADER_BYTES, end - at - FRAME_HEADER_BYTES);
      this.#ids.set(id, envelope);
      this.#records.push({ id, envelope });
      at = end;
    }
    const at = whole;
    if (at !== fstatSync(this.#recordsFd).size) {
      ftruncateSync(this.#recordsFd, at); // a torn write from a crash
      fsyncSync(this.#recordsFd);
    }
  }

  async load(): Promise<RecordEnvelope[]> {
    return [...this.#records];
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  async get(id: string): Promise<Uint8Array | null> {
    return this.#ids.get(id) ?? null;
  }

  async add(records: readonly RecordEnvelope[]): Promise<void> {
    const fresh = records.filter((r) => !this.#ids.has(r.id));
    if (fresh.length === 0) return;
    const frames: Uint8Array[] = [];
    for (const record of fresh) {
      const header = Buffer.alloc(FRAME_HEADER_BYTES);
      header.writeUInt32BE(record.envelope.length);
      header.write(record.id, 4, "hex");
      frames.push(header, record.envelope);
      this.#ids.set(record.id, record.envelope);
      this.#records.push(record);
    }
    return this.#recordsLog.append(Buffer.concat(frames), { sync: true });
  }

  async addOwn(deviceHex: string, records: readonly RecordEnvelope[]): Promise<void> {
    const last = records.at(-1);
    if (!last) return;
    await this.add(records);
    this.#heads.set(deviceHex, last.id);
  }

  async ownChainHead(deviceHex: string): Promise<string | null> {
    return this.#heads.get(deviceHex) ?? null;
  }

  async loadVerified(): Promise<string[]> {
    const text = readFileSync(join(this.dir, "verified.log"), "utf8");
    return text.split("\n").filter((line) => /^(cert:)?[0-9a-f]{64}$/.test(line));
  }

  async addVerified(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    return this.#verified.append(Buffer.from(ids.join("\n") + "\n"), { sync: false });
  }

  async loadSnapshot(): Promise<string | null> {
    const path = join(this.dir, SNAPSHOT_FILE);
    return existsSync(path) ? readFileSync(path, "utf8") : null;
  }

  async saveSnapshot(json: string): Promise<void> {
    const path = join(this.dir, SNAPSHOT_FILE);
    writeFileSync(`${path}.tmp`, json);
    renameSync(`${path}.tmp`, path);
  }

  async saveSecret(name: string, bytes: Uint8Array): Promise<void> {
    assertSecretName(name);
    const path = join(this.dir, "secrets", name);
    const temporary = `${path}.tmp`;
    const fd = openSync(temporary, "w", 0o600);
    writeSync(fd, bytes);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temporary, path);
  }

  async loadSecret(name: string): Promise<Uint8Array | null> {
    assertSecretName(name);
    const path = join(this.dir, "secrets", name);
    return existsSync(path) ? new Uint8Array(readFileSync(path)) : null;
  }

  async close(): Promise<void> {
    await Promise.all([this.#recordsLog.idle(), this.#verified.idle()]);
    closeSync(this.#recordsFd);
    closeSync(this.#verified.fd);
  }
}
