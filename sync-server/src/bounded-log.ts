// The relay's log, bounded: each kind of line (a refused frame, a connection,
// a refused upgrade) is written at most `perMinute` times a minute (counted
// in windows of ten seconds); the rest are counted and reported in one
// summary line per kind and window. A fuzz run once
// wrote 52 MB of log; a flood now costs a few lines a minute.
const WINDOWS_PER_MINUTE = 6;

export class BoundedLog {
  readonly #shown = new Map<string, number>();
  readonly #hidden = new Map<string, number>();
  readonly #timer: ReturnType<typeof setInterval>;

  constructor(
    readonly write: (line: string) => void,
    readonly perMinute: number,
  ) {
    this.#timer = setInterval(() => this.flush(), 60_000 / WINDOWS_PER_MINUTE);
    this.#timer.unref();
  }

  line(kind: string, text: string): void {
    const shown = this.#shown.get(kind) ?? 0;
    if (shown < Math.ceil(this.perMinute / WINDOWS_PER_MINUTE)) {
      this.#shown.set(kind, shown + 1);
      this.write(`${kind} ${text}`);
    } else {
      this.#hidden.set(kind, (this.#hidden.get(kind) ?? 0) + 1);
    }
  }

  /** Writes the summaries and starts a new window. */
  flush(): void {
    for (const [kind, count] of this.#hidden) this.write(`${kind}: ${count} more not shown`);
    this.#hidden.clear();
    this.#shown.clear();
  }

  close(): void {
    clearInterval(this.#timer);
    this.flush();
  }
}
