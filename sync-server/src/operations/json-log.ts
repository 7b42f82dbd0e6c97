// The relay's log as JSON lines on stdout, one object a line with its time,
// level and message, for an operator's log collector. What is written: keys'
// short prefixes and counts, never a member's name or a record's content; an
// IP address only on lines about refused traffic (rate limits and abuse need it).
// A closed stdout (the parent that read it died) drops lines: writing one must
// never raise an error that is itself logged, which once spun a relay at 20% CPU.
export type Level = "info" | "warn" | "error";

let broken = false;

/** Errors on stdout/stderr (EPIPE once the reader is gone) stop the writing instead of reaching the last-resort handler. */
export function guardStandardStreams(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", () => {
      broken = true;
    });
  }
}

// The relay's lines name what happened first; refusals and failures get their level from it.
const LEVEL_BY_START: ReadonlyArray<[string, Level]> = [
  ["error", "error"],
  ["last-resort", "error"],
  ["rejected frame", "warn"],
  ["refused connection", "warn"],
];

export function levelOf(message: string): Level {
  return LEVEL_BY_START.find(([start]) => message.startsWith(start))?.[1] ?? "info";
}

export function jsonLine(level: Level, message: string, timeMs: number): string {
  return `${JSON.stringify({ time: new Date(timeMs).toISOString(), level, msg: message })}\n`;
}

export function logLine(message: string, level: Level = levelOf(message)): void {
  if (broken || process.stdout.destroyed || !process.stdout.writable) return;
  process.stdout.write(jsonLine(level, message, Date.now()));
}
