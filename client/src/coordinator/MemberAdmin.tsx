// One member at a time: their role, their standing (suspend, reinstate,
// remove, each with a reason) and their own credit limit. Only what the
// ledger's rules allow from the member's current standing is offered.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { LedgerView } from "@tally/core";
import { accountBytes } from "../app/account-bytes.ts";
import { hours, minutesFromHours } from "../app/hours.ts";
import type { Write } from "./write.ts";
import { HoursInput } from "../app/HoursInput.tsx";
import { useSubmit } from "../app/use-submit.ts";
import { BusyButton, SubmitOutcome } from "../app/SubmitControls.tsx";

type Standing = "member.suspend" | "member.reinstate" | "member.remove";

/** Which changes of standing the rules allow from each status. */
const STANDING_FROM: Record<string, Standing[]> = {
  active: ["member.suspend", "member.remove"],
  suspended: ["member.reinstate", "member.remove"],
};

const STANDING_LABEL: Record<Standing, string> = {
  "member.suspend": "coordinate.members.suspend",
  "member.reinstate": "coordinate.members.reinstate",
  "member.remove": "coordinate.members.remove",
};

export function MemberAdmin({ view, groupHex, me, write }: { view: LedgerView; groupHex: string; me: string; write: Write }) {
  const [chosen, setChosen] = useState("");
  const [reason, setReason] = useState("");
  const [limitHours, setLimitHours] = useState("");
  // One write at a time for the member chosen: role, standing and limit share it.
  const submit = useSubmit();
  const { t } = useTranslation();

  // A coordinator's own standing is changed by another coordinator, so no one
  // demotes or suspends themselves by mistake and leaves the group without one.
  const candidates = Object.entries(view.accounts)
    .filter(([id, a]) => a.group === groupHex && a.type !== "group" && id !== me && (a.status === "active" || a.status === "suspended" || id === chosen))
    .sort(([, a], [, b]) => a.name.localeCompare(b.name));
  const account = chosen ? view.accounts[chosen] : undefined;

  function choose(id: string) {
    setChosen(id);
    submit.clear();
    setReason("");
    const limit = view.accounts[id]?.creditLimitMinutes;
    setLimitHours(limit === null || limit === undefined ? "" : String(limit / 60));
  }

  /** Writes one change for the chosen member; `what` names the button pressed. */
  function act(what: string, written: () => Promise<void>, then?: () => void) {
    void submit.run(async () => {
      await written();
      then?.();
      return t("coordinate.done");
    }, what);
  }

  function changeStanding(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const kind = (event.nativeEvent as SubmitEvent).submitter?.getAttribute("value") as Standing | null;
    if (!kind) return;
    act(kind, () => write(kind, { account: accountBytes(chosen), reason: reason.trim() }), () => setReason(""));
  }

  return (
    <>
      <p>{t("coordinate.members.intro")}</p>
      <label>
        {t("coordinate.members.choose")}
        <select value={chosen} onChange={(e) => choose(e.target.value)}>
          <option value="">{t("coordinate.members.none")}</option>
          {candidates.map(([id, a]) => (
            <option key={id} value={id}>{a.name}</option>
          ))}
        </select>
      </label>
      {account ? (
        <div className="member-admin">
          <p>
            {t("coordinate.members.summary", {
              name: account.name,
              status: t(`coordinate.members.status.${account.status}`),
              role: t(`coordinate.members.role.${account.role}`),
              limit: hours(-(account.creditLimitMinutes ?? 0)),
            })}
          </p>
          {account.standingReason ? <p>{t("coordinate.members.reasonGiven", { reason: account.standingReason })}</p> : null}
          {account.status === "active" || account.status === "suspended" ? (
            <>
              {account.type === "proxy" ? (
                <p>{t("coordinate.members.proxyNoRole")}</p>
              ) : account.role === "coordinator" ? (
                <BusyButton submit={submit} type="button" what="role" busyLabel={t("submit.saving")} onClick={() => act("role", () => write("member.role", { account: accountBytes(chosen), role: "member" }))}>
                  {t("coordinate.members.makeMember")}
                </BusyButton>
              ) : (
                <BusyButton submit={submit} type="button" what="role" busyLabel={t("submit.saving")} onClick={() => act("role", () => write("member.role", { account: accountBytes(chosen), role: "coordinator" }))}>
                  {t("coordinate.members.makeCoordinator")}
                </BusyButton>
              )}
              <form onSubmit={changeStanding}>
                <label>
                  {t("coordinate.members.standingReason")}
                  <input required maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
                </label>
                <p>{t("coordinate.members.removeWarning")}</p>
                <div className="actions">
                  {(STANDING_FROM[account.status] ?? []).map((kind) => (
                    <BusyButton key={kind} submit={submit} what={kind} value={kind} className={kind === "member.remove" ? "danger" : undefined} busyLabel={t("submit.saving")}>
                      {t(STANDING_LABEL[kind])}
                    </BusyButton>
                  ))}
                </div>
              </form>
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  act("limit", () => write("account.limit", { account: accountBytes(chosen), creditLimitMinutes: minutesFromHours(limitHours) }));
                }}
              >
                <label>
                  {t("coordinate.members.limit")}
                  <HoursInput value={limitHours} onChange={setLimitHours} minHours={0} maxHours={10000} />
                </label>
                <BusyButton submit={submit} what="limit" busyLabel={t("submit.saving")}>{t("coordinate.members.setLimit")}</BusyButton>
              </form>
            </>
          ) : null}
          <SubmitOutcome submit={submit} />
        </div>
      ) : null}
    </>
  );
}
