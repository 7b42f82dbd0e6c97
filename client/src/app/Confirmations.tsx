// Exchanges waiting for this member: who says what was done, when, what kind
// of help and how many hours, in plain words; then Confirm, or "Not right"
// with a reason the other member reads (an exchange.decline, which moves
// nothing). One the member has already said is not right waits no more here:
// it shows among their answers. A coordinator also answers for the members
// whose accounts they keep (proxy members), whose signature theirs stands for.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { confirmationSpendMinutes, hexToBytes, MAX_TEXT_CHARS, type ExchangeView, type LedgerView } from "@tally/core";
import type { GroupReplica } from "@tally/documents";
import type { Write } from "../coordinator/write.ts";
import { hours } from "./hours.ts";
import { accountName, dateText } from "./exchange-words.ts";
import { useSubmit } from "./use-submit.ts";
import { BusyButton, SubmitOutcome } from "./SubmitControls.tsx";
import { SpendWarning, refuseOverspend, type SpendCheck } from "./SpendLimit.tsx";
import "./exchanges.css";

interface Props {
  view: LedgerView;
  replica: GroupReplica;
  /** This member's account id. */
  me: string;
  /** Proxy members this coordinator answers for (account ids). */
  proxies?: readonly string[];
  write: Write;
  overspend: SpendCheck;
  /** After a confirmation is stored (the face-to-face code, if shown, takes the new record). */
  onConfirmed?: () => void;
}

type CardProps = Omit<Props, "replica" | "proxies"> & {
  e: ExchangeView;
  /** The account answering: this member, or a proxy member they keep. */
  account: string;
  onDone: (message: string) => void;
};

/** Proposals that wait for an account's signature and that it has not declined. */
export function waitingFor(view: LedgerView, replica: GroupReplica, account: string): ExchangeView[] {
  return view.exchanges.filter(
    (e) =>
      e.kind === "exchange.propose" &&
      e.status !== "corrected" &&
      e.legs.some((l) => l.waitingFor === account) &&
      !replica.ledger.declinesOf(e.id).some((d) => d.accounts.includes(account)),
  );
}

export function Confirmations({ view, replica, me, proxies = [], write, overspend, onConfirmed }: Props) {
  const { t } = useTranslation();
  // Said here, not on the card: once answered, the exchange waits no more and its card goes.
  const [said, setSaid] = useState<string | null>(null);
  const waiting = [me, ...proxies].flatMap((account) => waitingFor(view, replica, account).map((e) => ({ e, account })));
  return (
    <>
      {waiting.length > 0 ? (
        <section aria-labelledby="to-confirm">
          <h2 id="to-confirm">{t("exchanges.confirm.title")}</h2>
          <ul className="exchange-cards">
            {waiting.map(({ e, account }) => (
              <WaitingExchange key={`${e.id}/${account}`} e={e} account={account} view={view} me={me} write={write} overspend={overspend} onConfirmed={onConfirmed} onDone={setSaid} />
            ))}
          </ul>
        </section>
      ) : null}
      {said ? <p role="status">{said}</p> : null}
    </>
  );
}

function WaitingExchange({ e, account, view, me, write, overspend, onConfirmed, onDone }: CardProps) {
  const { t, i18n } = useTranslation();
  const [notRight, setNotRight] = useState(false);
  const [reason, setReason] = useState("");
  const submit = useSubmit();
  const name = (id: string | null) => accountName(view, id, t);
  const iPay = e.payer === account;
  const myLeg = e.legs.find((l) => l.payee === account);
  const minutes = iPay ? e.legs.reduce((sum, l) => sum + l.minutes, 0) : (myLeg?.minutes ?? 0);
  const otherSide = iPay ? e.legs.map((l) => name(l.payee)).join(", ") : name(e.payer);
  const over = overspend(account, confirmationSpendMinutes(view, e.id, account));
  const words = { names: otherSide, name: otherSide, proxy: name(account), hours: hours(minutes), count: e.legs.length };
  const forProxy = account !== me;
  const sentence = iPay
    ? t(forProxy ? "exchanges.confirm.theyHelpedProxy" : "exchanges.confirm.theyHelpedYou", words)
    : t(forProxy ? "exchanges.confirm.proxyHelpedThem" : "exchanges.confirm.youHelpedThem", words);

  const confirm = async () => {
    refuseOverspend(over);
    await write("exchange.confirm", { proposal: hexToBytes(e.id) }, [e.id]);
    onConfirmed?.();
    onDone(t("exchanges.confirm.confirmed"));
  };
  const decline = async () => {
    await write("exchange.decline", { proposal: hexToBytes(e.id), reason: reason.trim() }, [e.id]);
    onDone(t("exchanges.confirm.sent", { name: otherSide }));
  };

  return (
    <li className="exchange-card">
      <p className="exchange-sentence">{sentence}</p>
      <dl className="exchange-facts">
        <div><dt>{t("exchanges.confirm.what")}</dt><dd>{e.description || t("exchanges.notSaid")}</dd></div>
        <div><dt>{t("exchanges.confirm.when")}</dt><dd>{dateText(e.timeMs, i18n.language)}</dd></div>
        <div><dt>{t("exchanges.confirm.category")}</dt><dd>{e.category ?? t("exchanges.notSaid")}</dd></div>
        <div><dt>{t("exchanges.confirm.hours")}</dt><dd>{hours(minutes)}</dd></div>
      </dl>
      <SpendWarning over={over} />
      {notRight ? (
        <form onSubmit={submit.form(decline, "decline")}>
          <label>
            {t("exchanges.confirm.reason", { name: otherSide })}
            <input required maxLength={MAX_TEXT_CHARS} value={reason} onChange={(ev) => setReason(ev.target.value)} />
          </label>
          <div className="exchange-actions">
            <BusyButton submit={submit} what="decline" busyLabel={t("exchanges.confirm.sending")}>{t("exchanges.confirm.send")}</BusyButton>
            <button type="button" className="small" disabled={submit.busy} onClick={() => setNotRight(false)}>{t("exchanges.confirm.cancel")}</button>
          </div>
        </form>
      ) : (
        <div className="exchange-actions">
          <BusyButton submit={submit} type="button" busyLabel={t("exchanges.confirm.confirming")} onClick={() => void submit.run(confirm)}>
            {t("exchanges.confirm.confirm")}
          </BusyButton>
          <button type="button" className="small" disabled={submit.busy} onClick={() => { submit.clear(); setNotRight(true); }}>
            {t("exchanges.confirm.notRight")}
          </button>
        </div>
      )}
      <SubmitOutcome submit={submit} />
    </li>
  );
}
