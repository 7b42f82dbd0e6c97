// Who did what to a group's documents. The relay knows which authenticated
// device sent each change, so it reads the operations of every change it
// receives and notes those honest devices never make (see DocumentEdit):
// deletions, bytes under a record's key that are not that record, maps
// replaced by something else, and a flood of bytes. One device's edits to one
// document within EDIT_WINDOW_MS make one entry; entries are logged, kept on
// disk per group and shown to the group's coordinators.
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync } from "node:fs";
import { join } from "node:path";
import * as Automerge from "@automerge/automerge";
import type { DocumentId, Message, NetworkAdapter, Repo } from "@automerge/automerge-repo";
import { parseRecord, type DeviceView } from "@tally/core";
import { describeDocument, type DocumentEdit } from "@tally/documents";

export const EDIT_LIMITS = {
  /** Bytes of changes one device may send to one group's documents within an hour before it counts as a flood. */
  floodBytesPerHour: 8 * 1024 * 1024,
  /** Edits of one device to one document within this window are one entry. */
  editWindowMs: 10_000,
  /** Entries kept per group (in memory and on disk), and the size of an edits file before it is rotated. */
  keptPerGroup: 500,
  maxFileBytes: 1024 * 1024,
  /** Devices tracked for floods at once. */
  maxTracked: 100_000,
};

const RECORD_KEY = /^[0-9a-f]{64}$/;
const SHARD_KEY = /^[0-9a-f]{2}$/;

export interface EditWatchGroups {
  /** The group a document belongs to and the sending device's standing there, if the relay serves both. */
  deviceIn(documentId: DocumentId, deviceHex: string): { groupHex: string; device: DeviceView } | null;
}

type Counts = Pick<DocumentEdit, "deletions" | "rewrites" | "reshapes"> & { keys: string[] };

export class EditWatch {
  readonly #edits = new Map<string, DocumentEdit[]>();
  readonly #sent = new Map<string, { windowStartMs: number; bytes: number; reported: boolean }>();

  constructor(
    readonly repo: Repo,
    readonly groups: EditWatchGroups,
    readonly dataDir: string,
    readonly log: (line: string) => void,
  ) {}

  /**
   * Reads every message the adapter hands the repo, just before the repo
   * sees it: the document does not hold its changes yet, so changes it
   * already holds (sent again) are told apart from new ones.
   */
  watch(adapter: NetworkAdapter, deviceOf: (peerId: string) => string | null): void {
    const emit = adapter.emit.bind(adapter) as (event: string, ...args: unknown[]) => boolean;
    (adapter as { emit: typeof emit }).emit = (event, ...args) => {
      if (event === "message") {
        const message = args[0] as Message;
        this.inspect(message, deviceOf(message.senderId), Date.now());
      }
      return emit(event, ...args);
    };
  }

  /** Reads a message a device sent (after the guard let it through). Never throws. */
  inspect(message: Message, deviceHex: string | null, nowMs: number, options: { refused?: boolean } = {}): void {
    try {
      this.#inspect(message, deviceHex, nowMs, options.refused === true);
    } catch (error) {
      this.log(`error reading a change from device=${deviceHex?.slice(0, 8)}: ${(error as Error).message}`);
    }
  }

  #inspect(message: Message, deviceHex: string | null, nowMs: number, refused: boolean): void {
    if ((message.type !== "sync" && message.type !== "request") || !deviceHex) return;
    const documentId = message.documentId as DocumentId;
    const found = this.groups.deviceIn(documentId, deviceHex);
    const described = describeDocument(documentId);
    if (!found || !described || !(message.data instanceof Uint8Array)) return;
    let changes: Uint8Array[];
    try {
      changes = Automerge.decodeSyncMessage(message.data).changes;
    } catch {
      return; // automerge-repo refuses it too
    }
    if (changes.length === 0) return;
    const counts: Counts = { deletions: 0, rewrites: 0, reshapes: 0, keys: [] };
    let bytes = 0;
    for (const change of changes) {
      bytes += change.length;
      const decoded = this.#newChanges(documentId, change);
      if (decoded === null) counts.rewrites++; // nothing Automerge can read: no honest device sends it
      else for (const { ops } of decoded) countOps(ops as Op[], described.n, counts);
    }
    const floodBytes = refused ? 0 : this.#floodBytes(`${found.groupHex}|${deviceHex}`, bytes, nowMs);
    if (counts.deletions + counts.rewrites + counts.reshapes === 0 && floodBytes === 0) return;
    this.#note(found.groupHex, { atMs: nowMs, deviceHex, account: found.device.account, document: described.n, floodBytes, ...counts, keys: counts.keys, ...(refused ? { refused } : {}) });
  }

  /** Of a change, or a document chunk (automerge sends several changes as one), the changes the relay does not hold yet. */
  #newChanges(documentId: DocumentId, bytes: Uint8Array): Automerge.DecodedChange[] | null {
    const handle = this.repo.handles[documentId];
    const held = handle?.isReady() ? handle.doc() : null;
    try {
      const change = Automerge.decodeChange(bytes);
      return held && Automerge.hasHeads(held, [change.hash]) ? [] : [change];
    } catch {
      // not one change: a chunk, whose changes depend on those the relay holds
    }
    try {
      const theirs = Automerge.loadIncremental(held ? Automerge.clone(held) : Automerge.init(), bytes);
      const fresh = held ? Automerge.getChanges(held, theirs) : Automerge.getAllChanges(theirs);
      return fresh.map((change) => Automerge.decodeChange(change));
    } catch {
      return null;
    }
  }

  #floodBytes(key: string, bytes: number, nowMs: number): number {
    let sent = this.#sent.get(key);
    if (!sent || nowMs - sent.windowStartMs > 3_600_000) {
      if (this.#sent.size >= EDIT_LIMITS.maxTracked) this.#sent.clear();
      sent = { windowStartMs: nowMs, bytes: 0, reported: false };
      this.#sent.set(key, sent);
    }
    sent.bytes += bytes;
    if (sent.reported || sent.bytes < EDIT_LIMITS.floodBytesPerHour) return 0;
    sent.reported = true;
    return sent.bytes;
  }

  #note(groupHex: string, edit: DocumentEdit): void {
    const edits = this.editsOf(groupHex);
    const last = edits.findLast((e) => e.deviceHex === edit.deviceHex && e.document === edit.document);
    let entry: DocumentEdit;
    if (last && edit.atMs - last.atMs < EDIT_LIMITS.editWindowMs && edit.floodBytes === 0 && last.refused === edit.refused) {
      last.deletions += edit.deletions;
      last.rewrites += edit.rewrites;
      last.reshapes += edit.reshapes;
      last.keys = [...new Set([...last.keys, ...edit.keys])].slice(0, 8);
      entry = last;
    } else {
      entry = { ...edit, keys: edit.keys.slice(0, 8) };
      edits.push(entry);
      if (edits.length > EDIT_LIMITS.keptPerGroup) edits.splice(0, edits.length - EDIT_LIMITS.keptPerGroup);
      this.log(
        `member edit group=${groupHex.slice(0, 8)} device=${edit.deviceHex.slice(0, 8)} document=${edit.document} ` +
          `deletions=${edit.deletions} rewrites=${edit.rewrites} reshapes=${edit.reshapes} floodBytes=${edit.floodBytes}${edit.refused ? " refused" : ""}`,
      );
    }
    this.#persist(groupHex, entry);
  }

  /** A group's noted edits, oldest first (read from disk the first time). */
  editsOf(groupHex: string): DocumentEdit[] {
    let edits = this.#edits.get(groupHex);
    if (!edits) {
      edits = this.#load(groupHex);
      this.#edits.set(groupHex, edits);
    }
    return edits;
  }

  #file(groupHex: string): string {
    return join(this.dataDir, "records", groupHex, "edits.log");
  }

  /** One JSON line per update of an entry; the last line for an entry wins. */
  #persist(groupHex: string, edit: DocumentEdit): void {
    try {
      const file = this.#file(groupHex);
      mkdirSync(join(file, ".."), { recursive: true });
      if (existsSync(file) && statSync(file).size > EDIT_LIMITS.maxFileBytes) renameSync(file, `${file}.1`);
      appendFileSync(file, `${JSON.stringify(edit)}\n`);
    } catch (error) {
      this.log(`error saving an edit of group=${groupHex.slice(0, 8)}: ${(error as Error).message}`);
    }
  }

  #load(groupHex: string): DocumentEdit[] {
    const file = this.#file(groupHex);
    const byEntry = new Map<string, DocumentEdit>();
    for (const path of [`${file}.1`, file]) {
      if (!existsSync(path)) continue;
      for (const line of readFileSync(path, "utf8").split("\n")) {
        const edit = parseEdit(line);
        if (edit) byEntry.set(`${edit.deviceHex}|${edit.document}|${edit.atMs}`, edit);
      }
    }
    return [...byEntry.values()].sort((a, b) => a.atMs - b.atMs).slice(-EDIT_LIMITS.keptPerGroup);
  }
}

interface Op {
  action: string;
  obj: string;
  key?: string;
  value?: unknown;
}

/** What in a change's operations honest devices never do (they only add records, list volumes and repair maps). */
function countOps(ops: readonly Op[], document: number, counts: Counts): void {
  for (const op of ops) {
    const key = op.key;
    if (op.action === "del") {
      counts.deletions++;
      if (key) counts.keys.push(key);
    } else if (key === undefined) {
      continue; // inside a list or text: only reachable under something already counted
    } else if (op.obj === "_root" && (key === "records" || key === "volumes")) {
      if (op.action !== "makeMap") counts.reshapes++;
    } else if (document > 0 && SHARD_KEY.test(key)) {
      if (op.action !== "makeMap") counts.reshapes++;
    } else if (document > 0 && !isRecordAt(key, op)) {
      counts.rewrites++;
      if (counts.keys.length < 8) counts.keys.push(key);
    }
  }
}

/** Whether an operation files, under a record's key, that very record. */
function isRecordAt(key: string, op: Op): boolean {
  if (op.action !== "set" || !RECORD_KEY.test(key)) return false;
  const value = op.value;
  const bytes = value instanceof Uint8Array ? value : Array.isArray(value) ? Uint8Array.from(value as number[]) : null;
  if (!bytes) return false;
  const parsed = parseRecord(bytes);
  return parsed.ok && parsed.record.id === key;
}

function parseEdit(line: string): DocumentEdit | null {
  try {
    const edit = JSON.parse(line) as DocumentEdit;
    const numbers = [edit.atMs, edit.document, edit.deletions, edit.rewrites, edit.reshapes, edit.floodBytes];
    if (numbers.every(Number.isSafeInteger) && typeof edit.deviceHex === "string" && typeof edit.account === "string" && Array.isArray(edit.keys)) return edit;
  } catch {
    // a torn last line after a crash
  }
  return null;
}
