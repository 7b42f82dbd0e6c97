// The activity list's derivation (client/src/activity/activity.ts) from a real
// derived ledger: what each member is shown, and what they are not.
import { beforeAll, describe, expect, it } from "vitest";
import { DeviceAuthor, Ledger } from "@tally/core";
import { deriveActivity, type ActivityItem } from "../../client/src/activity/activity.ts";
import { accountsOfDevices, recordFacts } from "../../client/src/activity/record-facts.ts";
import { hex, signer, smallGroup, type Person } from "../../core/test/support.ts";

const DAY_MS = 86_400_000;
let ledger: Ledger;
let groupHex: string;
let ann: Person, bob: Person, cat: Person;
const ids: Record<string, string> = {};

/**
 * Ann founded the group; Bob and Cat joined with a 1 h bonus (day 1). On day
 * 2 Cat recorded that Bob helped her (1 h, "Lift") and Bob confirmed; on day 3
 * Ann reversed it. On day 4 Bob recorded that Ann helped him (30 min, "Bike")
 * and Ann said it was not right; Ann recorded that Bob helped her (2 h,
 * "Weeding"), which waits for Bob. Dan asks to join.
 */
beforeAll(async () => {
  const g = await smallGroup(["ann", "bob", "cat"], { bonus: 60 });
  [ann, bob, cat] = g.people as [Person, Person, Person];
  groupHex = g.groupHex;
  const on = (day: number) => ({ timeMs: day * DAY_MS });
  const seen = g.head();
  const lift = await cat.author.write("exchange.propose", { payer: cat.account, payees: [{ account: bob.account, minutes: 60 }], description: "Lift" }, { deps: [seen], ...on(2) });
  const liftOk = await bob.author.write("exchange.confirm", { proposal: hex(lift.id) }, { deps: [lift.id, seen], ...on(2) });
  const undo = await ann.author.write("correction", { target: hex(lift.id), reason: "Recorded twice" }, { deps: [lift.id, liftOk.id], ...on(3) });
  const bike = await bob.author.write("exchange.propose", { payer: bob.account, payees: [{ account: ann.account, minutes: 30 }], description: "Bike" }, on(4));
  const bikeNo = await ann.author.write("exchange.decline", { proposal: hex(bike.id), reason: "It was a favour" }, { deps: [bike.id], ...on(4) });
  const weeding = await ann.author.write("exchange.propose", { payer: ann.account, payees: [{ account: bob.account, minutes: 120 }], description: "Weeding" }, on(4));
  const dan = await DeviceAuthor.certified(await signer("dan/member"), await signer("dan/device"), hex(groupHex));
  const danJoin = await dan.author.write("member.join", { name: "dan", memberKind: "person", note: "From the allotments" }, { deps: [seen], ...on(5) });
  Object.assign(ids, { lift: lift.id, undo: undo.id, bike: bike.id, weeding: weeding.id, danJoin: danJoin.id });
  ledger = await Ledger.derive([...g.records, lift, liftOk, undo, bike, bikeNo, weeding, dan.record, danJoin].map((r) => r.envelope));
  expect(ledger.view().invalid).toEqual([]);
  expect(ledger.view().pending).toEqual([]);
});

function activityOf(person: Person, sinceMs = 0): ActivityItem[] {
  const devices = accountsOfDevices({ ledger }, groupHex);
  const holder = { ledger };
  return deriveActivity({ view: ledger.view(), groupHex, me: person.key, recordOf: (id) => recordFacts(holder, id), accountOfDevice: (d) => devices.get(d) ?? null, sinceMs });
}

describe("a member's activity", () => {
  it("shows Bob what waits for him, his approval, and the reversal of an exchange of his, newest first", () => {
    expect(activityOf(bob)).toEqual([
      { id: `confirm:${ids.weeding}`, kind: "confirm", action: true, timeMs: 4 * DAY_MS, who: "ann", minutes: 120, description: "Weeding" },
      { id: `declined:${ids.bike}`, kind: "declined", action: false, timeMs: 4 * DAY_MS, who: "ann", minutes: 30, description: "Bike" },
      { id: `corrected:${ids.undo}`, kind: "corrected", action: false, timeMs: 3 * DAY_MS, who: "ann", minutes: 60, reason: "Recorded twice", description: "Lift" },
      expect.objectContaining({ kind: "approved", action: false, minutes: 60 }),
    ]);
  });

  it("tells the proposer of an answer, never the one who answered", () => {
    expect(activityOf(cat).map((i) => [i.kind, i.who, i.minutes])).toEqual([
      ["corrected", "ann", -60],
      ["approved", "", 60],
    ]);
    expect(activityOf(ann).some((i) => i.kind === "declined" || i.kind === "confirm")).toBe(false);
  });

  it("shows join requests to coordinators only, and no approval to the founder", () => {
    expect(activityOf(ann)).toEqual([{ id: `join:${ids.danJoin}`, kind: "join", action: true, timeMs: 5 * DAY_MS, who: "dan", description: "From the allotments" }]);
    expect(activityOf(bob).some((i) => i.kind === "join")).toBe(false);
  });

  it("leaves out news older than the window, but never something to do", () => {
    expect(activityOf(bob, 4 * DAY_MS).map((i) => i.kind)).toEqual(["confirm", "declined", "approved"]);
    expect(activityOf(bob, 5 * DAY_MS).map((i) => i.kind)).toEqual(["confirm", "approved"]);
  });
});
