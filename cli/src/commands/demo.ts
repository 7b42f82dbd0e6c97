// tally demo: writes a deterministic demo export file, atomically.
import * as fs from "node:fs";
import { DEMO_RECORDS_PER_MEMBER, generateDemo, MAX_EXPORT_RECORDS, toExportFile } from "@tally/core";
import { integerOption, parseCommandArgs } from "../args.ts";
import { CliError, oneLine } from "../errors.ts";

const MAX_SEED = 2 ** 32 - 1;

/** Writes text to path via path.tmp and a rename, so a killed run never leaves half a file. */
function writeAtomically(path: string, text: string): void {
  let existing: fs.Stats | undefined;
  try {
    existing = fs.statSync(path);
  } catch {
    // Not there yet: the usual case.
  }
  if (existing?.isDirectory()) throw new CliError(`--out ${path}: is a directory`);
  const tmp = `${path}.tmp`;
  try {
    const fd = fs.openSync(tmp, "w");
    try {
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, path);
  } catch (error) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // Nothing more to do.
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new CliError(`--out ${path}: cannot write, the directory does not exist`);
    if (code === "ENOSPC") throw new CliError(`--out ${path}: cannot write, no space left on the device`);
    if (code === "EACCES" || code === "EPERM" || code === "EROFS") throw new CliError(`--out ${path}: cannot write, permission denied`);
    throw new CliError(`--out ${path}: cannot write (${oneLine((error as Error).message)})`);
  }
}

export async function demo(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    "demo",
    args,
    {
      members: { type: "string", default: "50" },
      records: { type: "string", default: "1000" },
      seed: { type: "string", default: "1" },
      groups: { type: "string", default: "1" },
      out: { type: "string" },
    },
    true,
  );
  if (positionals.length > 0) throw new CliError(`demo: unexpected argument ${JSON.stringify(positionals[0])} (use --out FILE)`);
  if (values.out === undefined || values.out === "") throw new CliError("demo: --out FILE is required");
  const members = integerOption("members", values.members, 1, Math.floor(MAX_EXPORT_RECORDS / DEMO_RECORDS_PER_MEMBER));
  const records = integerOption("records", values.records, 1, MAX_EXPORT_RECORDS);
  const seed = integerOption("seed", values.seed, 0, MAX_SEED);
  const groups = integerOption("groups", values.groups, 1, members);
  if (records < DEMO_RECORDS_PER_MEMBER * members) {
    throw new CliError(`--records must be at least ${DEMO_RECORDS_PER_MEMBER} per member (${DEMO_RECORDS_PER_MEMBER * members} for ${members} members), not ${records}`);
  }

  const generated = await generateDemo({ members, records, seed, groups });
  writeAtomically(values.out, toExportFile(generated.map((r) => r.envelope)));
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  process.stderr.write(`tally: wrote ${plural(generated.length, "record")} (${plural(members, "member")}, ${plural(groups, "group")}, seed ${seed}) to ${values.out}\n`);
  return 0;
}

