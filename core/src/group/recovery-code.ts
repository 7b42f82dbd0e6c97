// A recovery code: a member key's 32-byte seed as text a person can write
// down, print or type back. Crockford base32 (no I, L, O or U; those are read
// as 1, 1 and 0 when typed), in groups of five, with a CRC-16 so that any
// mistyped character, or two swapped neighbours, is caught rather than
// silently becoming someone else's key.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const SEED_BYTES = 32;
const CODE_BYTES = SEED_BYTES + 2;
const CODE_CHARS = Math.ceil((CODE_BYTES * 8) / 5); // 55
const GROUP_CHARS = 5;

/** CRC-16/CCITT-FALSE: it detects every error burst of up to 16 bits, so any one wrong character. */
export function crc16(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

export function recoveryCode(seed: Uint8Array): string {
  if (seed.length !== SEED_BYTES) throw new Error(`a seed is ${SEED_BYTES} bytes`);
  const crc = crc16(seed);
  const bytes = new Uint8Array([...seed, crc >> 8, crc & 0xff]);
  let chars = "";
  let value = 0;
  let bits = 0;
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      chars += ALPHABET[(value >> bits) & 31];
    }
  }
  if (bits > 0) chars += ALPHABET[(value << (5 - bits)) & 31];
  return chars.match(new RegExp(`.{1,${GROUP_CHARS}}`, "g"))!.join("-");
}

/** The seed in a typed or scanned code, or null when it is not a whole, correct code. */
export function seedFromRecoveryCode(text: string): Uint8Array | null {
  const chars = text.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  if (chars.length !== CODE_CHARS) return null;
  const bytes = new Uint8Array(CODE_BYTES);
  let value = 0;
  let bits = 0;
  let o = 0;
  for (const char of chars) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) return null;
    value = ((value << 5) | digit) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes[o++] = (value >> bits) & 0xff;
    }
  }
  if ((value & ((1 << bits) - 1)) !== 0) return null; // unused bits are zero: one text per code
  const seed = bytes.slice(0, SEED_BYTES);
  const crc = ((bytes[SEED_BYTES] as number) << 8) | (bytes[SEED_BYTES + 1] as number);
  return crc16(seed) === crc ? seed : null;
}
