// A table of the town's figures: a header row, then one row per group or
// flow whose first cell names it; figures (hours, counts) align as amounts.
// Wide tables scroll inside their box, never the page.
import type { ReactNode } from "react";

export interface TownRow {
  key: string;
  /** The row's name (a group, a flow's groups), then its figures. */
  name: ReactNode[];
  /** Said under the row's name (a group's status), so a phone's table keeps few columns. */
  detail?: string;
  amounts: ReactNode[];
}

export function TownTable({ headers, rows }: { headers: string[]; rows: TownRow[] }) {
  return (
    <div className="table-scroll">
      <table className="town-table">
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              {row.name.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {cell}
                    {row.detail ? <span className="detail">{row.detail}</span> : null}
                  </th>
                ) : (
                  <td key={i}>{cell}</td>
                ),
              )}
              {row.amounts.map((cell, i) => (
                <td key={`a${i}`} className="amount">{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
