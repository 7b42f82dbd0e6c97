// Payments from people in other groups that wait for this member (or a proxy
// member they keep) to accept: who paid, from which group, what for, how
// many hours; "Accept" signs the pool.accept that completes the exchange on
// every ledger it crosses (PROTOCOL §12.4). Nothing moves until then.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { hexToBytes, type LedgerView, type PoolExchange } from "@tally/core";
import type { Write } from "../coordinator/write.ts";
import { accountBytes } from "../app/account-bytes.ts";
import { accountName, dateText } from "../app/exchange-words.ts";
import { categoryName } from "../app/categories.ts";
import { hours } from "../app/hours.ts";
import { ActionButton } from "../app/SubmitControls.tsx";

/** The pool.accept body for a payment: the payee's side, naming the payment in the payer's group. */
export function acceptBody(payment: PoolExchange) {
  return { pool: hexToBytes(payment.pool), fromGroup: hexToBytes(payment.payer.split(":")[0] as string), payment: hexToBytes(payment.id), payee: accountBytes(payment.payee) };
}

export function PoolAccepts({ view, waiting, write }: { view: LedgerView; waiting: readonly PoolExchange[]; write: Write }) {
  const { t, i18n } = useTranslation();
  const [said, setSaid] = useState<string | null>(null);
  if (waiting.length === 0 && said === null) return null;
  return (
    <section aria-labelledby="pool-accept">
      <h2 id="pool-accept">{t("town.accept.title")}</h2>
      {said ? <p role="status">{said}</p> : null}
      <ul className="cards">
        {waiting.map((e) => {
          const words = {
            name: accountName(view, e.payer, t),
            group: view.groups[e.payer.split(":")[0] as string]?.name || t("town.anotherGroup"),
            hours: hours(e.minutes),
            payee: accountName(view, e.payee, t),
          };
          return (
            <li key={e.id}>
              <p>{t("town.accept.paid", words)}</p>
              <p>
                “{e.description}”{e.category ? ` (${categoryName(t, e.category)})` : ""} · {dateText(e.timeMs, i18n.language)}
              </p>
              <ActionButton
                action={async () => {
                  await write("pool.accept", acceptBody(e));
                  setSaid(t("town.accept.done", words));
                }}
                label={t("town.accept.button", words)}
                busyLabel={t("town.accept.accepting")}
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
