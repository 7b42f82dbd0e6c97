// A group's replica and its ledger view, kept current as records arrive; and
// the group of an account id, when it is one of this device's groups.
import { useEffect, useState } from "react";
import type { LedgerView } from "@tally/core";
import type { GroupReplica } from "@tally/documents";
import type { AppContext } from "../app/app-context.ts";

/** The group part of "<group>:<account>", or null when the id is malformed or names a group this device is not in. */
export function knownGroupOf(context: AppContext, accountId: string): string | null {
  const match = /^([0-9a-f]{32}):(?:[0-9a-f]{64}|group)$/.exec(accountId);
  return match && context.groups.some((g) => g.groupHex === match[1]) ? (match[1] as string) : null;
}

export function useGroup(context: AppContext, groupHex: string | null): { replica: GroupReplica; view: LedgerView } | null {
  const [state, setState] = useState<{ replica: GroupReplica; view: LedgerView } | null>(null);
  useEffect(() => {
    if (groupHex === null) return;
    let off = () => {};
    let closed = false;
    void context.sync.replica(groupHex).then((replica) => {
      if (closed) return;
      setState({ replica, view: replica.view() });
      off = replica.onChange(() => setState({ replica, view: replica.view() }));
    });
    return () => {
      closed = true;
      off();
    };
  }, [groupHex, context.sync]);
  return state;
}
