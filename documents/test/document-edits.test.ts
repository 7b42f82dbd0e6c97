// The coordinators' view of the relay's edit report: names, newest first, in words.
import { describe, expect, it } from "vitest";
import type { LedgerView } from "@tally/core";
import { describeEdits, type DocumentEdit } from "../src/document-edits.ts";

const edit = (over: Partial<DocumentEdit>): DocumentEdit => ({
  atMs: 1_000,
  deviceHex: "d1",
  account: "g:m1",
  document: 1,
  deletions: 0,
  rewrites: 0,
  reshapes: 0,
  floodBytes: 0,
  keys: [],
  ...over,
});

describe("describeEdits", () => {
  it("names the member, puts the newest first and says what was done where", () => {
    const view = { accounts: { "g:m1": { name: "Mallory" } } } as unknown as LedgerView;
    const rows = describeEdits(
      [edit({ atMs: 1_000, deletions: 2 }), edit({ atMs: 5_000, account: "g:m2ffffffffff", document: 0, reshapes: 1, floodBytes: 9 * 1024 * 1024 })],
      view,
    );
    expect(rows.map(({ edit: _, ...row }) => row)).toEqual([
      { atMs: 5_000, account: "g:m2ffffffffff", memberName: "unknown member m2ffffff", what: "replaced 1 of its maps, sent 9 MB within an hour in the group's index" },
      { atMs: 1_000, account: "g:m1", memberName: "Mallory", what: "deleted 2 entries in record volume 1" },
    ]);
    expect(rows.map((row) => row.edit.atMs)).toEqual([5_000, 1_000]); // each row carries its entry, for a screen to word

  });
});
