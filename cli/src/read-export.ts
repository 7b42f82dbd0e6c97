// Reading export files safely: every way a file can be wrong becomes a
// CliError with one line naming the file, never a stack trace.
import * as fs from "node:fs";
import { ExportFileError, fromExportFile } from "@tally/core";
import { CliError, oneLine } from "./errors.ts";

/** The largest export file the CLI reads; checked with stat before reading anything. */
export const MAX_EXPORT_FILE_BYTES = 512 * 1024 * 1024;

function formatBytes(bytes: number): string {
  const units: [number, string][] = [[1024 ** 3, "GiB"], [1024 ** 2, "MiB"], [1024, "KiB"]];
  for (const [size, unit] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}

const tooLarge = (path: string, bytes: number) =>
  new CliError(`${path}: the file is ${formatBytes(bytes)}, larger than the ${formatBytes(MAX_EXPORT_FILE_BYTES)} limit for an export file`);

/** Describes a file system error in words, without the errno noise. */
export function fsProblem(path: string, error: unknown): CliError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case "ENOENT":
      return new CliError(`${path}: no such file`);
    case "ENOTDIR":
      return new CliError(`${path}: no such file (a part of the path is not a directory)`);
    case "EISDIR":
      return new CliError(`${path}: is a directory, not an export file`);
    case "EACCES":
    case "EPERM":
      return new CliError(`${path}: permission denied`);
    case "ENAMETOOLONG":
      return new CliError(`${path}: the file name is too long`);
    case "ELOOP":
      return new CliError(`${path}: too many levels of symbolic links`);
    case "EMFILE":
    case "ENFILE":
      return new CliError(`${path}: too many open files`);
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return new CliError(`${path}: cannot read the file (${oneLine(message)})`);
    }
  }
}

/** Reads one export file: its envelopes, or a CliError saying what is wrong with it. */
export function readExport(path: string): Uint8Array[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch (error) {
    throw fsProblem(path, error);
  }
  if (stat.isDirectory()) throw new CliError(`${path}: is a directory, not an export file`);
  // A FIFO or device would block or have no size to check; exports are plain files.
  if (!stat.isFile()) throw new CliError(`${path}: is not a regular file`);
  if (stat.size > MAX_EXPORT_FILE_BYTES) throw tooLarge(path, stat.size);

  let buffer: Buffer;
  let fd: number | undefined;
  try {
    fd = fs.openSync(path, "r");
    // Check again on the open file, in case it was swapped after the stat.
    const opened = fs.fstatSync(fd);
    if (!opened.isFile()) throw new CliError(`${path}: is not a regular file`);
    if (opened.size > MAX_EXPORT_FILE_BYTES) throw tooLarge(path, opened.size);
    buffer = fs.readFileSync(fd);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw fsProblem(path, error);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  if (buffer.length > MAX_EXPORT_FILE_BYTES) throw tooLarge(path, buffer.length); // it grew while we read

  let text: string;
  try {
    text = buffer.toString("utf8");
  } catch {
    // A string this long is past what V8 can hold (just under 512 MiB).
    throw tooLarge(path, buffer.length);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte-order mark some editors add

  try {
    return fromExportFile(text);
  } catch (error) {
    if (error instanceof ExportFileError) throw new CliError(`${path}: ${oneLine(error.message)}`);
    if (error instanceof RangeError) throw new CliError(`${path}: the file is too large to read (${oneLine(error.message)})`);
    throw error;
  }
}

/** Reads several export files and merges their envelopes (a union: the core drops duplicates). */
export function readExports(paths: readonly string[]): Uint8Array[] {
  const envelopes: Uint8Array[] = [];
  for (const path of paths) {
    for (const envelope of readExport(path)) envelopes.push(envelope);
  }
  return envelopes;
}
