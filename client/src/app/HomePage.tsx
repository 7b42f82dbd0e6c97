import { useState } from "react";
import { useTranslation } from "react-i18next";
import { bytesToHex, createGroup, newSeed } from "@tally/core";
import type { AppContext } from "./app-context.ts";
import { HoursInput } from "./HoursInput.tsx";
import { minutesFromHours } from "./hours.ts";
import { useSubmit } from "./use-submit.ts";
import { BusyButton, SubmitOutcome } from "./SubmitControls.tsx";

export function HomePage({ context }: { context: AppContext }) {
  const [name, setName] = useState("");
  const [founderName, setFounderName] = useState("");
  const [limitHours, setLimitHours] = useState("10");
  const submit = useSubmit();
  const { t } = useTranslation();

  async function start() {
    const { device, sync } = context;
    const created = await createGroup(device.member, device.device, {
      name: name.trim(),
      founderName: founderName.trim(),
      nonce: newSeed().slice(0, 16),
      creditLimitMinutes: minutesFromHours(limitHours),
      joiningBonusMinutes: 60,
      confirmation: "both",
    });
    const groupHex = bytesToHex(created.groupId);
    await device.remember({ groupHex, name: name.trim(), founding: created.records.map((r) => r.envelope) });
    await context.refreshGroups();
    const replica = await sync.replica(groupHex);
    await replica.write(created.records);
    sync.adapter.reconnect(); // show the relay the new group
    context.go(`/g/${groupHex}`);
  }

  return (
    <>
      <section aria-labelledby="your-groups">
        <h1 id="your-groups">{t("home.yourGroups")}</h1>
        {context.groups.length === 0 ? <p>{t("home.none")}</p> : null}
        <ul className="groups">
          {context.groups.map((g) => (
            <li key={g.groupHex}>
              <a href={`#/g/${g.groupHex}`}>{g.name}</a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="start">
        <h2 id="start">{t("home.start")}</h2>
        <form onSubmit={submit.form(start)}>
          <label>
            {t("home.groupName")}
            <input required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            {t("home.yourName")}
            <input required maxLength={80} value={founderName} onChange={(e) => setFounderName(e.target.value)} />
          </label>
          <label>
            {t("home.limit")}
            <HoursInput value={limitHours} onChange={setLimitHours} minHours={0} maxHours={10000} stepHours={1} />
          </label>
          <BusyButton submit={submit} busyLabel={t("home.starting")}>{t("home.startButton")}</BusyButton>
        </form>
        <SubmitOutcome submit={submit} failed={(reason) => t("home.failed", { reason })} />
      </section>
      {context.groups.length === 0 ? (
        <p>
          <a href="#/recover">{t("account.recoverLink")}</a>
        </p>
      ) : null}
    </>
  );
}
