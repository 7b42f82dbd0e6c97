// CSV for spreadsheets: every field quoted, quotes doubled (RFC 4180).
export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  return rows.map((row) => row.map((cell) => `"${String(cell).replace(/"/g, '""')}"`).join(",")).join("\r\n") + "\r\n";
}

export function csvLink(rows: readonly (readonly (string | number)[])[]): string {
  return URL.createObjectURL(new Blob([toCsv(rows)], { type: "text/csv;charset=utf-8" }));
}
