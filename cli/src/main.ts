// The `tally` command line: dispatches to one command and turns every error
// into one line on stderr ("tally: ...") and an exit code, never a stack trace.
import { demo } from "./commands/demo.ts";
import { ledger } from "./commands/ledger.ts";
import { verify } from "./commands/verify.ts";
import { CliError, oneLine } from "./errors.ts";
import { USAGE } from "./usage.ts";

function writeStdout(text: string): void {
  process.stdout.write(text);
}

/** A reader that closes the pipe early (`tally ledger f | head`) is not an error. */
function ignoreBrokenPipe(): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    process.stderr.write(`tally: cannot write the output: ${oneLine(error.message)}\n`);
    process.exit(2);
  });
}

async function dispatch(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.includes("--help") || args.includes("-h")) {
    if (command === "demo" || command === "ledger" || command === "verify" || command === "backup") {
      process.stdout.write(USAGE);
      return 0;
    }
  }
  switch (command) {
    case "demo":
      return demo(args);
    case "ledger":
      return ledger(args, writeStdout);
    case "verify":
      return verify(args, writeStdout);
    case "backup":
      // Loaded on demand: it reads the relay's record format, which brings in the documents package.
      return (await import("./commands/backup.ts")).backup(args, writeStdout);
    default:
      if (command.startsWith("-")) throw new CliError(`unknown option ${JSON.stringify(command)} (try "tally help")`);
      throw new CliError(`unknown command ${JSON.stringify(command)} (try "tally help")`);
  }
}

/** Runs the CLI; returns the exit code. */
export async function run(argv: string[]): Promise<number> {
  ignoreBrokenPipe();
  try {
    return await dispatch(argv);
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`tally: ${oneLine(error.message)}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`tally: internal error: ${oneLine(message)}\n`);
    return 2;
  }
}
