// tally ledger: derives the ledger from export files and prints it as JSON.
import { Ledger, summarisePools, toCanonicalJson, type LedgerView } from "@tally/core";
import { parseCommandArgs } from "../args.ts";
import { CliError } from "../errors.ts";
import { readExports } from "../read-export.ts";

/** Reads the files (a union of their records) and derives the ledger's view. */
export async function deriveFromFiles(command: string, paths: readonly string[]): Promise<LedgerView> {
  if (paths.length === 0) throw new CliError(`${command}: give at least one export file (try "tally help")`);
  const envelopes = readExports(paths);
  const ledger = await Ledger.derive(envelopes);
  return ledger.view();
}

export async function ledger(args: string[], write: (text: string) => void): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    "ledger",
    args,
    {
      full: { type: "boolean", default: false },
      pretty: { type: "boolean", default: false },
      canonical: { type: "boolean", default: false },
      pools: { type: "boolean", default: false },
    },
    true,
  );
  const view = await deriveFromFiles("ledger", positionals);
  // The conformance vectors' form: the whole view, keys sorted, so outputs compare byte for byte.
  if (values.canonical) {
    write(toCanonicalJson(view));
    return 0;
  }
  if (values.pools) {
    if (!view.pools) throw new CliError("ledger: these records hold no pool (no group asked to join another, PROTOCOL §12)");
    const summary = { pools: summarisePools(view), ...(view.merges ? { merges: view.merges } : {}), ...(view.links ? { links: view.links } : {}) };
    write(`${JSON.stringify(summary, null, values.pretty ? 2 : undefined)}\n`);
    return 0;
  }
  const { listings, exchanges, poolExchanges, ...rest } = view;
  const shown: Partial<LedgerView> = values.full ? view : rest;
  write(`${JSON.stringify(shown, null, values.pretty ? 2 : undefined)}\n`);
  return 0;
}
