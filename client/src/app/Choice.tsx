// A choice from a list (members, categories): [value, what people read],
// after an optional first entry such as "Choose a member" or "Myself".
export function Choice({ value, onChange, options, first, required = false }: {
  value: string;
  onChange: (value: string) => void;
  options: readonly (readonly [string, string])[];
  first?: readonly [string, string];
  required?: boolean;
}) {
  return (
    <select required={required} value={value} onChange={(e) => onChange(e.target.value)}>
      {first ? <option value={first[0]}>{first[1]}</option> : null}
      {options.map(([id, label]) => (
        <option key={id} value={id}>{label}</option>
      ))}
    </select>
  );
}
