// Dates, numbers and hours written the way the chosen language writes them
// (Intl), so a page never mixes an English date into Urdu or Polish text.
import i18next from "i18next";
import { en } from "./en.ts";

/** The language of the page; English outside the app (tests, the command line). */
function locale(): string {
  return i18next.resolvedLanguage ?? "en";
}

export function numberText(value: number): string {
  return new Intl.NumberFormat(locale()).format(value);
}

export function dateText(timeMs: number): string {
  return new Date(timeMs).toLocaleDateString(locale(), { dateStyle: "medium" });
}

export function dateTimeText(timeMs: number): string {
  return new Date(timeMs).toLocaleString(locale(), { dateStyle: "medium", timeStyle: "short" });
}

/** A day without its year, read in UTC (a listing's last day): "29 Nov". */
export function dayMonthText(timeMs: number): string {
  return new Date(timeMs).toLocaleDateString(locale(), { day: "numeric", month: "short", timeZone: "UTC" });
}

/** "2026-11" → "Nov 2026". */
export function monthText(isoMonth: string): string {
  return new Date(`${isoMonth}-01T00:00:00Z`).toLocaleDateString(locale(), { month: "short", year: "numeric", timeZone: "UTC" });
}

/**
 * "−1:30" → "−1:30 h" in the page's language. In a right-to-left page the
 * value is isolated (i18n.ts), which keeps a minus sign before its number.
 */
export function hoursText(value: string): string {
  if (!i18next.isInitialized) return en.units.hours.replace("{{value}}", value);
  return i18next.t("units.hours", { value });
}
