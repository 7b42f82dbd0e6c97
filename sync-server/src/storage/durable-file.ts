// A file replaced whole or not at all, and still there after a crash: written
// to a temporary file, fsynced, renamed, and the directory fsynced. fsync runs
// on libuv's thread pool, so the event loop never waits on the disk.
import { open, rename } from "node:fs/promises";
import { dirname } from "node:path";

/** `temporary` must be unique to this write when two writes of one path may overlap. */
export async function writeDurably(path: string, data: string | Uint8Array, temporary = `${path}.tmp`): Promise<void> {
  const file = await open(temporary, "w");
  try {
    await file.writeFile(data);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
  const dir = await open(dirname(path), "r");
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
