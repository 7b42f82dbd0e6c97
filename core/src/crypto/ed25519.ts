// Ed25519 signatures that every verifier in the project judges the same way.
//
// WebCrypto (about 0.1 ms a signature here) is used where the platform has it,
// tweetnacl (about 11 ms) otherwise. The two libraries disagree on edge cases
// (tweetnacl accepts S >= L and non-canonical keys), so those cases are
// rejected here before either library is called.
import nacl from "tweetnacl";
import { concatBytes, hexToBytes, bytesToHex } from "../encoding/bytes.ts";

export const PUBLIC_KEY_BYTES = 32;
export const SIGNATURE_BYTES = 64;
export const SEED_BYTES = 32;

// The group order L, little-endian.
const L_BYTES = hexToBytes("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");

// Encodings of the eight small-order points, with the sign bit cleared
// (libsodium's blocklist). A key equal to one of them lets a forger make
// signatures that some verifiers accept and others refuse.
const SMALL_ORDER_POINTS = [
  "0000000000000000000000000000000000000000000000000000000000000000",
  "0100000000000000000000000000000000000000000000000000000000000000",
  "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
  "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
  "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
].map(hexToBytes);

/** Little-endian a < b for 32-byte values. */
function lessThan(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    if ((a[i] as number) !== (b[i] as number)) return (a[i] as number) < (b[i] as number);
  }
  return false;
}

/** S, the second half of a signature, must be reduced: S < L (RFC 8032 §5.1.7). */
export function isCanonicalScalar(signature: Uint8Array): boolean {
  return lessThan(signature.subarray(32, 64), L_BYTES);
}

/** A point encoding is canonical when its y coordinate is reduced: y < p = 2^255 - 19. */
function isCanonicalPointEncoding(bytes: Uint8Array): boolean {
  if (((bytes[31] as number) & 0x7f) !== 0x7f) return true;
  for (let i = 30; i >= 1; i--) if (bytes[i] !== 0xff) return true;
  return (bytes[0] as number) < 0xed;
}

function isSmallOrder(bytes: Uint8Array): boolean {
  return SMALL_ORDER_POINTS.some((point) => {
    for (let i = 0; i < 31; i++) if (point[i] !== bytes[i]) return false;
    return point[31] === ((bytes[31] as number) & 0x7f);
  });
}

/**
 * Why a public key is unusable, or null. A key that is canonical and not of
 * small order but not on the curve fails in every verifier alike.
 */
export function publicKeyProblem(publicKey: Uint8Array): string | null {
  if (publicKey.length !== PUBLIC_KEY_BYTES) return `public key must be ${PUBLIC_KEY_BYTES} bytes`;
  if (!isCanonicalPointEncoding(publicKey)) return "public key is not canonically encoded";
  if (isSmallOrder(publicKey)) return "public key is a small-order point";
  return null;
}

/** Why a signature can never be valid, or null if it must be checked by a verifier. */
export function signatureProblem(signature: Uint8Array): string | null {
  if (signature.length !== SIGNATURE_BYTES) return `signature must be ${SIGNATURE_BYTES} bytes`;
  if (!isCanonicalScalar(signature)) return "signature is not canonical (S >= L)";
  if (!isCanonicalPointEncoding(signature.subarray(0, 32))) return "signature R is not canonically encoded";
  return null;
}

export interface SignatureCheck {
  publicKey: Uint8Array;
  message: Uint8Array;
  signature: Uint8Array;
}

/** A library that checks Ed25519 signatures; called only on pre-checked input. */
export interface SignatureBackend {
  readonly name: string;
  verifyBatch(checks: readonly SignatureCheck[]): Promise<boolean[]>;
}

export const tweetnaclBackend: SignatureBackend = {
  name: "tweetnacl",
  async verifyBatch(checks) {
    return checks.map((c) => nacl.sign.detached.verify(c.message, c.signature, c.publicKey));
  },
};

const ED25519 = { name: "Ed25519" } as const;

function subtle(): SubtleCrypto | null {
  return globalThis.crypto?.subtle ?? null;
}

/** WebCrypto Ed25519; keys are imported once per batch. */
export function webCryptoBackend(api: SubtleCrypto): SignatureBackend {
  return {
    name: "webcrypto",
    async verifyBatch(checks) {
      const keys = new Map<string, Promise<CryptoKey>>();
      const keyFor = (publicKey: Uint8Array): Promise<CryptoKey> => {
        const hex = bytesToHex(publicKey);
        let key = keys.get(hex);
        if (!key) {
          key = api.importKey("raw", publicKey as BufferSource, ED25519, false, ["verify"]);
          keys.set(hex, key);
        }
        return key;
      };
      return Promise.all(
        checks.map(async (c) => {
          try {
            return await api.verify(ED25519, await keyFor(c.publicKey), c.signature as BufferSource, c.message as BufferSource);
          } catch {
            return false;
          }
        }),
      );
    },
  };
}

let detected: Promise<SignatureBackend> | null = null;

/** The fastest backend this platform has: WebCrypto Ed25519 if it works, else tweetnacl. */
export function defaultBackend(): Promise<SignatureBackend> {
  detected ??= (async () => {
    const api = subtle();
    if (!api) return tweetnaclBackend;
    try {
      const probe = nacl.sign.keyPair.fromSeed(new Uint8Array(SEED_BYTES));
      const message = new Uint8Array([1]);
      const signature = nacl.sign.detached(message, probe.secretKey);
      const backend = webCryptoBackend(api);
      const [ok] = await backend.verifyBatch([{ publicKey: probe.publicKey, message, signature }]);
      return ok ? backend : tweetnaclBackend;
    } catch {
      return tweetnaclBackend;
    }
  })();
  return detected;
}

/**
 * Verifies signatures: the encoding checks first, then the backend on what is left.
 * Every backend gives the same answers for the same input.
 */
export async function verifySignatures(
  checks: readonly SignatureCheck[],
  backend?: SignatureBackend,
): Promise<boolean[]> {
  const results: boolean[] = new Array(checks.length).fill(false);
  const passed: SignatureCheck[] = [];
  const passedAt: number[] = [];
  checks.forEach((check, index) => {
    if (signatureProblem(check.signature) === null && publicKeyProblem(check.publicKey) === null) {
      passed.push(check);
      passedAt.push(index);
    }
  });
  if (passed.length === 0) return results;
  const verdicts = await (backend ?? (await defaultBackend())).verifyBatch(passed);
  verdicts.forEach((ok, i) => {
    results[passedAt[i] as number] = ok;
  });
  return results;
}

/** Something that signs with one Ed25519 key; the secret never leaves it. */
export interface Signer {
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

// PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410), so WebCrypto can import it.
const PKCS8_ED25519_PREFIX = hexToBytes("302e020100300506032b657004220420");

interface NodeCrypto {
  createPrivateKey(options: { key: Uint8Array; format: "der"; type: "pkcs8" }): unknown;
  createPublicKey(key: unknown): { export(options: { format: "der"; type: "spki" }): Uint8Array };
  sign(algorithm: null, data: Uint8Array, key: unknown): Uint8Array;
}

function nodeCrypto(): NodeCrypto | null {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return (process?.getBuiltinModule?.("node:crypto") as NodeCrypto | undefined) ?? null;
}

/**
 * A signer for a 32-byte seed. Ed25519 is deterministic: same seed, same
 * message, same signature. Node signs synchronously (no thread-pool round
 * trip per record); browsers use WebCrypto; tweetnacl is the last resort.
 */
export async function signerFromSeed(seed: Uint8Array): Promise<Signer> {
  if (seed.length !== SEED_BYTES) throw new Error(`a signing seed must be ${SEED_BYTES} bytes`);
  const pkcs8 = concatBytes(PKCS8_ED25519_PREFIX, seed);
  const node = nodeCrypto();
  if (node) {
    const privateKey = node.createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" });
    const spki = node.createPublicKey(privateKey).export({ format: "der", type: "spki" });
    const publicKey = new Uint8Array(spki.subarray(spki.length - PUBLIC_KEY_BYTES));
    return { publicKey, sign: async (message) => new Uint8Array(node.sign(null, message, privateKey)) };
  }
  const backend = await defaultBackend();
  const api = subtle();
  if (backend.name === "webcrypto" && api) {
    const privateKey = await api.importKey("pkcs8", pkcs8 as BufferSource, ED25519, true, ["sign"]);
    const jwk = await api.exportKey("jwk", privateKey);
    const publicKey = base64UrlToBytes(jwk.x as string);
    return {
      publicKey,
      sign: async (message) => new Uint8Array(await api.sign(ED25519, privateKey, message as BufferSource)),
    };
  }
  const pair = nacl.sign.keyPair.fromSeed(seed);
  return {
    publicKey: pair.publicKey,
    sign: async (message) => nacl.sign.detached(message, pair.secretKey),
  };
}

/** A fresh random seed from the platform's CSPRNG: the only randomness in the core. */
export function newSeed(): Uint8Array {
  const seed = new Uint8Array(SEED_BYTES);
  globalThis.crypto.getRandomValues(seed);
  return seed;
}

function base64UrlToBytes(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
