// One cell of a CSV export. Text a member typed (a name, a description) is
// opened by spreadsheets, which run a cell beginning with =, +, -, @ (or a
// tab or carriage return) as a formula: such text gets a leading apostrophe,
// so it shows as typed and never runs. Numbers are written as numbers.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(cell: string | number): string {
  const text = typeof cell === "number" ? String(cell) : FORMULA_START.test(cell) ? `'${cell}` : cell;
  return `"${text.replace(/"/g, '""')}"`;
}
