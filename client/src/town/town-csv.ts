// The town dashboard's tables as CSV rows (pure): one file per table, hours
// and minutes both, names as the view knows them (csv.ts neutralises cells a
// spreadsheet would run as formulas).
import type { TownFigures } from "./town-figures.ts";

const hoursOf = (minutes: number) => Math.round((minutes * 100) / 60) / 100;

export function townGroupsCsvRows(figures: TownFigures): (string | number)[][] {
  return [
    ["group", "group id", "status", "balance in the pool (hours)", "balance in the pool (minutes)", "pool limit (minutes)", "hours given to other groups", "hours received from other groups", "active members"],
    ...figures.groups.map((g) => [g.name, g.group, g.status, hoursOf(g.balanceMinutes), g.balanceMinutes, g.creditLimitMinutes ?? "", hoursOf(g.givenMinutes), hoursOf(g.receivedMinutes), g.activeMembers]),
  ];
}

export function townFlowsCsvRows(figures: TownFigures): (string | number)[][] {
  return [
    ["from group", "to group", "hours", "minutes", "exchanges"],
    ...figures.flows.map((f) => [f.fromName, f.toName, hoursOf(f.minutes), f.minutes, f.exchanges]),
  ];
}

export function townActiveCsvRows(figures: TownFigures): (string | number)[][] {
  return [["group", "active members"], ...figures.groups.map((g) => [g.name, g.activeMembers])];
}
