// Vectors for §6 and §7.1 activity: profiles, listings, exchanges, events,
// donations, grants and corrections.
import { account, balance, exchange, invalid, listing, valid } from "./checks.ts";
import type { CaseList } from "./case.ts";
import { hexBytes, Scene } from "./scene.ts";

const offer = { type: "offer" as const, title: "Bike repair", category: "repair" };

export function activityCases(list: CaseList): void {
  list.add("profile-own", "§6 member.profile", "A member's own profile; the latest replaces the earlier whole (absent fields are empty)", async () => {
    const s = await Scene.create();
    const first = await s.write("bob", "member.profile", { account: s.account("bob"), skills: "Gardening", bio: "Retired", contact: "07700 900123" });
    const second = await s.write("bob", "member.profile", { account: s.account("bob"), skills: "Lifts" });
    return { envelopes: s.envelopes(), checks: [valid(first.id, second.id), account(s.key("bob"), { profile: { skills: "Lifts", bio: "", contact: "" } })] };
  });

  list.add("profile-of-other-member", "§6 member.profile", "A coordinator may not write another (non-proxy) member's profile; a member may not write anyone else's", async () => {
    const s = await Scene.create();
    const byAnn = await s.write("ann", "member.profile", { account: s.account("bob"), skills: "None" });
    const byCat = await s.write("cat", "member.profile", { account: s.account("bob"), skills: "None" });
    return {
      envelopes: s.envelopes(),
      checks: [
        invalid(byAnn.id, "a coordinator may only write the profile of a proxy member, not of another member"),
        invalid(byCat.id, "a member may only write their own profile (a coordinator may write a proxy member's)"),
      ],
    };
  });

  list.add("profile-of-proxy", "§6 member.profile", "A coordinator writes a proxy member's profile", async () => {
    const s = await Scene.create();
    const proxy = await s.write("ann", "member.proxy", { name: "Edna", memberKind: "person" }, { head: true });
    const profile = await s.write("ann", "member.profile", { account: hexBytes(proxy.id), bio: "Knits" });
    return { envelopes: s.envelopes(), checks: [valid(profile.id), account(`${s.groupHex}:${proxy.id}`, { profile: { skills: "", bio: "Knits", contact: "" } })] };
  });

  list.add("profile-group-account", "§6 member.profile", "The group account has no profile", async () => {
    const s = await Scene.create();
    const profile = await s.write("ann", "member.profile", { account: new Uint8Array(), bio: "The bank" });
    return { envelopes: s.envelopes(), checks: [invalid(profile.id, "the group account has no profile")] };
  });

  list.add("profile-too-long", "§3.3 limits", "A profile bio over 500 UTF-16 code units is refused", async () => {
    const s = await Scene.create();
    const bad = await s.unchecked("bob", "member.profile", { account: s.account("bob"), bio: "x".repeat(501) });
    return { envelopes: s.envelopes(), checks: [invalid(bad, "bio is longer than 500 characters")] };
  });

  list.add("listing-create-update-close", "§6 listing.create, listing.update, listing.close", "A listing's fields are its creation then its updates in §5.3 order; a close closes it", async () => {
    const s = await Scene.create();
    const create = await s.write("bob", "listing.create", { ...offer, description: "Punctures", expiresDay: 20_500 });
    const update = await s.write("bob", "listing.update", { listing: hexBytes(create.id), title: "Bike and pram repair", expiresDay: 20_600 }, { deps: [create.id] });
    const close = await s.write("bob", "listing.close", { listing: hexBytes(create.id), reason: "Busy" }, { deps: [create.id] });
    return {
      envelopes: s.envelopes(),
      checks: [valid(create.id, update.id, close.id), listing(create.id, { title: "Bike and pram repair", description: "Punctures", category: "repair", expiresDay: 20_600, open: false, type: "offer" })],
    };
  });

  list.add("listing-update-by-other", "§6 listing.update", "Only the listing's author or a coordinator may update it", async () => {
    const s = await Scene.create();
    const create = await s.write("bob", "listing.create", offer);
    const byCat = await s.write("cat", "listing.update", { listing: hexBytes(create.id), title: "Mine now" }, { deps: [create.id, s.head] });
    const byAnn = await s.write("ann", "listing.close", { listing: hexBytes(create.id), reason: "Spam" }, { deps: [create.id, s.head] });
    return { envelopes: s.envelopes(), checks: [invalid(byCat.id, "only the listing's author or a coordinator may change it"), valid(byAnn.id), listing(create.id, { title: "Bike repair", open: false })] };
  });

  list.add("listing-update-not-in-deps", "§6 listing.update", "An update must name its listing among its deps (or as prev)", async () => {
    const s = await Scene.create();
    const create = await s.write("bob", "listing.create", offer);
    await s.write("bob", "donation", { to: s.account("cat"), minutes: 5 });
    const update = await s.write("bob", "listing.update", { listing: hexBytes(create.id), title: "Other" }, { deps: [s.head] });
    return { envelopes: s.envelopes(), checks: [invalid(update.id, "must name the listing among its deps")] };
  });

  list.add("listing-update-as-prev", "§6 listing.update", "Naming the listing as prev is enough", async () => {
    const s = await Scene.create();
    const create = await s.write("bob", "listing.create", offer);
    const update = await s.write("bob", "listing.update", { listing: hexBytes(create.id), category: "bikes" });
    return { envelopes: s.envelopes(), checks: [valid(update.id), listing(create.id, { category: "bikes" })] };
  });

  list.add("listing-update-not-a-listing", "§6 listing.update", "An update naming a record that is not a listing is invalid", async () => {
    const s = await Scene.create();
    const gift = await s.write("bob", "donation", { to: s.account("cat"), minutes: 5 });
    const update = await s.write("bob", "listing.update", { listing: hexBytes(gift.id), title: "x" });
    return { envelopes: s.envelopes(), checks: [invalid(update.id, "the listing is not valid")] };
  });

  list.add("listing-concurrent-updates", "§6 listing.update, §5.3 order", "Two concurrent updates of one field: the later in (Lamport, id) order wins", async () => {
    const s = await Scene.create();
    const create = await s.write("bob", "listing.create", offer, { head: true });
    const a = await s.write("bob", "listing.update", { listing: hexBytes(create.id), title: "By Bob" });
    const b = await s.write("ann", "listing.update", { listing: hexBytes(create.id), title: "By Ann" }, { deps: [create.id] });
    // Both have Lamport number one more than the listing's; the larger id wins.
    return { envelopes: s.envelopes(), checks: [valid(a.id, b.id), listing(create.id, { title: a.id > b.id ? "By Bob" : "By Ann" })] };
  });

  list.add("exchange-both-confirm", "§6 exchange.propose, exchange.confirm, §7.1", "With confirmation both, a leg moves once the payee confirms", async () => {
    const s = await Scene.create();
    const propose = await s.write("bob", "exchange.propose", { payer: s.account("bob"), payees: [{ account: s.account("cat"), minutes: 90 }], description: "Garden", category: "garden" });
    const confirm = await s.write("cat", "exchange.confirm", { proposal: hexBytes(propose.id) }, { deps: [propose.id] });
    return { envelopes: s.envelopes(), checks: [valid(propose.id, confirm.id), exchange(propose.id, "complete"), balance(s.key("bob"), -90), balance(s.key("cat"), 90)] };
  });

  list.add("exchange-waiting", "§7.1 exchange states", "Without the payee's confirmation the exchange waits and nothing moves", async () => {
    const s = await Scene.create();
    const propose = await s.write("bob", "exchange.propose", { payer: s.account("bob"), payees: [{ account: s.account("cat"), minutes: 90 }], description: "Garden" });
    return { envelopes: s.envelopes(), checks: [valid(propose.id), exchange(propose.id, "waiting"), balance(s.key("bob"), 0)] };
  });

  list.add("exchange-payer-policy", "§7.1 confirmation policy payer", "With confirmation payer, the payer's proposal moves at once", async () => {
    const s = await Scene.create({ confirmation: "payer" });
    const propose = await s.write("bob", "exchange.propose", { payer: s.account("bob"), payees: [{ account: s.account("cat"), minutes: 30 }], description: "Lift" });
    return { envelopes: s.envelopes(), checks: [exchange(propose.id, "complete"), balance(s.key("cat"), 30)] };
  });

  list.add("exchange-payee-proposes", "§7.1", "A payee's proposal waits for the payer, even under confirmation payer; the payer's confirmation moves it", async () => {
    const s = await Scene.create({ confirmation: "payer" });
    const propose = await s.write("cat", "exchange.propose", { payer: s.account("bob"), payees: [{ account: s.account("cat"), minutes: 30 }], description: "Lift" });
    const confirm = await s.write("bob", "exchange.confirm", { proposal: hexBytes(propose.id) }, { deps: [propose.id] });
    return { envelopes: s.envelopes(), checks: [valid(propose.id, confirm.id), exchange(propose.id, "complete"), balance(s.key("cat"), 30)] };
  });

  list.add("exchange-partial", "§7.1 exchange states", "One payer, two payees; one confirms: the exchange is partial", async () => {
    const s = await Scene.create({ members: ["bob", "cat", "dan"] });
    const propose = await s.write("bob", "exchange.propose", {
      payer: s.account("bob"),
      payees: [{ account: s.account("cat"), minutes: 30 }, { account: s.account("dan"), minutes: 40 }],
      description: "Moving house",
    });
    const confirm = await s.write("dan", "exchange.confirm", { proposal: hexBytes(propose.id) }, { deps: [propose.id] });
    return { envelopes: s.envelopes(), checks: [valid(confirm.id), exchange(propose.id, "partial"), balance(s.key("bob"), -40), balance(s.key("dan"), 40), balance(s.key("cat"), 0)] };
  });

  list.add("exchange-declined", "§6 exchange.decline, review 29", "A decline marks the exchange declined; a later confirmation by the same party still moves the leg", async () => {
    const s = await Scene.create();
    const propose = await s.write("bob", "exchange.propose", { payer: s.account("bob"), payees: [{ account: s.account("cat"), minutes: 30 }], description: "Lift" });
    const decline = await s.write("cat", "exchange.decline", { proposal: hexBytes(propose.id), reason: "Never happened" }, { deps: [propose.id] });
    const confirm = await s.write("cat", "exchange.confirm", { proposal: hexBytes(propose.id) }, { deps: [propose.id] });
    return { envelopes: s.envelopes(), checks: [valid(decline.id, confirm.id), exchange(propose.id, "complete"), balance(s.key("cat"), 30)] };
  });

  list.add("exchange-declined-only", "§7.1 exchange states", "A declined exchange with no moved leg has status declined", async () => {
    const s = await Scene.create();
    const propose = await s.write("bob", "exchange.propose", { payer: s.account("bob"), payees: [{ account: s.account("cat"), minutes: 30 }], description: "Lift" });
    const decline = await s.write("cat", "exchange.decline", { proposal: hexBytes(propose.id) }, { deps: [propose.id] });
    return { envelopes: s.envelopes(), checks: [valid(decline.id), exchange(propose.id, "declined"), balance(s.key("cat"), 0)] };
  });

  list.add("exchange-not-a-party", "§6 exchange.propose", "The author must sign for the payer or a payee", async () => {
    const s = await Scene.create({ members: ["bob", "cat", "dan"] });
    const propose = await s.write("dan", "exchange.propose", { payer: s.account("bob"), payees: [{ account: s.account("cat"), minutes: 30 }], description: "Lift" });
    return { envelopes: s.envelopes(), checks: [invalid(propose.id, "the author is not a party to this exchange")] };
  });

  list.add("exchange-confirm-not-a-party", "§6 exchange.confirm", "A confirmation by someone who is not a party is invalid", async () => {
    const s = await Scene.create({ members: ["bob", "cat", "dan"] });
    const propose = await s.write("bob", "exchange.propose", { payer: s.account("bob"), payees: [{ account: s.account("cat"), minutes: 30 }], description: "Lift" });
    const confirm = await s.write("dan", "exchange.confirm", { proposal: hexBytes(propose.id) }, { deps: [propose.id] });
    return { envelopes: s.envelopes(), checks: [invalid(confirm.id, "the author is not a party to this exchange"), exchange(propose.id, "waiting")] };
  });

  list.add("exchange-confirm-not-in-deps", "§6 exchange.confirm", "A confirmation must name the proposal among its deps", async () => {
    const s = await Scene.create();
    const propose = await s.write("bob", "exchange.propose", { payer: s.account("bob"), payees: [{ account: s.account("cat"), minutes: 30 }], description: "Lift" });
    const confirm = await s.write("cat", "exchange.confirm", { proposal: hexBytes(propose.id) });
    return { envelopes: s.envelopes(), checks: [invalid(confirm.id, "must name the proposal among its deps")] };
  });

  list.add("exchange-confirm-not-a-proposal", "§6 exchange.confirm", "A confirmation naming a donation is invalid", async () => {
    const s = await Scene.create();
    const gift = await s.write("bob", "donation", { to: s.account("cat"), minutes: 30 });
    const confirm = await s.write("cat", "exchange.confirm", { proposal: hexBytes(gift.id) }, { deps: [gift.id] });
    return { envelopes: s.envelopes(), checks: [invalid(confirm.id, "the proposal is not valid")] };
  });

  list.add("exchange-payer-is-payee", "§6 exchange.propose", "The payer cannot also be a payee", async () => {
    const s = await Scene.create();
    const propose = await s.write("bob", "exchange.propose", { payer: s.account("bob"), payees: [{ account: s.account("bob"), minutes: 30 }], description: "Self" });
    return { envelopes: s.envelopes(), checks: [invalid(propose.id, "the payer cannot also be a payee")] };
  });

  list.add("exchange-repeated-payee", "§6 exchange.propose", "Each payee may appear once", async () => {
    const s = await Scene.create();
    const propose = await s.write("bob", "exchange.propose", { payer: s.account("bob"), payees: [{ account: s.account("cat"), minutes: 30 }, { account: s.account("cat"), minutes: 10 }], description: "Twice" });
    return { envelopes: s.envelopes(), checks: [invalid(propose.id, "each payee may appear once")] };
  });

  list.add("exchange-group-payer", "§6 exchange.propose", "The group account cannot be a party to an exchange", async () => {
    const s = await Scene.create();
    const propose = await s.write("ann", "exchange.propose", { payer: new Uint8Array(), payees: [{ account: s.account("ann"), minutes: 30 }], description: "From the bank" });
    return { envelopes: s.envelopes(), checks: [invalid(propose.id, "the payer cannot be the group account")] };
  });

  list.add("exchange-inactive-payee", "§6 exchange.propose", "Every payee must be active at the proposal's point", async () => {
    const s = await Scene.create();
    await s.write("ann", "member.suspend", { account: s.account("cat"), reason: "Away" }, { head: true });
    const propose = await s.write("bob", "exchange.propose", { payer: s.account("bob"), payees: [{ account: s.account("cat"), minutes: 30 }], description: "Lift" });
    return { envelopes: s.envelopes(), checks: [invalid(propose.id, "a payee is not an active member (suspended)")] };
  });

  list.add("exchange-listing-not-in-deps", "§6 exchange.propose, review 13 14 32", "A named listing must be among the deps (or prev); any record id there will do", async () => {
    const s = await Scene.create();
    const create = await s.write("cat", "listing.create", offer);
    const bad = await s.write("bob", "exchange.propose", { payer: s.account("bob"), payees: [{ account: s.account("cat"), minutes: 30 }], description: "Repair", listing: hexBytes(create.id) });
    const good = await s.write("bob", "exchange.propose", { payer: s.account("bob"), payees: [{ account: s.account("cat"), minutes: 30 }], description: "Repair", listing: hexBytes(create.id) }, { deps: [create.id, s.head] });
    const gift = await s.write("bob", "donation", { to: s.account("cat"), minutes: 1 });
    const onGift = await s.write("bob", "exchange.propose", { payer: s.account("bob"), payees: [{ account: s.account("cat"), minutes: 2 }], description: "Odd", listing: hexBytes(gift.id) });
    return { envelopes: s.envelopes(), checks: [invalid(bad.id, "must name its listing among its deps"), valid(good.id, onGift.id)] };
  });

  list.add("exchange-proxy-signed-by-coordinator", "§7.1 signing for a proxy", "A coordinator's confirmation signs for a proxy payee", async () => {
    const s = await Scene.create();
    const proxy = await s.write("ann", "member.proxy", { name: "Edna", memberKind: "person" }, { head: true });
    const propose = await s.write("bob", "exchange.propose", { payer: s.account("bob"), payees: [{ account: hexBytes(proxy.id), minutes: 60 }], description: "Shopping" });
    const confirm = await s.write("ann", "exchange.confirm", { proposal: hexBytes(propose.id) }, { deps: [propose.id] });
    return { envelopes: s.envelopes(), checks: [valid(confirm.id), exchange(propose.id, "complete"), balance(`${s.groupHex}:${proxy.id}`, 60)] };
  });

  list.add("event-many-to-many", "§6 exchange.event", "A coordinator's event moves at once between many accounts, the group account included", async () => {
    const s = await Scene.create({ members: ["bob", "cat", "dan"] });
    const event = await s.write("ann", "exchange.event", {
      payers: [{ account: new Uint8Array(), minutes: 120 }],
      payees: [{ account: s.account("bob"), minutes: 60 }, { account: s.account("cat"), minutes: 30 }, { account: s.account("dan"), minutes: 30 }],
      description: "Litter pick",
    });
    return { envelopes: s.envelopes(), checks: [valid(event.id), exchange(event.id, "complete"), balance(s.key("group"), -120), balance(s.key("bob"), 60)] };
  });

  list.add("event-unbalanced", "§6 exchange.event", "Both lists must total the same minutes", async () => {
    const s = await Scene.create();
    const event = await s.write("ann", "exchange.event", { payers: [{ account: new Uint8Array(), minutes: 60 }], payees: [{ account: s.account("bob"), minutes: 50 }], description: "?" });
    return { envelopes: s.envelopes(), checks: [invalid(event.id, "payers and payees must total the same minutes")] };
  });

  list.add("event-repeated-account", "§6 exchange.event", "Accounts are distinct across both lists", async () => {
    const s = await Scene.create();
    const event = await s.write("ann", "exchange.event", { payers: [{ account: s.account("bob"), minutes: 60 }], payees: [{ account: s.account("bob"), minutes: 60 }], description: "?" });
    return { envelopes: s.envelopes(), checks: [invalid(event.id, "each account may appear once in an event")] };
  });

  list.add("event-by-member", "§6 coordinator kinds", "Only a coordinator may write an event", async () => {
    const s = await Scene.create();
    const event = await s.write("bob", "exchange.event", { payers: [{ account: s.account("bob"), minutes: 60 }], payees: [{ account: s.account("cat"), minutes: 60 }], description: "?" });
    return { envelopes: s.envelopes(), checks: [invalid(event.id, "only a coordinator may write this record")] };
  });

  list.add("event-33-legs", "§3.3 limits", "A list of more than 32 legs is refused", async () => {
    const s = await Scene.create();
    const legs = Array.from({ length: 33 }, (_, i) => ({ account: hexBytes(i.toString(16).padStart(64, "0")), minutes: 1 }));
    const bad = await s.unchecked("ann", "exchange.event", { payers: [{ account: new Uint8Array(), minutes: 33 }], payees: legs, description: "Too many" });
    return { envelopes: s.envelopes(), checks: [invalid(bad, "payees must list 1 to 32 accounts")] };
  });

  list.add("donation-to-group", "§6 donation", "A donation to the group account moves at once", async () => {
    const s = await Scene.create();
    const gift = await s.write("bob", "donation", { to: new Uint8Array(), minutes: 15, note: "For the bank" });
    return { envelopes: s.envelopes(), checks: [valid(gift.id), balance(s.key("group"), 15), balance(s.key("bob"), -15)] };
  });

  list.add("donation-to-self", "§6 donation", "A donation must go to someone else", async () => {
    const s = await Scene.create();
    const gift = await s.write("bob", "donation", { to: s.account("bob"), minutes: 15 });
    return { envelopes: s.envelopes(), checks: [invalid(gift.id, "a donation must go to someone else")] };
  });

  list.add("donation-to-non-member", "§6 donation", "A donation to an account that is not active is invalid", async () => {
    const s = await Scene.create({ members: ["bob"] });
    const { person } = await s.join("dan");
    const gift = await s.write("bob", "donation", { to: person.account, minutes: 15 });
    return { envelopes: s.envelopes(), checks: [invalid(gift.id, "the recipient is not an active member (none)")] };
  });

  list.add("donation-zero-minutes", "§3.3 limits", "Minutes in a donation are 1 to 60,000", async () => {
    const s = await Scene.create();
    const zero = await s.unchecked("bob", "donation", { to: s.account("cat"), minutes: 0 });
    const big = await s.unchecked("bob", "donation", { to: s.account("cat"), minutes: 60_001 });
    return { envelopes: s.envelopes(), checks: [invalid(zero, "minutes must be a whole number from 1 to 60000"), invalid(big, "minutes must be a whole number from 1 to 60000")] };
  });

  list.add("grant", "§6 grant", "A coordinator's grant moves from the group account", async () => {
    const s = await Scene.create();
    const grant = await s.write("ann", "grant", { to: s.account("bob"), minutes: 600, reason: "Business float" });
    return { envelopes: s.envelopes(), checks: [valid(grant.id), balance(s.key("group"), -600), balance(s.key("bob"), 600)] };
  });

  list.add("grant-to-group", "§6 grant", "A grant cannot go to the group account", async () => {
    const s = await Scene.create();
    const grant = await s.write("ann", "grant", { to: new Uint8Array(), minutes: 60, reason: "?" });
    return { envelopes: s.envelopes(), checks: [invalid(grant.id, "the recipient cannot be the group account")] };
  });

  list.add("grant-zero", "§3.3 limits, review 11", "A grant of 0 minutes is refused (1 to 60,000)", async () => {
    const s = await Scene.create();
    const grant = await s.unchecked("ann", "grant", { to: s.account("bob"), minutes: 0, reason: "Nothing" });
    return { envelopes: s.envelopes(), checks: [invalid(grant, "minutes must be a whole number from 1 to 60000")] };
  });

  list.add("correction-of-exchange", "§6 correction, §7.1", "A correction reverses everything its target moves", async () => {
    const s = await Scene.create({ confirmation: "payer" });
    const propose = await s.write("bob", "exchange.propose", { payer: s.account("bob"), payees: [{ account: s.account("cat"), minutes: 30 }], description: "Typo: 300" });
    const correction = await s.write("ann", "correction", { target: hexBytes(propose.id), reason: "Entered twice" }, { deps: [propose.id, s.head] });
    return { envelopes: s.envelopes(), checks: [valid(correction.id), exchange(propose.id, "corrected"), balance(s.key("bob"), 0), balance(s.key("cat"), 0)] };
  });

  list.add("correction-of-bonus", "§6 correction, §7.1 bonus", "A correction of an approval takes back its joining bonus", async () => {
    const s = await Scene.create({ bonus: 60, members: [] });
    const { join, person } = await s.join("dan");
    const approve = await s.write("ann", "member.approve", { join: hexBytes(join.id) }, { deps: [join.id], head: true });
    const correction = await s.write("ann", "correction", { target: hexBytes(approve.id), reason: "Bonus given by mistake" }, { head: true });
    return { envelopes: s.envelopes(), checks: [valid(correction.id), balance(person.key, 0), account(person.key, { status: "active" })] };
  });

  list.add("correction-not-in-deps", "§6 correction", "A correction must name its target among its deps", async () => {
    const s = await Scene.create();
    const gift = await s.write("bob", "donation", { to: s.account("cat"), minutes: 30 });
    const correction = await s.write("ann", "correction", { target: hexBytes(gift.id), reason: "?" });
    return { envelopes: s.envelopes(), checks: [invalid(correction.id, "must name the corrected record among its deps"), balance(s.key("cat"), 30)] };
  });

  list.add("correction-of-listing", "§6 correction", "A correction can only target a movement", async () => {
    const s = await Scene.create();
    const create = await s.write("bob", "listing.create", offer);
    const correction = await s.write("ann", "correction", { target: hexBytes(create.id), reason: "?" }, { deps: [create.id, s.head] });
    return { envelopes: s.envelopes(), checks: [invalid(correction.id, "only a valid exchange, event, donation, grant or approval bonus can be corrected")] };
  });

  list.add("correction-twice", "§6 correction", "Two corrections of one source are both valid; it is reversed once", async () => {
    const s = await Scene.create();
    const gift = await s.write("bob", "donation", { to: s.account("cat"), minutes: 30 });
    const one = await s.write("ann", "correction", { target: hexBytes(gift.id), reason: "One" }, { deps: [gift.id, s.head] });
    const two = await s.write("ann", "correction", { target: hexBytes(gift.id), reason: "Two" }, { deps: [gift.id] });
    return { envelopes: s.envelopes(), checks: [valid(one.id, two.id), balance(s.key("cat"), 0), balance(s.key("bob"), 0)] };
  });
}
