// A relay process's memory, read from outside (/proc), since /health no
// longer tells anyone: resident now, and the peak since it started.
import { readFileSync } from "node:fs";

function statusMb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${field}:`));
  return Math.round(Number(line?.match(/(\d+)/)?.[1] ?? 0) / 1024);
}

export const rssMb = (pid: number): number => statusMb(pid, "VmRSS");
export const peakRssMb = (pid: number): number => statusMb(pid, "VmHWM");
