// Vectors for §3: canonical CBOR, the record's fields, the envelope and the
// limits. Each hostile record is validly signed by its device, so the only
// thing wrong with it is its encoding or its fields.
import { bytesToHex, concatBytes, DeviceAuthor, encodeCanonical, sha256, signingMessage } from "../../src/index.ts";
import { invalid, totals, valid } from "./checks.ts";
import type { CaseList } from "./case.ts";
import { array, bytes, map, NULL, raw, signedPart, text, uint } from "./raw-cbor.ts";
import { hexBytes, labelSigner, Scene, type Person } from "./scene.ts";

/** A donation body from Bob to Cat, canonical unless parts are replaced. */
function donationBody(s: Scene, minutes: Uint8Array = uint(30)): Uint8Array {
  return map([text("to"), bytes(s.account("cat"))], [text("minutes"), minutes]);
}

/** Signs a record of Bob's chain whose signed part is built by `make` from his next fields; returns its id. */
async function hostile(s: Scene, make: (f: NextFields) => Uint8Array, who = "bob"): Promise<string> {
  const person: Person = s.person(who);
  const next = s.nextFields(person, [s.head]);
  const signed = make({ ...next, device: person.author.signer.publicKey, group: s.groupId });
  return s.signRaw(person, signed, next.seq);
}

/** The fields of Bob's next record that a hostile signed part is built from. */
type NextFields = { seq: number; prev: Uint8Array | null; deps: Uint8Array[]; device: Uint8Array; group: Uint8Array };

const donation = (body: Uint8Array) => (f: NextFields) =>
  signedPart({ kind: text("donation"), group: f.group, device: f.device, seq: f.seq, prev: f.prev, deps: f.deps, body });

export function encodingCases(list: CaseList): void {
  const signedPartCases: [id: string, title: string, body: (s: Scene) => Uint8Array, reason: RegExp][] = [
    ["cbor-non-shortest-integer", "An integer in a wider head than needed", (s) => donationBody(s, uint(30, 2)), /^signed part is non-shortest integer or length at byte \d+$/],
    ["cbor-non-shortest-small-integer", "A value under 24 written with a one-byte argument", (s) => donationBody(s, uint(5, 1)), /^signed part is non-shortest integer or length at byte \d+$/],
    ["cbor-non-shortest-text-length", "A text length in a wider head than needed", (s) => map([text("to"), bytes(s.account("cat"))], [text("minutes", 1), uint(30)]), /^signed part is non-shortest integer or length/],
    ["cbor-eight-byte-integer", "A 64-bit head for a small number", (s) => donationBody(s, uint(30, 8)), /^signed part is non-shortest integer or length/],
    ["cbor-integer-too-large", "An integer above 2^53 − 1", (s) => donationBody(s, raw("1b0020000000000000")), /^signed part is integer too large at byte \d+$/],
    ["cbor-negative-integer", "A negative integer (major type 1)", (s) => donationBody(s, raw("381d")), /^signed part is negative integer at byte \d+$/],
    ["cbor-half-float", "A half-precision float", (s) => donationBody(s, raw("f94f80")), /^signed part is float or unsupported simple value at byte \d+$/],
    ["cbor-double-float", "A double-precision float equal to a whole number", (s) => donationBody(s, raw("fb403e000000000000")), /^signed part is float or unsupported simple value/],
    ["cbor-undefined", "The simple value undefined", (s) => donationBody(s, raw("f7")), /^signed part is float or unsupported simple value/],
    ["cbor-simple-value", "An unassigned simple value", (s) => donationBody(s, raw("f0")), /^signed part is float or unsupported simple value/],
    ["cbor-tag", "A tagged value (tag 1, epoch time)", (s) => donationBody(s, raw("c11e")), /^signed part is tag at byte \d+$/],
    ["cbor-indefinite-map", "A body map of indefinite length", (s) => concatBytes(raw("bf"), text("to"), bytes(s.account("cat")), text("minutes"), uint(30), raw("ff")), /^signed part is indefinite length at byte \d+$/],
    ["cbor-indefinite-text", "A text string of indefinite length", (s) => map([text("to"), bytes(s.account("cat"))], [text("note"), concatBytes(raw("7f"), text("hi"), raw("ff"))], [text("minutes"), uint(30)]), /^signed part is indefinite length at byte \d+$/],
    ["cbor-keys-unsorted", "Map keys out of canonical order (longer key first)", (s) => map([text("minutes"), uint(30)], [text("to"), bytes(s.account("cat"))]), /^signed part is map keys not in canonical order, or repeated at byte \d+$/],
    ["cbor-duplicate-key", "A map key repeated", (s) => map([text("to"), bytes(s.account("cat"))], [text("to"), bytes(s.account("cat"))], [text("minutes"), uint(30)]), /^signed part is map keys not in canonical order, or repeated/],
    ["cbor-proto-key", "The key __proto__", (s) => map([text("to"), bytes(s.account("cat"))], [text("minutes"), uint(30)], [text("__proto__"), uint(1)]), /^signed part is reserved map key at byte \d+$/],
    ["cbor-integer-key", "A map key that is not text", (s) => map([uint(1), uint(2)], [text("to"), bytes(s.account("cat"))], [text("minutes"), uint(30)]), /^signed part is map key is not text at byte \d+$/],
    ["cbor-invalid-utf8", "Text that is not valid UTF-8 (a lone continuation byte)", (s) => map([text("to"), bytes(s.account("cat"))], [text("note"), text(raw("61806263"))], [text("minutes"), uint(30)]), /^signed part is invalid UTF-8 at byte \d+$/],
    ["cbor-surrogate-utf8", "Text holding a UTF-8-encoded surrogate (CESU)", (s) => map([text("to"), bytes(s.account("cat"))], [text("note"), text(raw("eda080"))], [text("minutes"), uint(30)]), /^signed part is invalid UTF-8 at byte \d+$/],
    ["cbor-overlong-utf8", "Text with an overlong UTF-8 encoding of '/'", (s) => map([text("to"), bytes(s.account("cat"))], [text("note"), text(raw("c0af"))], [text("minutes"), uint(30)]), /^signed part is invalid UTF-8 at byte \d+$/],
    ["cbor-truncated", "A byte string whose length runs past the end", (s) => concatBytes(map([text("to"), bytes(s.account("cat"))], [text("minutes"), uint(30)]).subarray(0, 10)), /^signed part is truncated at byte \d+$/],
  ];
  for (const [id, title, body, reason] of signedPartCases) {
    list.add(id, "§3.1 canonical CBOR", `${title} is refused; the record is invalid with the decoding reason, under the hash of its signed part`, async () => {
      const s = await Scene.create();
      const bad = await hostile(s, donation(body(s)));
      return { envelopes: s.envelopes(), checks: [invalid(bad, reason), totals({ invalid: 1 })] };
    });
  }

  list.add("cbor-keys-bytewise-unsorted", "§3.1 canonical CBOR", "Two keys of equal length out of bytewise order (contact before account) are refused", async () => {
    const s = await Scene.create();
    const bad = await hostile(s, (f) => signedPart({ kind: text("member.profile"), ...f, body: map([text("contact"), text("07700")], [text("account"), bytes(s.account("bob"))]) }));
    return { envelopes: s.envelopes(), checks: [invalid(bad, /^signed part is map keys not in canonical order, or repeated at byte \d+$/)] };
  });

  list.add("cbor-trailing-bytes", "§3.1", "A signed part with a byte after its one value is refused", async () => {
    const s = await Scene.create();
    const bad = await hostile(s, (f) => concatBytes(donation(donationBody(s))(f), raw("00")));
    return { envelopes: s.envelopes(), checks: [invalid(bad, /^signed part is trailing bytes at byte \d+$/)] };
  });

  // Depth: the signed array is at depth 0, the body map at 1; a value at depth 9 is refused.
  const nested = (levels: number, inner: Uint8Array) => {
    let value = inner;
    for (let i = 0; i < levels; i++) value = array(value);
    return value;
  };
  list.add("cbor-depth-8-decodes", "§3.1 nesting, review 4", "A value at depth 8 (the body at 1, its note at 2, six nested arrays, the number inside at 8) decodes; the record fails its body check instead", async () => {
    const s = await Scene.create();
    const bad = await hostile(s, donation(map([text("to"), bytes(s.account("cat"))], [text("note"), nested(6, uint(1))], [text("minutes"), uint(30)])));
    return { envelopes: s.envelopes(), checks: [invalid(bad, "note must be text")] };
  });
  list.add("cbor-depth-9-refused", "§3.1 nesting, review 4", "A value at depth 9 (the body at 1, its note at 2, seven nested arrays, the number inside at 9) is refused by the decoder", async () => {
    const s = await Scene.create();
    const bad = await hostile(s, donation(map([text("to"), bytes(s.account("cat"))], [text("note"), nested(7, uint(1))], [text("minutes"), uint(30)])));
    return { envelopes: s.envelopes(), checks: [invalid(bad, /^signed part is nested too deeply at byte \d+$/)] };
  });
  list.add("cbor-depth-9-empty-array", "§3.1 nesting", "An empty array at depth 9 is refused too: every item counts, containers or not", async () => {
    const s = await Scene.create();
    const bad = await hostile(s, donation(map([text("to"), bytes(s.account("cat"))], [text("note"), nested(7, array())], [text("minutes"), uint(30)])));
    return { envelopes: s.envelopes(), checks: [invalid(bad, /^signed part is nested too deeply at byte \d+$/)] };
  });

  const fieldCases: [id: string, title: string, make: (s: Scene) => (f: NextFields) => Uint8Array, reason: string | RegExp][] = [
    ["record-version-2", "Version 2", (s) => (f) => signedPart({ version: uint(2), kind: text("donation"), ...f, body: donationBody(s) }), "unknown protocol version 2"],
    ["record-version-2-short", "Version 2 with another number of fields: the version is checked first", () => (f) => array(uint(2), text("donation"), bytes(f.group)), "unknown protocol version 2"],
    ["record-version-text", 'Version "1" as text', (s) => (f) => signedPart({ version: text("1"), kind: text("donation"), ...f, body: donationBody(s) }), 'unknown protocol version "1"'],
    ["record-eight-fields", "An 8-element signed array", () => (f) => array(uint(1), text("donation"), bytes(f.group), bytes(f.device), uint(f.seq), f.prev ? bytes(f.prev) : NULL, array(), uint(0)), "signed part must be a 9-element array"],
    ["record-not-an-array", "A signed part that is a map", () => () => map([text("v"), uint(1)]), "signed part must be a 9-element array"],
    ["record-unknown-kind", "An unknown kind", (s) => (f) => signedPart({ kind: text("member.promote"), ...f, body: donationBody(s) }), 'unknown record kind "member.promote"'],
    ["record-short-group", "A 15-byte group id", (s) => (f) => signedPart({ kind: text("donation"), ...f, group: f.group.subarray(0, 15), body: donationBody(s) }), "group must be 16 bytes"],
    ["record-seq-too-large", "seq above 2^32 − 1", (s) => (f) => signedPart({ kind: text("donation"), ...f, seq: 2 ** 32, body: donationBody(s) }), "seq must be a whole number from 0 to 4294967295"],
    ["record-null-prev", "A null prev after seq 0", (s) => (f) => signedPart({ kind: text("donation"), ...f, prev: null, body: donationBody(s) }), "prev must be the 32-byte id of the previous record"],
    ["record-nine-deps", "Nine deps", (s) => (f) => signedPart({ kind: text("donation"), ...f, deps: Array.from({ length: 9 }, (_, i) => sha256(Uint8Array.of(i))).sort((a, b) => (bytesToHex(a) < bytesToHex(b) ? -1 : 1)), body: donationBody(s) }), "deps must list at most 8 record ids"],
    ["record-deps-unsorted", "Deps out of bytewise order", (s) => (f) => signedPart({ kind: text("donation"), ...f, deps: [hexBytes("ff".repeat(32)), hexBytes("00".repeat(32))], body: donationBody(s) }), "deps must be sorted and distinct"],
    ["record-deps-repeated", "A dep named twice", (s) => (f) => signedPart({ kind: text("donation"), ...f, deps: [hexBytes("aa".repeat(32)), hexBytes("aa".repeat(32))], body: donationBody(s) }), "deps must be sorted and distinct"],
    ["record-dep-is-prev", "A dep equal to prev", (s) => (f) => signedPart({ kind: text("donation"), ...f, deps: [f.prev as Uint8Array], body: donationBody(s) }), "deps must not repeat prev"],
    ["record-time-too-large", "timeMs above 2^48", (s) => (f) => signedPart({ kind: text("donation"), ...f, timeMs: uint(2 ** 48 + 1), body: donationBody(s) }), "timeMs must be a whole number of milliseconds"],
    ["record-device-kind-later", "A device record after seq 0", () => (f) => signedPart({ kind: text("device"), ...f, body: map([text("cert"), bytes(new Uint8Array(64))], [text("member"), bytes(f.device)]) }), "a device record must be the first of its chain"],
    ["record-body-not-map", "A body that is an array", () => (f) => signedPart({ kind: text("donation"), ...f, body: array() }), "body must be a map"],
    ["record-missing-field", "A body without a required field", (s) => (f) => signedPart({ kind: text("donation"), ...f, body: map([text("to"), bytes(s.account("cat"))]) }), 'missing field "minutes" in a donation record'],
    ["record-unknown-field", "A body with a field its kind does not list", (s) => (f) => signedPart({ kind: text("donation"), ...f, body: map([text("to"), bytes(s.account("cat"))], [text("tip"), uint(1)], [text("minutes"), uint(30)]) }), 'unknown field "tip" in a donation record'],
    ["record-account-wrong-length", "An account of 31 bytes", () => (f) => signedPart({ kind: text("donation"), ...f, body: map([text("to"), bytes(new Uint8Array(31))], [text("minutes"), uint(30)]) }), "to must be an account (32 bytes, or empty for the group account)"],
    ["record-text-where-uint", "Minutes given as text", (s) => (f) => signedPart({ kind: text("donation"), ...f, body: donationBody(s, text("30")) }), "minutes must be a whole number from 1 to 60000"],
    ["record-bool-wrong", "A bool field given as 1", () => (f) => signedPart({ kind: text("member.approve"), ...f, body: map([text("join"), bytes(new Uint8Array(32))], [text("referencesChecked"), uint(1)]) }), "referencesChecked must be true or false"],
    ["record-enum-wrong", "An enum outside its values", () => (f) => signedPart({ kind: text("listing.create"), ...f, body: map([text("type"), text("gift")], [text("title"), text("x")], [text("category"), text("y")]) }), "type must be one of offer, request, activity"],
    ["record-empty-required-text", "A required text that is empty", () => (f) => signedPart({ kind: text("listing.create"), ...f, body: map([text("type"), text("offer")], [text("title"), text("")], [text("category"), text("y")]) }), "title must not be empty"],
    ["record-name-81", "A title of 81 UTF-16 code units", () => (f) => signedPart({ kind: text("listing.create"), ...f, body: map([text("type"), text("offer")], [text("title"), text("x".repeat(81))], [text("category"), text("y")]) }), "title is longer than 80 characters"],
    ["record-name-astral", "A title of 41 astral characters (82 UTF-16 code units, 41 code points)", () => (f) => signedPart({ kind: text("listing.create"), ...f, body: map([text("type"), text("offer")], [text("title"), text("😀".repeat(41))], [text("category"), text("y")]) }), "title is longer than 80 characters"],
    ["record-legs-extra-key", "A leg with a third key", (s) => (f) => signedPart({ kind: text("exchange.propose"), ...f, body: map([text("payer"), bytes(f.device)], [text("payees"), array(map([text("extra"), uint(1)], [text("account"), bytes(s.account("cat"))], [text("minutes"), uint(5)]))], [text("description"), text("x")]) }), "payees entries have exactly account and minutes"],
    ["record-legs-empty", "An empty leg list", (s) => (f) => signedPart({ kind: text("exchange.propose"), ...f, body: map([text("payer"), bytes(s.account("bob"))], [text("payees"), array()], [text("description"), text("x")]) }), "payees must list 1 to 32 accounts"],
  ];
  for (const [id, title, make, reason] of fieldCases) {
    list.add(id, "§3.2 record fields, §3.3 limits, §6 body", `${title}: the record is invalid with the reason`, async () => {
      const s = await Scene.create();
      const bad = await hostile(s, make(s));
      return { envelopes: s.envelopes(), checks: [invalid(bad, reason)] };
    });
  }

  list.add("record-first-not-device", "§3.2", "A record at seq 0 that is not a device record is refused", async () => {
    const s = await Scene.create();
    const device = await labelSigner("eve/device");
    const signed = signedPart({ kind: text("donation"), group: s.groupId, device: device.publicKey, seq: 0, prev: null, deps: [], body: donationBody(s) });
    const signature = await device.sign(signingMessage(sha256(signed)));
    return { envelopes: [...s.envelopes(), encodeCanonical([signed, signature])], checks: [invalid(bytesToHex(sha256(signed)), "the first record of a chain must be a device record")] };
  });

  // The envelope: [signed bytes, signature], canonical, at most 4,096 bytes. Failures are listed under the envelope's hash.
  const envelopeCases: [id: string, title: string, make: (r: { signed: Uint8Array; signature: Uint8Array; envelope: Uint8Array }) => Uint8Array, reason: string][] = [
    ["envelope-non-canonical-length", "An envelope whose signature length uses a wider head", (r) => concatBytes(raw("82"), bytes(r.signed), bytes(r.signature, 2)), "envelope must be the canonical CBOR of [signed bytes, signature]"],
    ["envelope-trailing-byte", "An envelope with a byte after it", (r) => concatBytes(r.envelope, raw("00")), "envelope must be the canonical CBOR of [signed bytes, signature]"],
    ["envelope-three-elements", "A 3-element envelope", (r) => array(bytes(r.signed), bytes(r.signature), bytes(new Uint8Array())), "envelope must be the canonical CBOR of [signed bytes, signature]"],
    ["envelope-signature-as-text", "An envelope whose signature is a text string", (r) => array(bytes(r.signed), text("signature")), "envelope must be the canonical CBOR of [signed bytes, signature]"],
    ["envelope-too-large", "An envelope over 4,096 bytes", (r) => array(bytes(r.signed), bytes(new Uint8Array(4100))), "record is larger than 4096 bytes"],
    ["envelope-indefinite", "An envelope as an indefinite-length array", (r) => concatBytes(raw("9f"), bytes(r.signed), bytes(r.signature), raw("ff")), "envelope must be the canonical CBOR of [signed bytes, signature]"],
  ];
  for (const [id, title, make, reason] of envelopeCases) {
    list.add(id, "§3.2 envelope, review 6 7", `${title} is invalid under its own hash; the record it carries is not there for the ledger`, async () => {
      const s = await Scene.create();
      const gift = await s.write("bob", "donation", { to: s.account("cat"), minutes: 30 }, { withhold: true });
      const bad = make({ signed: Uint8Array.from(gift.signed), signature: Uint8Array.from(gift.signature), envelope: gift.envelope });
      return { envelopes: [...s.envelopes(), bad], checks: [invalid(bytesToHex(sha256(bad)), reason), totals({ invalid: 1 })] };
    });
  }

  list.add("envelope-exactly-4096", "§3.2 envelope", "An envelope of exactly 4,096 bytes is accepted: it is judged by its rule (its payees are no members), not refused for its size", async () => {
    const s = await Scene.create();
    const bob = s.person("bob");
    const start = { seq: bob.author.nextSeq - 1, id: bob.author.prevId as string };
    const withDescription = (description: string) => {
      // Each probe signs at the same chain position; only the last is kept.
      bob.author = new DeviceAuthor(bob.author.signer, s.groupId, start);
      const payees = Array.from({ length: 32 }, (_, i) => ({ account: sha256(Uint8Array.of(i)), minutes: 60 }));
      return s.write("bob", "exchange.propose", { payer: s.account("bob"), payees, description }, { withhold: true });
    };
    // Three-byte characters and one-byte letters, at most 1,000 in all, to reach exactly 4,096 bytes.
    let description = "";
    for (let euros = 1; euros <= 1000 && description === ""; euros++) {
      const pad = 4096 - (await withDescription("€".repeat(euros))).envelope.length;
      if (pad >= 0 && euros + pad <= 1000 && (await withDescription("€".repeat(euros) + "x".repeat(pad))).envelope.length === 4096) description = "€".repeat(euros) + "x".repeat(pad);
    }
    const record = await withDescription(description);
    s.records.push(record);
    const exact = record.envelope.length === 4096;
    return { envelopes: s.envelopes(), checks: [invalid(record.id, "a payee is not an active member (none)"), () => (exact ? null : `envelope is ${record.envelope.length} bytes, not 4096`)] };
  });

  list.add("envelope-bare-signed-bytes", "§3.2, review 7", "A record's signed bytes sent bare (not in an envelope) hash to the record's id: the record is what that id names, and nothing is listed twice", async () => {
    const s = await Scene.create();
    const gift = await s.write("bob", "donation", { to: s.account("cat"), minutes: 30 });
    return { envelopes: [Uint8Array.from(gift.signed), ...s.envelopes()], checks: [valid(gift.id), totals({ invalid: 0, records: s.records.length })] };
  });

  list.add("signature-wrong-length", "§5.2, review 8", "A signature of 63 bytes decodes but is false", async () => {
    const s = await Scene.create();
    const gift = await s.write("bob", "donation", { to: s.account("cat"), minutes: 30 }, { withhold: true });
    const short = encodeCanonical([Uint8Array.from(gift.signed), Uint8Array.from(gift.signature).subarray(0, 63)]);
    return { envelopes: [...s.envelopes(), short], checks: [invalid(gift.id, "signature invalid and no later record of its chain vouches for it")] };
  });
}
