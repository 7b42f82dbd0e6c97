// Every verifier in the project gives the same answer for the same signature:
// RFC 8032 vectors, the edge cases where libraries disagree, and random cases.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  hexToBytes,
  publicKeyProblem,
  signatureProblem,
  signerFromSeed,
  tweetnaclBackend,
  verifySignatures,
  webCryptoBackend,
  type SignatureCheck,
} from "../src/index.ts";

// RFC 8032 §7.1, TEST 1–3.
const VECTORS = [
  {
    secret: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
    publicKey: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
    message: "",
    signature: "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
  },
  {
    secret: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
    publicKey: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
    message: "72",
    signature: "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
  },
  {
    secret: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
    publicKey: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
    message: "af82",
    signature: "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
  },
];

const L = (1n << 252n) + 27742317777372353535851937790883648493n;
const P = (1n << 255n) - 19n;
const webcrypto = webCryptoBackend(globalThis.crypto.subtle);

function toLittleEndian(value: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((value >> BigInt(8 * i)) & 0xffn);
  return out;
}
function fromLittleEndian(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!);
  return value;
}

async function bothVerdicts(checks: SignatureCheck[]): Promise<boolean[]> {
  const [a, b] = await Promise.all([verifySignatures(checks, tweetnaclBackend), verifySignatures(checks, webcrypto)]);
  expect(a).toEqual(b);
  return a;
}

const vectorCheck = (v: (typeof VECTORS)[number]): SignatureCheck => ({
  publicKey: hexToBytes(v.publicKey),
  message: hexToBytes(v.message),
  signature: hexToBytes(v.signature),
});

describe("RFC 8032 test vectors", () => {
  it("sign and verify identically in every backend", async () => {
    for (const vector of VECTORS) {
      const signer = await signerFromSeed(hexToBytes(vector.secret));
      expect(Buffer.from(signer.publicKey).toString("hex")).toBe(vector.publicKey);
      expect(Buffer.from(await signer.sign(hexToBytes(vector.message))).toString("hex")).toBe(vector.signature);
    }
    expect(await bothVerdicts(VECTORS.map(vectorCheck))).toEqual([true, true, true]);
  });
});

describe("cases where Ed25519 libraries disagree are refused before any library is called", () => {
  const valid = vectorCheck(VECTORS[1]!);

  it("S >= L (tweetnacl alone would accept S + L)", async () => {
    const s = fromLittleEndian(valid.signature.subarray(32));
    const malleated = Uint8Array.from(valid.signature);
    malleated.set(toLittleEndian(s + L), 32);
    expect(signatureProblem(malleated)).toMatch(/S >= L/);
    expect(await tweetnaclBackend.verifyBatch([{ ...valid, signature: malleated }])).toEqual([true]); // the disagreement itself
    expect(await bothVerdicts([{ ...valid, signature: malleated }])).toEqual([false]);
  });

  it("non-canonical and small-order public keys, and keys not on the curve", async () => {
    const nonCanonical = toLittleEndian(P + 1n); // y = p + 1 encodes the same point as y = 1
    const smallOrder = [
      "0100000000000000000000000000000000000000000000000000000000000000",
      "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
      "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
      "0000000000000000000000000000000000000000000000000000000000000080",
    ].map(hexToBytes);
    expect(publicKeyProblem(nonCanonical)).toMatch(/not canonically encoded/);
    for (const key of smallOrder) expect(publicKeyProblem(key)).toMatch(/small-order/);
    const offCurve = hexToBytes("0200000000000000000000000000000000000000000000000000000000000000");
    const keys = [nonCanonical, ...smallOrder, offCurve];
    expect(await bothVerdicts(keys.map((publicKey) => ({ ...valid, publicKey })))).toEqual(keys.map(() => false));
  });

  it("wrong lengths and a signature for another message", async () => {
    const cases: SignatureCheck[] = [
      { ...valid, publicKey: valid.publicKey.subarray(0, 31) },
      { ...valid, publicKey: Uint8Array.from([...valid.publicKey, 0]) },
      { ...valid, signature: valid.signature.subarray(0, 63) },
      { ...valid, signature: Uint8Array.from([...valid.signature, 0]) },
      { ...valid, message: hexToBytes("73") },
    ];
    expect(await bothVerdicts(cases)).toEqual([false, false, false, false, false]);
    expect(publicKeyProblem(cases[0]!.publicKey)).toMatch(/32 bytes/);
    expect(signatureProblem(cases[2]!.signature)).toMatch(/64 bytes/);
  });

  it("random keys, messages and one-bit corruptions get identical answers from both backends", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 64 }),
        fc.constantFrom("none", "key", "signature", "message"),
        fc.nat(511),
        async (seed, message, corrupt, bit) => {
          const signer = await signerFromSeed(seed);
          const check = { publicKey: Uint8Array.from(signer.publicKey), message: Uint8Array.from(message), signature: await signer.sign(message) };
          const target = corrupt === "key" ? check.publicKey : corrupt === "signature" ? check.signature : corrupt === "message" ? check.message : null;
          if (target && target.length > 0) target[Math.floor(bit / 8) % target.length]! ^= 1 << (bit % 8);
          const [verdict] = await bothVerdicts([check]);
          if (corrupt === "none" || (corrupt === "message" && message.length === 0)) expect(verdict).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
