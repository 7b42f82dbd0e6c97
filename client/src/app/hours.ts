/** Minutes as hours for people: 90 → "1.5 h". Amounts stay whole minutes everywhere else. */
export function hours(minutes: number): string {
  const sign = minutes < 0 ? "−" : "";
  const abs = Math.abs(minutes);
  const whole = Math.floor(abs / 60);
  const rest = abs % 60;
  return `${sign}${whole}${rest ? `:${String(rest).padStart(2, "0")}` : ""} h`;
}

/** Hours as typed ("1.5") → whole minutes (90). */
export function minutesFromHours(text: string): number {
  return Math.round(Number(text) * 60);
}
