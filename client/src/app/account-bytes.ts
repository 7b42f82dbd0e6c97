import { hexToBytes } from "@tally/core";

/** "<group>:<hex>" account id → the 32 bytes a record names it by. */
export function accountBytes(accountId: string): Uint8Array {
  return hexToBytes(accountId.split(":")[1] as string);
}
