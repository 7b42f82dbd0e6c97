// automerge-repo storage on disk whose writes survive being killed at any
// moment: each chunk is written to a temporary file, fsynced, renamed over
// the old name, and the directory fsynced. A reader sees the old chunk or the
// new one, never half of one. (The stock NodeFS adapter uses a plain
// writeFile.) It also counts stored bytes per document, for the size limit.
//
// It keeps no sync state (what a peer was last known to hold): saved apart
// from the document, a crash between the two saves leaves it claiming changes
// the document never stored, and a device resyncs from scratch cheaply anyway.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Chunk, StorageAdapterInterface, StorageKey } from "@automerge/automerge-repo";
import { writeDurably } from "./durable-file.ts";

const SAFE_PART = /^[A-Za-z0-9_.-]{1,200}$/;

export class AtomicFsStorage implements StorageAdapterInterface {
  readonly #bytesByDocument = new Map<string, number>();
  #writes = 0;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  #path(key: StorageKey): string {
    for (const part of key) {
      if (!SAFE_PART.test(part) || part === "." || part === "..") throw new Error(`unsafe storage key part "${part}"`);
    }
    const [documentId, ...rest] = key;
    // Two levels of fan-out so no directory grows huge.
    return join(this.dir, (documentId ?? "").slice(0, 2), ...key.slice(0, 1), ...rest);
  }

  async load(key: StorageKey): Promise<Uint8Array | undefined> {
    if (isSyncState(key)) return undefined;
    const path = this.#path(key);
    try {
      return new Uint8Array(readFileSync(path));
    } catch {
      return undefined;
    }
  }

  async save(key: StorageKey, data: Uint8Array): Promise<void> {
    if (isSyncState(key)) return;
    const path = this.#path(key);
    const documentId = key[0] as string;
    const before = this.documentBytes(documentId); // counted before this write lands
    await mkdir(dirname(path), { recursive: true });
    // Unique per write: two saves of one key may overlap.
    const temporary = `${path}.${process.pid}.${++this.#writes}.tmp`;
    const previous = existsSync(path) ? statSync(path).size : 0;
    await writeDurably(path, data, temporary);
    this.#bytesByDocument.set(documentId, before + data.length - previous);
  }

  async remove(key: StorageKey): Promise<void> {
    const path = this.#path(key);
    const documentId = key[0] as string;
    const before = this.documentBytes(documentId);
    const size = existsSync(path) ? statSync(path).size : 0;
    rmSync(path, { force: true });
    this.#bytesByDocument.set(documentId, Math.max(0, before - size));
  }

  async loadRange(prefix: StorageKey): Promise<Chunk[]> {
    const base = this.#path(prefix);
    const out: Chunk[] = [];
    const walk = (dir: string, key: string[]) => {
      let entries: string[];
      try {
        entries = readdirSync(dir);
      } catch {
        return;
      }
      for (const name of entries.sort()) {
        if (name.endsWith(".tmp")) continue; // an interrupted write: the old chunk, if any, is still in place
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path, [...key, name]);
        else out.push({ key: [...key, name], data: new Uint8Array(readFileSync(path)) });
      }
    };
    if (existsSync(base) && statSync(base).isFile()) return [{ key: prefix, data: new Uint8Array(readFileSync(base)) }];
    walk(base, [...prefix]);
    return out;
  }

  async removeRange(prefix: StorageKey): Promise<void> {
    rmSync(this.#path(prefix), { recursive: true, force: true });
    if (prefix.length === 1) this.#bytesByDocument.delete(prefix[0] as string);
  }

  /** Bytes stored for a document (counted from disk the first time it is asked). */
  documentBytes(documentId: string): number {
    let known = this.#bytesByDocument.get(documentId);
    if (known === undefined) {
      known = 0;
      const walk = (dir: string) => {
        let entries: string[] = [];
        try {
          entries = readdirSync(dir);
        } catch {
          return;
        }
        for (const name of entries) {
          const path = join(dir, name);
          const stat = statSync(path);
          if (stat.isDirectory()) walk(path);
          else if (!name.endsWith(".tmp")) known = (known as number) + stat.size;
        }
      };
      if (SAFE_PART.test(documentId)) walk(join(this.dir, documentId.slice(0, 2), documentId));
      this.#bytesByDocument.set(documentId, known);
    }
    return known;
  }

  /** Documents with anything stored. */
  documentCount(): number {
    let count = 0;
    for (const fan of safeReaddir(this.dir)) count += safeReaddir(join(this.dir, fan)).length;
    return count;
  }
}

function isSyncState(key: StorageKey): boolean {
  return key[1] === "sync-state";
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => statSync(join(dir, name)).isDirectory());
  } catch {
    return [];
  }
}

