// CSV for spreadsheets: every field quoted, quotes doubled (RFC 4180), no text read as a formula.
import { csvCell } from "./csv-cell.ts";

export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export function csvLink(rows: readonly (readonly (string | number)[])[]): string {
  return URL.createObjectURL(new Blob([toCsv(rows)], { type: "text/csv;charset=utf-8" }));
}
