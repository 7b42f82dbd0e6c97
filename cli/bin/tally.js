#!/usr/bin/env node
// Launcher for the `tally` command-line tool: registers tsx so Node can load
// the TypeScript sources directly (no build step), then runs cli/src/main.ts.
import { register } from "tsx/esm/api";

register();

try {
  const { run } = await import("../src/main.ts");
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  // main.ts catches everything it can; this covers a failure to load it.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`tally: internal error: ${message.split("\n")[0]}\n`);
  process.exitCode = 2;
}
