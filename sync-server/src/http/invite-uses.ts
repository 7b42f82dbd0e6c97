// Join requests accepted through each invite, kept in DATA_DIR so a restart
// (or a crash someone provoked) does not hand every invite a fresh allowance.
// Invites are known by group and nonce; an expired invite's count is dropped.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { bytesToHex, type Invite } from "@tally/core";
import { writeDurably } from "../storage/durable-file.ts";

interface Use {
  count: number;
  expiresMs: number;
}

export class InviteUses {
  readonly #uses = new Map<string, Use>();
  readonly #file: string;
  #writing: Promise<void> = Promise.resolve();

  constructor(dataDir: string) {
    this.#file = join(dataDir, "invite-uses.json");
    let stored: Record<string, Use> = {};
    try {
      if (existsSync(this.#file)) stored = JSON.parse(readFileSync(this.#file, "utf8")) as Record<string, Use>;
    } catch {
      stored = {}; // written atomically, so only a hand-edited file gets here
    }
    for (const [key, use] of Object.entries(stored)) {
      if (Number.isSafeInteger(use?.count) && Number.isSafeInteger(use?.expiresMs)) this.#uses.set(key, { count: use.count, expiresMs: use.expiresMs });
    }
  }

  /** Takes one use of the invite if fewer than `limit` were taken; give it back with `release` if the join fails. */
  reserve(invite: Invite, limit: number): boolean {
    const key = keyOf(invite);
    const use = this.#uses.get(key) ?? { count: 0, expiresMs: invite.expiresMs };
    if (use.count >= limit) return false;
    use.count += 1;
    this.#uses.set(key, use);
    return true;
  }

  release(invite: Invite): void {
    const use = this.#uses.get(keyOf(invite));
    if (use) use.count = Math.max(0, use.count - 1);
  }

  /** Writes the counts to disk (atomically: a reader sees the old file or the new one). */
  persist(nowMs: number): Promise<void> {
    for (const [key, use] of this.#uses) if (use.expiresMs < nowMs) this.#uses.delete(key);
    const text = JSON.stringify(Object.fromEntries(this.#uses));
    this.#writing = this.#writing.then(() => writeDurably(this.#file, text));
    return this.#writing;
  }
}

function keyOf(invite: Invite): string {
  return `${bytesToHex(invite.group)}:${bytesToHex(invite.nonce)}`;
}
