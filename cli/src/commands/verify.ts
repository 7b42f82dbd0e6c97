// tally verify: exit 0 only if every record of the files is valid.
import { parseCommandArgs } from "../args.ts";
import { deriveFromFiles } from "./ledger.ts";

const SHOWN_PROBLEMS = 20;

export async function verify(args: string[], write: (text: string) => void): Promise<number> {
  const { positionals } = parseCommandArgs("verify", args, {}, true);
  const view = await deriveFromFiles("verify", positionals);
  const { records, sumMinutes } = view.totals;
  const problems = [...view.invalid.map((p) => ({ ...p, what: "invalid" })), ...view.pending.map((p) => ({ ...p, what: "pending" }))];
  if (problems.length === 0 && sumMinutes === 0) {
    write(`ok: ${records} records, all valid\n`);
    return 0;
  }
  const lines: string[] = [];
  if (problems.length > 0) {
    lines.push(`tally: ${problems.length} of ${records} records do not count (${view.invalid.length} invalid, ${view.pending.length} pending)`);
    for (const p of problems.slice(0, SHOWN_PROBLEMS)) lines.push(`${p.id}: ${p.what}: ${p.reason}`);
    if (problems.length > SHOWN_PROBLEMS) lines.push(`... and ${problems.length - SHOWN_PROBLEMS} more (see "tally ledger")`);
  }
  if (sumMinutes !== 0) lines.push(`tally: the balances sum to ${sumMinutes} minutes, not 0`);
  process.stderr.write(`${lines.join("\n")}\n`);
  return 1;
}
