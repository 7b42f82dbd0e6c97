// The process's open-file limit (what `ulimit -n` shows): every connection
// holds a file descriptor, and running out of them mid-accept stopped a relay.
import { readFileSync } from "node:fs";

const FALLBACK = 1024;

/** The soft limit on open files, from /proc on Linux; a cautious 1,024 elsewhere. */
export function openFileLimit(): number {
  try {
    const line = readFileSync("/proc/self/limits", "utf8")
      .split("\n")
      .find((l) => l.startsWith("Max open files"));
    const soft = line?.split(/\s{2,}/)[1];
    if (soft === "unlimited") return Number.MAX_SAFE_INTEGER;
    const value = Number(soft);
    return Number.isInteger(value) && value > 0 ? value : FALLBACK;
  } catch {
    return FALLBACK;
  }
}
