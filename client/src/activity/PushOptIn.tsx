// The member's choice of notifications on this phone (Web Push from the relay).
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Signer } from "@tally/core";
import { BusyButton, SubmitOutcome } from "../app/SubmitControls.tsx";
import { useSubmit } from "../app/use-submit.ts";
import { pushState, turnOffPush, turnOnPush, type PushState } from "./push-opt-in.ts";

export function PushOptIn({ device }: { device: Signer }) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const [state, setState] = useState<PushState | null>(null);
  useEffect(() => {
    void pushState().then(setState);
  }, []);
  if (state === null) return null;

  const change = (on: boolean) =>
    submit.run(async () => {
      try {
        await (on ? turnOnPush(device) : turnOffPush(device));
        return t(on ? "activity.push.turnedOn" : "activity.push.turnedOff");
      } finally {
        setState(await pushState());
      }
    }, on ? "on" : "off");

  return (
    <div className="push-opt-in">
      <h3>{t("activity.push.heading")}</h3>
      <p>{t(`activity.push.${state === "on" ? "isOn" : state === "off" ? "isOff" : state}`)}</p>
      {state === "off" ? (
        <BusyButton submit={submit} type="button" what="on" busyLabel={t("activity.push.turningOn")} onClick={() => void change(true)}>
          {t("activity.push.turnOn")}
        </BusyButton>
      ) : null}
      {state === "on" ? (
        <BusyButton submit={submit} type="button" what="off" busyLabel={t("activity.push.turningOff")} onClick={() => void change(false)}>
          {t("activity.push.turnOff")}
        </BusyButton>
      ) : null}
      <SubmitOutcome submit={submit} failed={(reason) => t("activity.push.failed", { reason })} />
    </div>
  );
}
