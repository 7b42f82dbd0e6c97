// Every verifier in the project gives the same answer for the same signature
// (docs/PROTOCOL.md §5.2): RFC 8032 vectors, the edge cases where Ed25519
// libraries disagree (refused before any library is called), and random cases.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bytesToHex,
  hexToBytes,
  publicKeyProblem,
  sha256,
  signatureProblem,
  signerFromSeed,
  tweetnaclBackend,
  utf8,
  verifySignatures,
  webCryptoBackend,
  type SignatureCheck,
} from "../src/index.ts";
import { RUNS } from "./support.ts";

// RFC 8032 §7.1: TEST 1, TEST 2, TEST 3 and TEST SHA(abc).
const VECTORS = [
  {
    name: "TEST 1",
    secret: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
    publicKey: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
    message: "",
    signature:
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
  },
  {
    name: "TEST 2",
    secret: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
    publicKey: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
    message: "72",
    signature:
      "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
  },
  {
    name: "TEST 3",
    secret: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
    publicKey: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
    message: "af82",
    signature:
      "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
  },
  {
    name: "TEST SHA(abc)",
    secret: "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
    publicKey: "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
    message:
      "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
    signature:
      "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704",
  },
];

const webcrypto = webCryptoBackend(globalThis.crypto.subtle);

/** Both backends through the pre-checks; they must agree on every check. */
async function bothVerdicts(checks: readonly SignatureCheck[]): Promise<boolean[]> {
  const [nacl, web] = await Promise.all([verifySignatures(checks, tweetnaclBackend), verifySignatures(checks, webcrypto)]);
  expect(nacl).toEqual(web);
  return nacl;
}

const vectorCheck = (v: (typeof VECTORS)[number]): SignatureCheck => ({
  publicKey: hexToBytes(v.publicKey),
  message: hexToBytes(v.message),
  signature: hexToBytes(v.signature),
});

// ---- a small reference model of edwards25519, to build and check edge cases ----

const P = (1n << 255n) - 19n;
const L = (1n << 252n) + 27742317777372353535851937790883648493n;
const mod = (a: bigint) => ((a % P) + P) % P;
function power(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = mod(base);
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
  }
  return result;
}
const inverse = (a: bigint) => power(a, P - 2n);
const D = mod(-121665n * inverse(121666n));
const SQRT_M1 = power(2n, (P - 1n) / 4n);

function fromLittleEndian(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!);
  return value;
}
function toLittleEndian(value: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((value >> BigInt(8 * i)) & 0xffn);
  return out;
}

type Point = { x: bigint; y: bigint };

/** RFC 8032 §5.1.3 decoding; `reduce` lets y ≥ p through (as lenient libraries do) to see which point it names. */
function decodePoint(bytes: Uint8Array, reduce = false): Point | null {
  let y = fromLittleEndian(bytes) & ((1n << 255n) - 1n);
  const sign = BigInt(bytes[31]! >> 7);
  if (y >= P) {
    if (!reduce) return null;
    y -= P;
  }
  const u = mod(y * y - 1n);
  const v = mod(D * y * y + 1n);
  let x = mod(u * power(v, 3n) * power(u * power(v, 7n), (P - 5n) / 8n));
  if (mod(v * x * x) !== u) {
    if (mod(v * x * x) !== mod(-u)) return null;
    x = mod(x * SQRT_M1);
  }
  if (x === 0n && sign === 1n) return null;
  if ((x & 1n) !== sign) x = P - x;
  return { x, y };
}

function add(a: Point, b: Point): Point {
  const t = mod(D * a.x * b.x * a.y * b.y);
  return { x: mod((a.x * b.y + b.x * a.y) * inverse(1n + t)), y: mod((a.y * b.y + a.x * b.x) * inverse(1n - t)) };
}
const isIdentity = (p: Point) => p.x === 0n && p.y === 1n;
function timesEight(p: Point): Point {
  let q = p;
  for (let i = 0; i < 3; i++) q = add(q, q);
  return q;
}

/** The eight points of order dividing 8, canonically encoded (with both signs of x where x ≠ 0). */
const SMALL_ORDER_KEYS = [
  "0100000000000000000000000000000000000000000000000000000000000000", // identity
  "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // order 2
  "0000000000000000000000000000000000000000000000000000000000000000", // order 4
  "0000000000000000000000000000000000000000000000000000000000000080", // order 4
  "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", // order 8
  "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85", // order 8
  "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", // order 8
  "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa", // order 8
].map(hexToBytes);

/** Every encoding with y ≥ p (y = p + k, k = 0…18), with either sign bit. */
const NON_CANONICAL_KEYS = Array.from({ length: 19 }, (_, k) => k).flatMap((k) => {
  const plain = toLittleEndian(P + BigInt(k));
  const signed = Uint8Array.from(plain);
  signed[31]! |= 0x80;
  return [plain, signed];
});

/** A canonical 32-byte string that is not the encoding of any curve point (found deterministically). */
function offCurveKey(): Uint8Array {
  for (let i = 0; ; i++) {
    const key = sha256(utf8(`core-test/off-curve/${i}`));
    key[31]! &= 0x7f;
    if (fromLittleEndian(key) < P && decodePoint(key) === null) return key;
  }
}

describe("the Wycheproof Ed25519 cases (core/test/vectors/ed25519-signatures.json)", () => {
  it("every case gets the published answer from both backends through the pre-checks", async () => {
    const fixture = JSON.parse(fs.readFileSync(new URL("./vectors/ed25519-signatures.json", import.meta.url), "utf8")) as {
      cases: { key: string; message: string; signature: string; valid: boolean; kind: string }[];
    };
    expect(fixture.cases.length).toBe(151);
    const checks = fixture.cases.map((c) => ({ publicKey: hexToBytes(c.key), message: hexToBytes(c.message), signature: hexToBytes(c.signature) }));
    const verdicts = await bothVerdicts(checks);
    fixture.cases.forEach((c, i) => expect(verdicts[i], `case ${i} (${c.kind})`).toBe(c.valid));
    expect(verdicts.filter(Boolean).length).toBe(fixture.cases.filter((c) => c.valid).length);
  });
});

describe("RFC 8032 §7.1 test vectors", () => {
  it("TEST SHA(abc)'s message is SHA-512 of \"abc\"", () => {
    expect(createHash("sha512").update("abc").digest("hex")).toBe(VECTORS[3]!.message);
  });

  it("signerFromSeed reproduces each public key and signature", async () => {
    for (const vector of VECTORS) {
      const signer = await signerFromSeed(hexToBytes(vector.secret));
      expect(bytesToHex(signer.publicKey), vector.name).toBe(vector.publicKey);
      expect(bytesToHex(await signer.sign(hexToBytes(vector.message))), vector.name).toBe(vector.signature);
    }
  });

  it("verify true through tweetnacl and WebCrypto alike, and pass the pre-checks", async () => {
    const checks = VECTORS.map(vectorCheck);
    expect(await verifySignatures(checks, tweetnaclBackend)).toEqual([true, true, true, true]);
    expect(await verifySignatures(checks, webcrypto)).toEqual([true, true, true, true]);
    for (const check of checks) {
      expect(publicKeyProblem(check.publicKey)).toBeNull();
      expect(signatureProblem(check.signature)).toBeNull();
    }
  });
});

describe("cases where Ed25519 libraries disagree are refused before any library is called", () => {
  it("S + L (and S + kL): tweetnacl alone accepts it; through the pre-check both backends refuse", async () => {
    for (const vector of VECTORS) {
      const valid = vectorCheck(vector);
      const s = fromLittleEndian(valid.signature.subarray(32));
      expect(s < L).toBe(true);
      const maxK = ((1n << 256n) - 1n - s) / L;
      for (const k of [1n, maxK]) {
        const malleated = Uint8Array.from(valid.signature);
        malleated.set(toLittleEndian(s + k * L), 32);
        const check = { ...valid, signature: malleated };
        expect(signatureProblem(malleated)).toMatch(/not canonical \(S >= L\)/);
        // The disagreement the pre-check exists for:
        expect(await tweetnaclBackend.verifyBatch([check]), `${vector.name}, S + ${k}L`).toEqual([true]);
        expect(await webcrypto.verifyBatch([check])).toEqual([false]);
        expect(await bothVerdicts([check])).toEqual([false]);
      }
    }
  });

  it("the eight small-order public keys (each checked to be of order dividing 8) are refused", async () => {
    const points = SMALL_ORDER_KEYS.map((key) => decodePoint(key));
    for (const point of points) {
      expect(point).not.toBeNull();
      expect(isIdentity(timesEight(point!))).toBe(true);
    }
    expect(new Set(points.map((p) => `${p!.x},${p!.y}`)).size).toBe(8); // all of E[8]
    // With the identity as key and R, and S = 0, any message "verifies" in tweetnacl.
    const forgery = { publicKey: SMALL_ORDER_KEYS[0]!, message: utf8("pay me 1000 hours"), signature: new Uint8Array(64) };
    forgery.signature[0] = 1;
    expect(await tweetnaclBackend.verifyBatch([forgery])).toEqual([true]);
    expect(await bothVerdicts([forgery])).toEqual([false]);
    const valid = vectorCheck(VECTORS[1]!);
    for (const publicKey of SMALL_ORDER_KEYS) expect(publicKeyProblem(publicKey)).toMatch(/small-order/);
    expect(await bothVerdicts(SMALL_ORDER_KEYS.map((publicKey) => ({ ...valid, publicKey })))).toEqual(SMALL_ORDER_KEYS.map(() => false));
  });

  it("non-canonical public keys (y ≥ p, including ones that name a valid, large-order point) are refused", async () => {
    const valid = vectorCheck(VECTORS[1]!);
    const validLooking = NON_CANONICAL_KEYS.filter((key) => {
      const point = decodePoint(key, true);
      return point !== null && !isIdentity(timesEight(point));
    });
    expect(validLooking.length).toBeGreaterThan(0);
    expect(decodePoint(toLittleEndian(P + 1n), true)).toEqual({ x: 0n, y: 1n }); // y = p + 1 names the identity
    for (const publicKey of NON_CANONICAL_KEYS) expect(publicKeyProblem(publicKey)).toMatch(/not canonically encoded/);
    expect(await bothVerdicts(NON_CANONICAL_KEYS.map((publicKey) => ({ ...valid, publicKey })))).toEqual(NON_CANONICAL_KEYS.map(() => false));
  });

  it("a signature whose R is non-canonically encoded is refused", async () => {
    const valid = vectorCheck(VECTORS[0]!);
    const checks = NON_CANONICAL_KEYS.map((r) => {
      const signature = Uint8Array.from(valid.signature);
      signature.set(r, 0);
      return { ...valid, signature };
    });
    for (const check of checks) expect(signatureProblem(check.signature)).toMatch(/R is not canonically encoded/);
    expect(await bothVerdicts(checks)).toEqual(checks.map(() => false));
  });

  it("wrong lengths, a signature for another message, and a key not on the curve are refused alike", async () => {
    const valid = vectorCheck(VECTORS[2]!);
    const offCurve = offCurveKey();
    expect(publicKeyProblem(offCurve)).toBeNull(); // canonical and not small-order: the libraries themselves must refuse it
    const cases: [string, SignatureCheck][] = [
      ["31-byte key", { ...valid, publicKey: valid.publicKey.subarray(0, 31) }],
      ["33-byte key", { ...valid, publicKey: Uint8Array.from([...valid.publicKey, 0]) }],
      ["63-byte signature", { ...valid, signature: valid.signature.subarray(0, 63) }],
      ["65-byte signature", { ...valid, signature: Uint8Array.from([...valid.signature, 0]) }],
      ["another message", { ...valid, message: hexToBytes("af83") }],
      ["empty message", { ...valid, message: new Uint8Array() }],
      ["another vector's key", { ...valid, publicKey: hexToBytes(VECTORS[0]!.publicKey) }],
      ["key not on the curve", { ...valid, publicKey: offCurve }],
    ];
    const verdicts = await bothVerdicts(cases.map(([, c]) => c));
    cases.forEach(([name], i) => expect(verdicts[i], name).toBe(false));
    expect(publicKeyProblem(cases[0]![1].publicKey)).toMatch(/must be 32 bytes/);
    expect(publicKeyProblem(cases[1]![1].publicKey)).toMatch(/must be 32 bytes/);
    expect(signatureProblem(cases[2]![1].signature)).toMatch(/must be 64 bytes/);
    expect(signatureProblem(cases[3]![1].signature)).toMatch(/must be 64 bytes/);
  });

  it("random keys and messages, with or without a one-bit corruption of key, signature or message, get identical answers from both backends", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 100 }),
        fc.constantFrom("none", "key", "signature", "message"),
        fc.nat(1023),
        async (seed, message, corrupt, bit) => {
          const signer = await signerFromSeed(seed);
          const check = { publicKey: Uint8Array.from(signer.publicKey), message: Uint8Array.from(message), signature: await signer.sign(message) };
          const target = { none: null, key: check.publicKey, signature: check.signature, message: check.message }[corrupt];
          const corrupted = target !== null && target.length > 0;
          if (corrupted) target[(bit >> 3) % target.length]! ^= 1 << (bit & 7);
          const [verdict] = await bothVerdicts([check]);
          expect(verdict).toBe(!corrupted);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
