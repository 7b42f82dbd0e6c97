#!/usr/bin/env node
// Launcher for the `tally` command-line tool. In a checkout with the
// development tools it runs the TypeScript sources through tsx (always
// current); in a production install (no tsx) it runs the build, dist/cli.js.
async function loadRun() {
  let register;
  try {
    ({ register } = await import("tsx/esm/api"));
  } catch {
    return (await import("../../dist/cli.js")).run;
  }
  register();
  return (await import("../src/main.ts")).run;
}

try {
  const run = await loadRun();
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  // main.ts catches everything it can; this covers a failure to load it.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`tally: internal error: ${message.split("\n")[0]}\n`);
  process.exitCode = 2;
}
