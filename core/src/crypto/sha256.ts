import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";

type Hash = (bytes: Uint8Array) => Uint8Array;

// Node's native SHA-256 is about twice as fast as any JS one and every record
// is hashed on every start, so use it where the platform offers it
// synchronously; the browser gets @noble/hashes. Same function either way.
function platformSha256(): Hash | null {
  const nodeCrypto = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(
    "node:crypto",
  ) as
    | { createHash(name: string): { update(b: Uint8Array): { digest(): Uint8Array } }; hash?: (algorithm: string, data: Uint8Array, encoding: "buffer") => Uint8Array }
    | undefined;
  if (!nodeCrypto) return null;
  const oneShot = nodeCrypto.hash;
  if (oneShot) {
    // One call, no Hash object per record (Node ≥ 20.12).
    return (bytes) => {
      const digest = oneShot("sha256", bytes, "buffer");
      return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
    };
  }
  return (bytes) => {
    const digest = nodeCrypto.createHash("sha256").update(bytes).digest();
    return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
  };
}

const hash: Hash = platformSha256() ?? ((bytes) => nobleSha256(bytes));

/** SHA-256, synchronous on every platform. */
export function sha256(bytes: Uint8Array): Uint8Array {
  return hash(bytes);
}
