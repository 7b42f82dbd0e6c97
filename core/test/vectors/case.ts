// One conformance vector as the generator defines it: an id, the part of
// PROTOCOL.md it covers, a title, and how to build its records together with
// the checks its expected ledger must pass.
import type { Check } from "./checks.ts";

export interface Built {
  envelopes: Uint8Array[];
  checks: Check[];
}

export interface VectorCase {
  id: string;
  /** Sections of docs/PROTOCOL.md (and review classes) the vector covers, e.g. "§6 member.approve". */
  covers: string;
  title: string;
  build: () => Promise<Built>;
}

export class CaseList {
  readonly cases: VectorCase[] = [];

  add(id: string, covers: string, title: string, build: () => Promise<Built>): void {
    if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`vector id ${id} must be lowercase words joined by dashes`);
    if (this.cases.some((c) => c.id === id)) throw new Error(`two vectors named ${id}`);
    this.cases.push({ id, covers, title, build });
  }
}
