// What became of this member's latest exchanges, newest answer first: whether
// the other side confirmed, said "not right" (and why), or a coordinator
// reversed it (and why). The one who recorded an exchange reads the answer
// here; a correction shows on the phones of everyone it touches.
import { useTranslation } from "react-i18next";
import { confirmationSpendMinutes, hexToBytes, type ExchangeView, type LedgerView } from "@tally/core";
import type { GroupReplica } from "@tally/documents";
import { hours } from "./hours.ts";
import { recordText } from "./record-text.ts";
import { accountName, dateText, exchangeSentence, recordTimeMs, whatWasDone } from "./exchange-words.ts";
import { waitingFor } from "./Confirmations.tsx";
import type { Write } from "../coordinator/write.ts";
import { ActionButton } from "./SubmitControls.tsx";
import { refuseOverspend, type SpendCheck } from "./SpendLimit.tsx";
import "./exchanges.css";

/** How many answers the group page shows; the statement has them all. */
const SHOWN_MAX = 5;

interface Props {
  view: LedgerView;
  replica: GroupReplica;
  me: string;
  /** For "Confirm after all" on an exchange this member said was not right (a later confirmation still signs). */
  write: Write;
  overspend: SpendCheck;
}

function touches(e: ExchangeView, account: string): boolean {
  return e.payer === account || e.legs.some((l) => l.payee === account) || e.deltas.some((d) => d.account === account);
}

export function ExchangeAnswers({ view, replica, me, write, overspend }: Props) {
  const { t, i18n } = useTranslation();
  const group = me.split(":")[0] as string;
  const names = (ids: readonly string[]) => [...new Set(ids)].map((id) => accountName(view, id, t)).join(", ");

  /** When the exchange last changed, as far as its records say: made, declined or reversed. */
  const lastChangeMs = (e: ExchangeView) =>
    Math.max(e.timeMs, ...e.correctedBy.map((id) => recordTimeMs(replica, id)), ...replica.ledger.declinesOf(e.id).map((d) => recordTimeMs(replica, d.id)));
  // What waits for this member's answer is with the confirmations, not here.
  const hidden = new Set(waitingFor(view, replica, me).map((e) => e.id));
  const mine = view.exchanges
    .filter((e) => e.group === group && !hidden.has(e.id) && touches(e, me))
    .map((e) => ({ e, changedMs: lastChangeMs(e) }))
    .sort((a, b) => b.changedMs - a.changedMs || (a.e.id < b.e.id ? -1 : 1))
    .slice(0, SHOWN_MAX);
  if (mine.length === 0) return null;

  function answer(e: ExchangeView): string[] {
    if (e.status === "corrected") {
      const reasons = e.correctedBy.map((id) => recordText(replica, id)).filter(Boolean).join("; ");
      return [reasons ? t("exchanges.answers.corrected", { reason: reasons }) : t("exchanges.answers.correctedNoReason")];
    }
    const declined = replica.ledger.declinesOf(e.id).map((d) => {
      const key = d.accounts.includes(me) ? "exchanges.answers.youDeclined" : "exchanges.answers.declined";
      return d.reason ? t(key, { names: names(d.accounts), reason: d.reason }) : t(`${key}NoReason`, { names: names(d.accounts) });
    });
    const waitingNames = names(e.legs.flatMap((l) => (l.waitingFor && !l.moved ? [l.waitingFor] : [])));
    if (e.status === "complete") return [e.kind === "exchange.propose" ? t("exchanges.answers.confirmed") : t("exchanges.answers.counts"), ...declined];
    if (e.status === "partial") return [t("exchanges.answers.partly", { names: waitingNames }), ...declined];
    if (e.status === "waiting") return [t("exchanges.answers.waitingFor", { names: waitingNames }), ...declined];
    return declined;
  }

  return (
    <section aria-labelledby="answers">
      <h2 id="answers">{t("exchanges.answers.title")}</h2>
      <ul className="exchange-answers">
        {mine.map(({ e }) => {
          const what = whatWasDone(replica, e);
          return (
            <li key={e.id} data-status={e.status}>
              <span className="exchange-date">{dateText(e.timeMs, i18n.language)}</span> {exchangeSentence(view, e, t, hours)}
              {what ? `: “${what}”` : ""}
              {answer(e).map((line) => (
                <p key={line} className={e.status === "complete" ? "exchange-answer" : "exchange-answer attention"}>{line}</p>
              ))}
              {e.kind === "exchange.propose" && e.status !== "corrected" && e.legs.some((l) => l.waitingFor === me) ? (
                <ActionButton
                  className="small"
                  label={t("exchanges.answers.confirmAfterAll")}
                  busyLabel={t("exchanges.confirm.confirming")}
                  action={async () => {
                    refuseOverspend(overspend(me, confirmationSpendMinutes(view, e.id, me)));
                    await write("exchange.confirm", { proposal: hexToBytes(e.id) }, [e.id]);
                  }}
                />
              ) : null}
            </li>
          );
        })}
      </ul>
      <p><a href={`#/statement/${me}`}>{t("exchanges.answers.all")}</a></p>
    </section>
  );
}
