// The groups of a pool: each one's standing (asked, in the pool, left) and
// balance in the pool. A coordinator of the pool (the pool is a group too)
// admits a group that asked (pool.admit, naming its pool.join) and sets a
// group's pool limit (pool.limit: how far below zero its balance may go).
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { hexToBytes, MAX_CREDIT_LIMIT_MINUTES, type LedgerView } from "@tally/core";
import type { Write } from "../coordinator/write.ts";
import { hours, minutesFromHours } from "../app/hours.ts";
import { HoursInput } from "../app/HoursInput.tsx";
import { useSubmit } from "../app/use-submit.ts";
import { ActionButton, BusyButton, SubmitOutcome } from "../app/SubmitControls.tsx";
import { TownTable } from "./TownTable.tsx";

interface Props {
  view: LedgerView;
  pool: string;
  /** This member coordinates the pool: they may admit groups and set limits. */
  admin: boolean;
  write: Write;
}

export function PoolGroups({ view, pool, admin, write }: Props) {
  const { t } = useTranslation();
  const groups = Object.entries(view.pools?.[pool]?.groups ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  const nameOf = (group: string) => view.groups[group]?.name || t("town.anotherGroup");
  const asked = groups.filter(([, g]) => g.status === "asked");
  // Said here, not on the card: once admitted, the group asks no more and its card goes.
  const [said, setSaid] = useState<string | null>(null);
  return (
    <section aria-labelledby={`pool-groups-${pool}`}>
      <h3 id={`pool-groups-${pool}`}>{t("town.groups.title")}</h3>
      {groups.length === 0 ? <p>{t("town.groups.none")}</p> : null}
      {said ? <p role="status">{said}</p> : null}
      {admin && asked.length > 0 ? (
        <ul className="cards" aria-label={t("town.groups.asking")}>
          {asked.map(([group, g]) => (
            <li key={group}>
              <p>{t("town.groups.asks", { group: nameOf(group) })}</p>
              <ActionButton
                action={async () => {
                  await write("pool.admit", { group: hexToBytes(group), join: hexToBytes(g.join) });
                  setSaid(t("town.groups.admitted", { group: nameOf(group) }));
                }}
                label={t("town.groups.admit", { group: nameOf(group) })}
                busyLabel={t("town.groups.admitting")}
              />
            </li>
          ))}
        </ul>
      ) : null}
      {groups.length > 0 ? (
        <TownTable
          headers={[t("town.groups.group"), t("town.groups.balance"), t("town.groups.limit")]}
          rows={groups.map(([group, g]) => {
            const account = view.accounts[`${pool}:${group}`];
            return {
              key: group,
              name: [nameOf(group)],
              detail: t(`town.status.${g.status}`),
              amounts: [account ? hours(account.balanceMinutes) : "—", account?.creditLimitMinutes != null ? hours(-account.creditLimitMinutes) : "—"],
            };
          })}
        />
      ) : null}
      {admin && groups.some(([, g]) => g.status === "member") ? <PoolLimit view={view} pool={pool} write={write} nameOf={nameOf} /> : null}
    </section>
  );
}

function PoolLimit({ view, pool, write, nameOf }: { view: LedgerView; pool: string; write: Write; nameOf: (group: string) => string }) {
  const { t } = useTranslation();
  const members = Object.entries(view.pools?.[pool]?.groups ?? {}).filter(([, g]) => g.status === "member").map(([group]) => group).sort();
  const [group, setGroup] = useState(members[0] ?? "");
  const [amount, setAmount] = useState("10");
  const submit = useSubmit();

  async function set(): Promise<string> {
    const minutes = minutesFromHours(amount);
    if (!members.includes(group)) throw new Error(t("town.limit.chooseGroup"));
    if (!Number.isSafeInteger(minutes) || minutes < 0 || minutes > MAX_CREDIT_LIMIT_MINUTES) throw new Error(t("town.limit.range", { most: hours(MAX_CREDIT_LIMIT_MINUTES) }));
    await write("pool.limit", { group: hexToBytes(group), creditLimitMinutes: minutes });
    return t("town.limit.set", { group: nameOf(group), limit: hours(minutes) });
  }

  return (
    <form onSubmit={submit.form(set)}>
      <fieldset>
        <legend>{t("town.limit.title")}</legend>
        <label>
          {t("town.limit.group")}
          <select value={group} onChange={(e) => setGroup(e.target.value)}>
            {members.map((g) => (
              <option key={g} value={g}>{nameOf(g)}</option>
            ))}
          </select>
        </label>
        <label>
          {t("town.limit.hours")}
          <HoursInput value={amount} onChange={setAmount} minHours={0} maxHours={MAX_CREDIT_LIMIT_MINUTES / 60} />
        </label>
        <BusyButton submit={submit} busyLabel={t("town.limit.setting")}>{t("town.limit.submit")}</BusyButton>
      </fieldset>
      <SubmitOutcome submit={submit} />
    </form>
  );
}
