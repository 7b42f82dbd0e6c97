// When an activity starts, as records keep it: a day number (days since
// 1970-01-01) and a minute of that day, both as the coordinator typed them in
// the group's own time. Display only; no rule reads them.
import i18next from "i18next";
import { DAY_MS } from "../app/days.ts";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;

/** "2026-12-05" (an <input type=date>) → its day number, or null when it is not a date. */
export function dayFromDateInput(text: string): number | null {
  const match = DATE.exec(text);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isFinite(ms) && ms >= 0 ? Math.floor(ms / DAY_MS) : null;
}

/** "10:30" (an <input type=time>) → 630, or null. */
export function minuteFromTimeInput(text: string): number | null {
  const match = TIME.exec(text);
  if (!match) return null;
  const [h, m] = [Number(match[1]), Number(match[2])];
  return h < 24 && m < 60 ? h * 60 + m : null;
}

/** The day as people read it in the page's language, e.g. "Sat, Dec 5, 2026". */
export function longDayText(day: number): string {
  return new Date(day * DAY_MS).toLocaleDateString(i18next.resolvedLanguage ?? "en", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

/** 630 → "10:30". */
export function minuteText(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}
