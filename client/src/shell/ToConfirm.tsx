// Exchanges others recorded that count once this member confirms them.
import { useTranslation } from "react-i18next";
import { confirmationSpendMinutes, hexToBytes } from "@tally/core";
import { hours } from "../app/hours.ts";
import { ActionButton } from "../app/SubmitControls.tsx";
import { SpendWarning, refuseOverspend } from "../app/SpendLimit.tsx";
import type { GroupSession } from "./session.ts";

export function ToConfirm({ session }: { session: GroupSession }) {
  const { t } = useTranslation();
  const { view, me, waitingForMe, code } = session;
  return (
    <>
      {waitingForMe.length > 0 ? (
        <section aria-labelledby="to-confirm">
          <h2 id="to-confirm">{t("group.toConfirm")}</h2>
          <ul className="cards">
            {waitingForMe.map((e) => {
              const over = session.overspend(me, confirmationSpendMinutes(view, e.id, me));
              return (
                <li key={e.id}>
                  {view.accounts[e.payer ?? ""]?.name} → {e.legs.map((l) => `${view.accounts[l.payee]?.name} ${hours(l.minutes)}`).join(", ")}{" "}
                  <ActionButton
                    label={t("group.confirm")}
                    busyLabel={t("group.confirming")}
                    action={async () => {
                      refuseOverspend(over);
                      await session.write("exchange.confirm", { proposal: hexToBytes(e.id) }, [e.id]);
                      if (code !== null) session.showOwnRecords();
                      session.setConfirmed(true);
                    }}
                  />
                  <SpendWarning over={over} />
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      {session.confirmed ? <p role="status">{t("group.confirmed")}</p> : null}
    </>
  );
}

/** Exchanges this member is part of that wait for someone else. */
export function WaitingForOthers({ session }: { session: GroupSession }) {
  const { t } = useTranslation();
  const { view, waitingForOthers } = session;
  if (waitingForOthers.length === 0) return null;
  const name = (id: string | null | undefined) => view.accounts[id ?? ""]?.name;
  return (
    <section aria-labelledby="pending">
      <h2 id="pending">{t("group.pending")}</h2>
      <ul>
        {waitingForOthers.map((e) => (
          <li key={e.id}>
            {name(e.payer)} → {e.legs.map((l) => `${name(l.payee)} ${hours(l.minutes)}`).join(", ")}:{" "}
            {e.status === "declined" ? t("group.declined") : t("group.waitingFor", { names: e.legs.map((l) => name(l.waitingFor)).filter(Boolean).join(", ") })}
          </li>
        ))}
      </ul>
    </section>
  );
}
