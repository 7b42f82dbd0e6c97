// The account this device's member key acts for in a group: its own, or,
// after a coordinator moved a lost phone's account to this key
// (member.recover), that account.
import { bytesToHex } from "@tally/core";
import type { GroupReplica } from "@tally/documents";

export function ownAccount(replica: GroupReplica | undefined, groupHex: string, memberKey: Uint8Array): string {
  const memberHex = bytesToHex(memberKey);
  return replica?.ledger.accountOfKey(groupHex, memberHex) ?? `${groupHex}:${memberHex}`;
}
