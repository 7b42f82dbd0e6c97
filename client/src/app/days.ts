// Listing expiry is a day number (days since 1970-01-01, UTC) in the record.
import { dayMonthText } from "../i18n/format.ts";

export const DAY_MS = 86_400_000;

export function dayNumber(timeMs: number): number {
  return Math.floor(timeMs / DAY_MS);
}

export function dayText(day: number): string {
  return dayMonthText(day * DAY_MS);
}
