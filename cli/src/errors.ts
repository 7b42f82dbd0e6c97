// Errors the CLI reports as one line on stderr ("tally: <message>") with an exit code.

/** Bad input or bad usage: the user can fix it. Exit code 2 unless told otherwise. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** Squashes a message to one line, so stderr never gets more than one line per error. */
export function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, " ").trim();
}
