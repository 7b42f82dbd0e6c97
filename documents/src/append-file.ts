// Appends to one open file, in call order, with group commit: appends that
// arrive while a write and fsync are running go out together in the next
// one, so a relay taking many records at once pays one fsync for them, not
// one each. Writes and fsyncs run on libuv's thread pool, off the event loop.
import { fsync, write } from "node:fs";
import { promisify } from "node:util";

const writeAsync = promisify(write);
const fsyncAsync = promisify(fsync);

interface Batch {
  chunks: Buffer[];
  sync: boolean;
  done: Promise<void>;
  settle(error?: unknown): void;
}

export class AppendFile {
  #open: Batch | null = null;
  #running: Promise<void> = Promise.resolve();

  constructor(readonly fd: number) {}

  /** Resolves once these bytes and all appended before them are written, and fsynced if `sync`. */
  append(bytes: Buffer, options: { sync: boolean }): Promise<void> {
    const batch = this.#open ?? this.#startBatch();
    batch.chunks.push(bytes);
    batch.sync ||= options.sync;
    return batch.done;
  }

  /** Resolves once every append so far has settled. */
  async idle(): Promise<void> {
    await this.#running.catch(() => {});
  }

  #startBatch(): Batch {
    let settle!: (error?: unknown) => void;
    const done = new Promise<void>((resolve, reject) => (settle = (error) => (error === undefined ? resolve() : reject(error))));
    const batch: Batch = { chunks: [], sync: false, done, settle };
    this.#open = batch;
    this.#running = this.#running.then(() => this.#flush(batch));
    return batch;
  }

  async #flush(batch: Batch): Promise<void> {
    if (this.#open === batch) this.#open = null; // later appends start the next batch
    const bytes = Buffer.concat(batch.chunks);
    try {
      for (let at = 0; at < bytes.length; ) at += (await writeAsync(this.fd, bytes, at, bytes.length - at)).bytesWritten;
      if (batch.sync) await fsyncAsync(this.fd);
      batch.settle();
    } catch (error) {
      batch.settle(error ?? new Error("append failed"));
    }
  }
}
