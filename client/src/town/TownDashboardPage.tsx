// A town coordinator's dashboard (#/town/<pool>), for coordinators of the
// pool: hours per group (balance in the pool, given to and received from
// other groups), flows between groups, active members per group; each table
// as CSV. Figures are what this device holds of the pool's records.
import { useTranslation } from "react-i18next";
import type { AppContext } from "../app/app-context.ts";
import { csvLink } from "../app/csv.ts";
import { hours } from "../app/hours.ts";
import { useGroup } from "../app/use-group.ts";
import { numberText } from "../i18n/format.ts";
import { ownAccount } from "../account/own-account.ts";
import { townActiveCsvRows, townFlowsCsvRows, townGroupsCsvRows } from "./town-csv.ts";
import { townFigures, type TownFigures } from "./town-figures.ts";
import { TownTable } from "./TownTable.tsx";
import "./town.css";

export default function TownDashboardPage({ context, poolHex }: { context: AppContext; poolHex: string }) {
  const opened = useGroup(context, context.groups.some((g) => g.groupHex === poolHex) ? poolHex : null);
  const { t } = useTranslation();
  if (!context.groups.some((g) => g.groupHex === poolHex)) return <p role="alert">{t("town.dashboard.notHere")}</p>;
  if (!opened) return <p>{t("dashboard.opening")}</p>;
  const { view, replica } = opened;
  const me = view.accounts[ownAccount(replica, poolHex, context.device.member.publicKey)];
  if (me?.role !== "coordinator" || me.status !== "active") return <p role="alert">{t("town.dashboard.onlyCoordinators")}</p>;
  const figures = townFigures(view, poolHex) ?? { name: view.groups[poolHex]?.name ?? "", groups: [], flows: [], exchanges: { complete: 0, waiting: 0, pending: 0, refused: 0 } };
  return (
    <>
      <h1>{t("town.dashboard.title", { pool: figures.name || view.groups[poolHex]?.name || "" })}</h1>
      <dl className="figures">
        <div><dt>{t("town.dashboard.groupsIn")}</dt><dd>{numberText(figures.groups.filter((g) => g.status === "member").length)}</dd></div>
        <div><dt>{t("town.dashboard.complete")}</dt><dd>{numberText(figures.exchanges.complete)}</dd></div>
        <div><dt>{t("town.dashboard.waiting")}</dt><dd>{numberText(figures.exchanges.waiting + figures.exchanges.pending)}</dd></div>
        <div><dt>{t("town.dashboard.hours")}</dt><dd>{hours(figures.flows.reduce((sum, f) => sum + f.minutes, 0))}</dd></div>
      </dl>
      <HoursPerGroup figures={figures} />
      <Flows figures={figures} />
      <ActiveMembers figures={figures} />
    </>
  );
}

function CsvLink({ rows, file }: { rows: (string | number)[][]; file: string }) {
  const { t } = useTranslation();
  return <p><a href={csvLink(rows)} download={file}>{t("town.dashboard.csv", { file })}</a></p>;
}

function HoursPerGroup({ figures }: { figures: TownFigures }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="town-hours">
      <h2 id="town-hours">{t("town.dashboard.perGroup")}</h2>
      {figures.groups.length === 0 ? (
        <p>{t("town.groups.none")}</p>
      ) : (
        <TownTable
          headers={[t("town.groups.group"), t("town.dashboard.given"), t("town.dashboard.received")]}
          rows={figures.groups.map((g) => ({
            key: g.group,
            name: [g.name],
            // Status and balance under the name: three columns fit a phone in every language.
            detail: t("town.dashboard.standing", { status: t(`town.status.${g.status}`), balance: hours(g.balanceMinutes) }),
            amounts: [hours(g.givenMinutes), hours(g.receivedMinutes)],
          }))}
        />
      )}
      <CsvLink rows={townGroupsCsvRows(figures)} file="town-groups.csv" />
    </section>
  );
}

function Flows({ figures }: { figures: TownFigures }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="town-flows">
      <h2 id="town-flows">{t("town.dashboard.flows")}</h2>
      <p>{t("town.dashboard.flowsIntro")}</p>
      {figures.flows.length === 0 ? (
        <p>{t("town.dashboard.noFlows")}</p>
      ) : (
        <TownTable
          headers={[t("town.dashboard.fromTo"), t("town.dashboard.flowHours"), t("town.dashboard.exchanges")]}
          rows={figures.flows.map((f) => ({ key: `${f.from}>${f.to}`, name: [t("town.dashboard.flow", { from: f.fromName, to: f.toName })], amounts: [hours(f.minutes), numberText(f.exchanges)] }))}
        />
      )}
      <CsvLink rows={townFlowsCsvRows(figures)} file="town-flows.csv" />
    </section>
  );
}

function ActiveMembers({ figures }: { figures: TownFigures }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="town-active">
      <h2 id="town-active">{t("town.dashboard.active")}</h2>
      <p>{t("town.dashboard.activeIntro")}</p>
      {figures.groups.length === 0 ? null : (
        <TownTable
          headers={[t("town.groups.group"), t("town.dashboard.activeMembers")]}
          rows={figures.groups.map((g) => ({ key: g.group, name: [g.name], amounts: [numberText(g.activeMembers)] }))}
        />
      )}
      <CsvLink rows={townActiveCsvRows(figures)} file="town-active-members.csv" />
    </section>
  );
}
