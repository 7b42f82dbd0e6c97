// A member's statement, for printing: balance and every movement, for
// members without a phone and for anyone who wants it on paper.
import { useEffect, useState } from "react";
import type { HistoryEntry, LedgerView } from "@tally/core";
import type { AppContext } from "./App.tsx";
import { hours } from "./hours.ts";

const KIND_NAMES: Record<HistoryEntry["kind"], string> = {
  "exchange.propose": "Exchange",
  "exchange.event": "Group activity",
  donation: "Gift",
  grant: "From the group",
  "member.approve": "Joining bonus",
};

export function StatementPage({ context, accountId }: { context: AppContext; accountId: string }) {
  const groupHex = accountId.split(":")[0] as string;
  const [state, setState] = useState<{ view: LedgerView; history: HistoryEntry[] } | null>(null);
  useEffect(() => {
    void context.sync.replica(groupHex).then((replica) => setState({ view: replica.view(), history: replica.ledger.history(accountId) }));
  }, [accountId, groupHex, context.sync]);
  if (!state) return <p>Opening…</p>;
  const account = state.view.accounts[accountId];
  const name = (id: string) => state.view.accounts[id]?.name ?? "a member";
  return (
    <article className="statement">
      <h1>Statement for {account?.name}</h1>
      <p>
        {state.view.groups[groupHex]?.name}. Balance: <strong>{hours(account?.balanceMinutes ?? 0)}</strong>
      </p>
      <table>
        <thead>
          <tr><th scope="col">What</th><th scope="col">With</th><th scope="col">Hours</th></tr>
        </thead>
        <tbody>
          {state.history.map((entry) => (
            <tr key={entry.record}>
              <td>{KIND_NAMES[entry.kind]}</td>
              <td>{entry.counterparties.map(name).join(", ") || "the group"}</td>
              <td>{hours(entry.minutes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button className="no-print" onClick={() => window.print()}>Print</button>
    </article>
  );
}
