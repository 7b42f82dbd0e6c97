// An amount of time as people type it: hours, in quarter hours. Records hold
// whole minutes (minutesFromHours).
export function HoursInput({ value, onChange, minHours = 0.25, maxHours = 1000, stepHours = 0.25 }: { value: string; onChange: (value: string) => void; minHours?: number; maxHours?: number; stepHours?: number }) {
  return <input required type="number" min={minHours} max={maxHours} step={stepHours} value={value} onChange={(e) => onChange(e.target.value)} />;
}
