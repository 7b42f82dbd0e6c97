// Vectors for work parties: an activity's place and start, members' answers
// (listing.attend), attendance paid from the group account by one
// exchange.event that names the activity, and a thank-you grant.
import { balance, exchange, invalid, listing, valid } from "./checks.ts";
import type { CaseList } from "./case.ts";
import { hexBytes, Scene } from "./scene.ts";

const litterPick = { type: "activity" as const, title: "Litter pick", category: "Litter picking", place: "St Nicholas Park gate", startsDay: 20_500, startsMinute: 600 };

export function workPartyCases(list: CaseList): void {
  list.add("activity-answers", "§6 listing.attend, §7.6 listings", "Members say whether they will come; an account's latest answer counts; attending lists those coming, sorted", async () => {
    const s = await Scene.create();
    const pick = await s.write("ann", "listing.create", litterPick, { head: true });
    const bobYes = await s.write("bob", "listing.attend", { listing: hexBytes(pick.id), coming: true }, { deps: [pick.id] });
    const catYes = await s.write("cat", "listing.attend", { listing: hexBytes(pick.id), coming: true }, { deps: [pick.id] });
    const catNo = await s.write("cat", "listing.attend", { listing: hexBytes(pick.id), coming: false }, { deps: [pick.id] });
    const annYes = await s.write("ann", "listing.attend", { listing: hexBytes(pick.id), coming: true });
    const attending = [s.key("ann"), s.key("bob")].sort();
    return {
      envelopes: s.envelopes(),
      checks: [
        valid(pick.id, bobYes.id, catYes.id, catNo.id, annYes.id),
        listing(pick.id, { place: "St Nicholas Park gate", startsDay: 20_500, startsMinute: 600, attending, open: true }),
      ],
    };
  });

  list.add("activity-answer-not-activity", "§6 listing.attend", "Only an activity can be attended; the listing must be among the deps", async () => {
    const s = await Scene.create();
    const offer = await s.write("bob", "listing.create", { type: "offer", title: "Bike repair", category: "Repairs" });
    const toOffer = await s.write("cat", "listing.attend", { listing: hexBytes(offer.id), coming: true }, { deps: [offer.id] });
    const pick = await s.write("ann", "listing.create", litterPick);
    const notInDeps = await s.write("bob", "listing.attend", { listing: hexBytes(pick.id), coming: true });
    return {
      envelopes: s.envelopes(),
      checks: [
        invalid(toOffer.id, "only an activity can be attended"),
        invalid(notInDeps.id, "must name the listing among its deps"),
        listing(pick.id, { attending: [] }),
        listing(offer.id, { attending: undefined }),
      ],
    };
  });

  list.add("activity-update-place", "§6 listing.update", "An update moves an activity's place and start", async () => {
    const s = await Scene.create();
    const pick = await s.write("ann", "listing.create", litterPick);
    const moved = await s.write("ann", "listing.update", { listing: hexBytes(pick.id), place: "Canal towpath", startsMinute: 570 });
    return { envelopes: s.envelopes(), checks: [valid(moved.id), listing(pick.id, { place: "Canal towpath", startsDay: 20_500, startsMinute: 570 })] };
  });

  list.add("activity-starts-minute-1440", "§3.3 limits", "startsMinute is 0 to 1,439", async () => {
    const s = await Scene.create();
    const bad = await s.unchecked("ann", "listing.create", { ...litterPick, startsMinute: 1440 });
    return { envelopes: s.envelopes(), checks: [invalid(bad, "startsMinute must be a whole number from 0 to 1439")] };
  });

  list.add("event-paid-by-group", "§6 exchange.event, grant", "Attendance paid from the group account in one event naming the activity, and a thank-you grant", async () => {
    const s = await Scene.create();
    const pick = await s.write("ann", "listing.create", litterPick, { head: true });
    const paid = await s.write(
      "ann",
      "exchange.event",
      {
        payers: [{ account: s.account("group"), minutes: 300 }],
        payees: [{ account: s.account("bob"), minutes: 120 }, { account: s.account("cat"), minutes: 180 }],
        description: "Litter pick at St Nicholas Park",
        category: "Litter picking",
        listing: hexBytes(pick.id),
      },
    );
    const thanks = await s.write("ann", "grant", { to: s.account("cat"), minutes: 30, reason: "Thank you for leading the pick" });
    return {
      envelopes: s.envelopes(),
      checks: [valid(paid.id, thanks.id), exchange(paid.id, "complete"), balance(s.key("group"), -330), balance(s.key("bob"), 120), balance(s.key("cat"), 210)],
    };
  });

  list.add("event-listing-not-in-deps", "§6 exchange.event", "An event naming a listing must have it among its deps", async () => {
    const s = await Scene.create();
    const pick = await s.write("bob", "listing.create", litterPick);
    const paid = await s.write("ann", "exchange.event", {
      payers: [{ account: s.account("group"), minutes: 60 }],
      payees: [{ account: s.account("bob"), minutes: 60 }],
      description: "Litter pick",
      listing: hexBytes(pick.id),
    });
    return { envelopes: s.envelopes(), checks: [invalid(paid.id, "must name its listing among its deps"), balance(s.key("bob"), 0)] };
  });
}
