// Vectors for §2 and §5.2, Ed25519 at the level of records: the RFC 8032
// §7.1 keys, and (in the style of the Wycheproof suite) small-order and
// non-canonical keys with signatures some libraries accept for any message,
// and a malleated S + L. Every one must be refused before any library runs.
import { bytesToHex, DeviceAuthor, encodeCanonical, signerFromSeed, signingMessage, type Signer } from "../../src/index.ts";
import { account, balance, invalid, valid } from "./checks.ts";
import type { CaseList } from "./case.ts";
import { hexBytes, labelSigner, Scene } from "./scene.ts";

/** RFC 8032 §7.1: the secret keys and public keys of TEST 1, TEST 2, TEST 3 and TEST SHA(abc). */
const RFC8032 = [
  ["test-1", "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"],
  ["test-2", "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb", "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"],
  ["test-3", "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7", "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025"],
  ["test-sha-abc", "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42", "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf"],
] as const;

/** Points of order dividing 8 (canonical encodings, both signs of x where x ≠ 0). */
const SMALL_ORDER = [
  ["identity", "0100000000000000000000000000000000000000000000000000000000000000"],
  ["order-2", "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"],
  ["order-4", "0000000000000000000000000000000000000000000000000000000000000000"],
  ["order-4-negative", "0000000000000000000000000000000000000000000000000000000000000080"],
  ["order-8-a", "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"],
  ["order-8-b", "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85"],
  ["order-8-c", "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"],
  ["order-8-d", "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa"],
] as const;

/** Encodings with y ≥ p: p + 1 names the identity to a lenient decoder, p names y = 0, p + 18 is the largest. */
const NON_CANONICAL = [
  ["y-p-plus-1", "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"],
  ["y-p-plus-1-signed", "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"],
  ["y-p", "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"],
  ["y-p-plus-18", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"],
] as const;

const L = (1n << 252n) + 27742317777372353535851937790883648493n;

/** R = the identity, S = 0: with the identity as public key, the cofactorless equation holds for every message. */
const UNIVERSAL_SIGNATURE = hexBytes("01" + "00".repeat(63));

/** A "signer" that only ever produces one fixed signature, for a key nobody holds. */
const forger = (publicKey: Uint8Array, signature: Uint8Array): Signer => ({ publicKey, sign: async () => signature });

const P = (1n << 255n) - 19n;
function power(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = base % P;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
  }
  return result;
}

/** The smallest y ≥ 2 that is the y of no curve point ((y² − 1)/(d y² + 1) is not a square), as a 32-byte key. */
function offCurveKey(): Uint8Array {
  const d = (((-121665n * power(121666n, P - 2n)) % P) + P) % P;
  for (let y = 2n; ; y++) {
    const x2 = ((y * y - 1n) * power((d * y * y + 1n) % P, P - 2n)) % P;
    if (power(x2, (P - 1n) / 2n) === P - 1n) return hexBytes(y.toString(16).padStart(2, "0") + "00".repeat(31));
  }
}

function plusL(signature: Uint8Array): Uint8Array {
  let s = 0n;
  for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(signature[i]!);
  s += L;
  const out = Uint8Array.from(signature);
  for (let i = 32; i < 64; i++) {
    out[i] = Number(s & 0xffn);
    s >>= 8n;
  }
  return out;
}

export function signatureCases(list: CaseList): void {
  RFC8032.forEach(([name, secret, publicKey], i) => {
    const [, deviceSecret, devicePublic] = RFC8032[(i + 1) % RFC8032.length]!;
    list.add(`ed25519-rfc8032-${name}`, "§2 identities, RFC 8032 §7.1", `The RFC 8032 ${name} key as a member key (and the next test's key as its device): public keys as in the RFC, records valid`, async () => {
      const s = await Scene.create({ members: [] });
      const member = await signerFromSeed(hexBytes(secret));
      const device = await signerFromSeed(hexBytes(deviceSecret));
      const { author, record } = await DeviceAuthor.certified(member, device, s.groupId);
      const join = await author.write("member.join", { name: `RFC ${name}`, memberKind: "person" }, { deps: [s.head] });
      const approve = await s.write("ann", "member.approve", { join: hexBytes(join.id) }, { deps: [join.id] });
      const gift = await author.write("donation", { to: s.account("ann"), minutes: 7 }, { deps: [approve.id] });
      const keyOk = bytesToHex(member.publicKey) === publicKey && bytesToHex(device.publicKey) === devicePublic;
      return {
        envelopes: [...s.envelopes(), record.envelope, join.envelope, gift.envelope],
        checks: [() => (keyOk ? null : "public keys differ from RFC 8032"), valid(record.id, join.id, approve.id, gift.id), account(`${s.groupHex}:${publicKey}`, { status: "active", balanceMinutes: -7 })],
      };
    });
  });

  for (const [name, key] of [...SMALL_ORDER, ...NON_CANONICAL]) {
    list.add(`ed25519-device-key-${name}`, "§5.2 public key checks, Wycheproof-style", `A device key ${name} (${key.slice(0, 8)}…) with the signature R = identity, S = 0: refused, however the certificate reads`, async () => {
      const s = await Scene.create({ members: [] });
      const member = await labelSigner("ivy/member");
      const { author, record } = await DeviceAuthor.certified(member, forger(hexBytes(key), UNIVERSAL_SIGNATURE), s.groupId);
      const join = await author.write("member.join", { name: "Ivy", memberKind: "person" }, { deps: [s.head] });
      return { envelopes: [...s.envelopes(), record.envelope, join.envelope], checks: [invalid(join.id, "signature invalid and no later record of its chain vouches for it"), invalid(record.id, "signature invalid and no later record of its chain vouches for it")] };
    });
  }

  for (const [name, key] of [SMALL_ORDER[0], SMALL_ORDER[1], SMALL_ORDER[4], NON_CANONICAL[0]]) {
    list.add(`ed25519-member-key-${name}`, "§2 certificate, §5.2", `A certificate by the member key ${name} with the signature R = identity, S = 0 is invalid`, async () => {
      const s = await Scene.create({ members: [] });
      const device = await labelSigner("ivy/device");
      const { author, record } = await DeviceAuthor.certified(forger(hexBytes(key), UNIVERSAL_SIGNATURE), device, s.groupId);
      const join = await author.write("member.join", { name: "Ivy", memberKind: "person" }, { deps: [s.head] });
      return { envelopes: [...s.envelopes(), record.envelope, join.envelope], checks: [invalid(record.id, "device certificate signature is invalid"), invalid(join.id, "the device's first record (its certificate) is not valid")] };
    });
  }

  list.add("ed25519-s-plus-l", "§5.2 S < L", "A record whose signature's S is replaced by S + L (accepted by tweetnacl alone) is not authentic on its own", async () => {
    const s = await Scene.create();
    const gift = await s.write("bob", "donation", { to: s.account("cat"), minutes: 30 }, { withhold: true });
    const malleated = encodeCanonical([Uint8Array.from(gift.signed), plusL(gift.signature)]);
    return { envelopes: [...s.envelopes(), malleated], checks: [invalid(gift.id, "signature invalid and no later record of its chain vouches for it"), balance(s.key("cat"), 0)] };
  });

  list.add("ed25519-s-plus-l-vouched", "§5.1, §5.2", "The S + L copy is authentic once the next record of its chain vouches for it: the id, not the signature, is what counts", async () => {
    const s = await Scene.create();
    const gift = await s.write("bob", "donation", { to: s.account("cat"), minutes: 30 }, { withhold: true });
    const next = await s.write("bob", "donation", { to: s.account("cat"), minutes: 5 });
    const malleated = encodeCanonical([Uint8Array.from(gift.signed), plusL(gift.signature)]);
    return { envelopes: [...s.envelopes(), malleated], checks: [valid(gift.id, next.id), balance(s.key("cat"), 35)] };
  });

  list.add("ed25519-s-plus-l-and-original", "§3.2 one id, §5.1", "The S + L copy next to the original: one record, authentic", async () => {
    const s = await Scene.create();
    const gift = await s.write("bob", "donation", { to: s.account("cat"), minutes: 30 });
    const malleated = encodeCanonical([Uint8Array.from(gift.signed), plusL(gift.signature)]);
    return { envelopes: [malleated, ...s.envelopes()], checks: [valid(gift.id), balance(s.key("cat"), 30)] };
  });

  list.add("ed25519-zero-signature", "§5.2", "An all-zero signature is false", async () => {
    const s = await Scene.create();
    const gift = await s.write("bob", "donation", { to: s.account("cat"), minutes: 30 }, { withhold: true });
    return { envelopes: [...s.envelopes(), encodeCanonical([Uint8Array.from(gift.signed), new Uint8Array(64)])], checks: [invalid(gift.id, "signature invalid and no later record of its chain vouches for it")] };
  });

  list.add("ed25519-other-key", "§5.1", "A valid signature by another device's key over the right message is false for this device", async () => {
    const s = await Scene.create();
    const gift = await s.write("bob", "donation", { to: s.account("cat"), minutes: 30 }, { withhold: true });
    const catSignature = await s.person("cat").author.signer.sign(signingMessage(hexBytes(gift.id)));
    return { envelopes: [...s.envelopes(), encodeCanonical([Uint8Array.from(gift.signed), catSignature])], checks: [invalid(gift.id, "signature invalid and no later record of its chain vouches for it")] };
  });

  list.add("ed25519-off-curve-member", "§5.2", "A member key that is canonical but not on the curve: its certificate is invalid", async () => {
    const s = await Scene.create({ members: [] });
    const key = offCurveKey();
    const device = await labelSigner("ivy/device");
    const { author, record } = await DeviceAuthor.certified(forger(key, UNIVERSAL_SIGNATURE), device, s.groupId);
    const join = await author.write("member.join", { name: "Ivy", memberKind: "person" }, { deps: [s.head] });
    return { envelopes: [...s.envelopes(), record.envelope, join.envelope], checks: [invalid(record.id, "device certificate signature is invalid")] };
  });
}
