import { hoursText, numberText } from "../i18n/format.ts";

/** Minutes as hours for people: 90 → "1:30 h" (in the page's language). Amounts stay whole minutes everywhere else. */
export function hours(minutes: number): string {
  const sign = minutes < 0 ? "−" : "";
  const abs = Math.abs(minutes);
  const whole = Math.floor(abs / 60);
  const rest = abs % 60;
  return hoursText(`${sign}${numberText(whole)}${rest ? `:${String(rest).padStart(2, "0")}` : ""}`);
}

/** Hours as typed ("1.5") → whole minutes (90). */
export function minutesFromHours(text: string): number {
  return Math.round(Number(text) * 60);
}
