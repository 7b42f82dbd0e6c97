// The social CV (client/src/profile/social-cv.ts): hours of help given and
// received, by category and by organisation, from a real derived ledger.
import { beforeAll, describe, expect, it } from "vitest";
import { deriveLedger, generateDemo, hexToBytes, type LedgerView } from "@tally/core";
import { socialCv } from "../../client/src/profile/social-cv.ts";
import { hex, smallGroup, type Person } from "../../core/test/support.ts";

const HOUR_MS = 3_600_000;
let view: LedgerView;
let bob: Person;
let ann: Person;
let foodBank: string;
let groupAccount: string;

/**
 * Bob helps Ann with gardening (2 h), helps the Food Bank (an organisation
 * kept by Ann, a coordinator) on his "Lifts" listing (1 h), is helped by Ann
 * (30 min, no category), and joins a litter pick paid by the group (1 h).
 * He also gives Ann 15 minutes of credit; one more exchange is corrected and
 * another never confirmed.
 */
beforeAll(async () => {
  const g = await smallGroup(["ann", "bob"]);
  [ann, bob] = g.people as [Person, Person];
  groupAccount = g.groupKey;
  let time = 0;
  const at = () => ({ timeMs: (time += HOUR_MS) });
  const seen = g.head();
  const org = await ann.author.write("member.proxy", { name: "Food Bank", memberKind: "organisation" }, { deps: [seen], ...at() });
  foodBank = `${g.groupHex}:${org.id}`;
  const listing = await bob.author.write("listing.create", { type: "offer", title: "Lifts to town", category: "Lifts" }, { deps: [org.id], ...at() });

  const gardening = await ann.author.write("exchange.propose", { payer: ann.account, payees: [{ account: bob.account, minutes: 120 }], description: "Weeding", category: "Gardening" }, at());
  const gardeningOk = await bob.author.write("exchange.confirm", { proposal: hex(gardening.id) }, { deps: [gardening.id], ...at() });
  const lift = await ann.author.write("exchange.propose", { payer: hexToBytes(org.id), payees: [{ account: bob.account, minutes: 60 }], description: "Van to the depot", listing: hex(listing.id) }, { deps: [listing.id], ...at() });
  const liftOk = await bob.author.write("exchange.confirm", { proposal: hex(lift.id) }, { deps: [lift.id], ...at() });
  const help = await bob.author.write("exchange.propose", { payer: bob.account, payees: [{ account: ann.account, minutes: 30 }], description: "Fixed my bike" }, at());
  const helpOk = await ann.author.write("exchange.confirm", { proposal: hex(help.id) }, { deps: [help.id], ...at() });
  const litter = await ann.author.write(
    "exchange.event",
    { payers: [{ account: new Uint8Array(), minutes: 120 }], payees: [{ account: bob.account, minutes: 60 }, { account: ann.account, minutes: 60 }], description: "Park litter pick", category: "Litter picking" },
    at(),
  );
  const gift = await bob.author.write("donation", { to: ann.account, minutes: 15 }, { deps: [litter.id], ...at() });
  const twice = await ann.author.write("exchange.propose", { payer: ann.account, payees: [{ account: bob.account, minutes: 45 }], description: "Weeding", category: "Gardening" }, at());
  const twiceOk = await bob.author.write("exchange.confirm", { proposal: hex(twice.id) }, { deps: [twice.id], ...at() });
  const undo = await ann.author.write("correction", { target: hex(twice.id), reason: "Recorded twice" }, { deps: [twiceOk.id], ...at() });
  const unconfirmed = await ann.author.write("exchange.propose", { payer: ann.account, payees: [{ account: bob.account, minutes: 180 }], description: "Painting" }, at());
  const records = [...g.records, org, listing, gardening, gardeningOk, lift, liftOk, help, helpOk, litter, gift, twice, twiceOk, undo, unconfirmed];
  view = await deriveLedger(records.map((r) => r.envelope));
  expect(view.invalid).toEqual([]);
  expect(view.pending).toEqual([]);
});

describe("the social CV", () => {
  it("counts the help Bob gave and received, by category (the exchange's, else its listing's, else Other)", () => {
    const cv = socialCv(view, bob.key);
    expect(cv.givenMinutes).toBe(120 + 60 + 60);
    expect(cv.receivedMinutes).toBe(30);
    expect(cv.byCategory).toEqual([
      { key: "Gardening", givenMinutes: 120, receivedMinutes: 0 },
      { key: "Lifts", givenMinutes: 60, receivedMinutes: 0 },
      { key: "Litter picking", givenMinutes: 60, receivedMinutes: 0 },
      { key: null, givenMinutes: 0, receivedMinutes: 30 },
    ]);
  });

  it("names organisations (and the group) and sums everyone else as individuals, last", () => {
    const cv = socialCv(view, bob.key);
    expect(cv.byOrganisation.slice(0, 2).map((r) => r.key).sort()).toEqual([foodBank, groupAccount].sort());
    expect(cv.byOrganisation).toContainEqual({ key: foodBank, givenMinutes: 60, receivedMinutes: 0 });
    expect(cv.byOrganisation).toContainEqual({ key: groupAccount, givenMinutes: 60, receivedMinutes: 0 });
    expect(cv.byOrganisation.at(-1)).toEqual({ key: null, givenMinutes: 120, receivedMinutes: 30 });
  });

  it("lists every movement of the balance, newest first, with who and what; a corrected or unconfirmed exchange is not there", () => {
    const cv = socialCv(view, bob.key);
    expect(cv.history.map((m) => [m.kind, m.minutes, m.description])).toEqual([
      ["donation", -15, undefined],
      ["exchange.event", 60, "Park litter pick"],
      ["exchange.propose", -30, "Fixed my bike"],
      ["exchange.propose", 60, "Van to the depot"],
      ["exchange.propose", 120, "Weeding"],
    ]);
    expect(cv.history[0]!.counterparties).toEqual([ann.key]);
    expect(cv.history[1]!.counterparties).toEqual([groupAccount]);
    expect(cv.history.reduce((sum, m) => sum + m.minutes, 0)).toBe(view.accounts[bob.key]!.balanceMinutes);
  });

  it("counts the same help from the other side: Ann received Bob's gardening and gave him the bike repair", () => {
    const cv = socialCv(view, ann.key);
    expect(cv.byCategory).toEqual([
      { key: "Gardening", givenMinutes: 0, receivedMinutes: 120 },
      { key: "Litter picking", givenMinutes: 60, receivedMinutes: 0 },
      { key: null, givenMinutes: 30, receivedMinutes: 0 },
    ]);
  });

  it("in a demo group, for every account: the history adds up to the balance, and both tables add up to the totals", async () => {
    const demo = await deriveLedger((await generateDemo({ members: 15, records: 200, seed: 5 })).map((r) => r.envelope));
    const sum = (rows: { givenMinutes: number; receivedMinutes: number }[]) => [rows.reduce((s, r) => s + r.givenMinutes, 0), rows.reduce((s, r) => s + r.receivedMinutes, 0)];
    for (const [id, account] of Object.entries(demo.accounts)) {
      const cv = socialCv(demo, id);
      expect(cv.history.reduce((s, m) => s + m.minutes, 0)).toBe(account.balanceMinutes);
      expect(sum(cv.byCategory)).toEqual([cv.givenMinutes, cv.receivedMinutes]);
      expect(sum(cv.byOrganisation)).toEqual([cv.givenMinutes, cv.receivedMinutes]);
    }
  });
});
