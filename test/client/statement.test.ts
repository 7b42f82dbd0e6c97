// A statement and exchanges.csv from a demo group judged by the real core
// (gifts, grants, bonuses, events, proxies, declines and corrections): each
// member's running balance ends at their balance whatever order the ledger
// lists its exchanges in; every CSV row has a giver and a receiver.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { generateDemo, Ledger, type LedgerView } from "@tally/core";
import type { GroupReplica } from "@tally/documents";
import { statementLines } from "../../client/src/app/statement-lines.ts";
import { EXCHANGES_CSV_HEADER, exchangeRows } from "../../client/src/app/exchanges-csv.ts";

let ledger: Ledger;
let view: LedgerView;
let groupHex: string;
let members: string[];

beforeAll(async () => {
  const records = await generateDemo({ members: 12, records: 300, seed: 21 });
  ledger = await Ledger.derive(records.map((r) => r.envelope));
  view = ledger.view();
  groupHex = Object.keys(view.groups)[0] as string;
  members = Object.keys(view.accounts).sort();
  // The demo has every kind of line a statement shows.
  const kinds = new Set(view.exchanges.map((e) => (e.status === "corrected" ? "corrected" : e.kind)));
  expect([...kinds].sort()).toEqual(["corrected", "donation", "exchange.event", "exchange.propose", "grant", "member.approve"]);
});

describe("a member's statement", () => {
  it("is in date order and its running balance ends at the account's balance, for every account", () => {
    for (const account of members) {
      const lines = statementLines(view, account);
      const times = lines.map((l) => l.exchange.timeMs);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(lines.at(-1)?.balanceAfterMinutes ?? 0).toBe(view.accounts[account]?.balanceMinutes);
      for (const line of lines) expect(line.movedMinutes).toBe(line.exchange.status === "corrected" ? 0 : line.ownMinutes);
    }
  });

  it("does not depend on the order the exchanges are listed in", () => {
    const reference = new Map(members.map((a) => [a, statementLines(view, a).map((l) => [l.exchange.id, l.balanceAfterMinutes])]));
    fc.assert(
      fc.property(fc.shuffledSubarray(view.exchanges, { minLength: view.exchanges.length }), (shuffled) => {
        const reordered = { ...view, exchanges: shuffled };
        for (const account of members) expect(statementLines(reordered, account).map((l) => [l.exchange.id, l.balanceAfterMinutes])).toEqual(reference.get(account));
      }),
      { numRuns: 200 },
    );
  });
});

describe("exchanges.csv", () => {
  it("has one row per payee of every movement, each with a date, giver, receiver, hours and status", () => {
    // The replica's ledger is all exchangeRows reads from it (the words of gifts and grants).
    const rows = exchangeRows(view, { ledger } as unknown as GroupReplica, groupHex, (id) => view.accounts[id]?.name || id);
    expect(rows[0]).toEqual([...EXCHANGES_CSV_HEADER]);
    const payees = view.exchanges.reduce((sum, e) => sum + (e.payer !== null ? e.legs.length : e.deltas.filter((d) => d.minutes > 0).length), 0);
    expect(rows.length - 1).toBe(payees);
    for (const [date, giver, receiver, hours, minutes, , , status, kind] of rows.slice(1)) {
      expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(giver, `giver of a ${kind}`).not.toBe("");
      expect(receiver).not.toBe("");
      expect(hours).toBe(Math.round(((minutes as number) * 100) / 60) / 100);
      expect(["waiting", "declined", "partial", "complete", "corrected"]).toContain(status);
    }
    const gifts = rows.filter((r) => r[8] === "donation");
    expect(gifts.length).toBeGreaterThan(0);
    const grants = rows.filter((r) => r[8] === "grant");
    expect(grants.every((r) => r[5] === "Float for member discounts")).toBe(true); // a grant's reason is what was done
  });
});
