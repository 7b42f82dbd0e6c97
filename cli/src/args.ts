// parseArgs with errors turned into one-line CliErrors (exit 2).
import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliError, oneLine } from "./errors.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O, allowPositionals: boolean) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    if (!code.startsWith("ERR_PARSE_ARGS")) throw error;
    const message = oneLine((error as Error).message).replace(/\. To specify a positional argument.*$/, "");
    throw new CliError(`${command}: ${message.replace(/\.$/, "")} (try "tally help")`);
  }
}

/** A whole number from an option's text, within [min, max]. */
export function integerOption(name: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text.trim())) throw new CliError(`--${name} must be a whole number, not ${JSON.stringify(text)}`);
  const value = Number(text.trim());
  if (!Number.isSafeInteger(value) || value < min || value > max) throw new CliError(`--${name} must be between ${min} and ${max}, not ${text.trim()}`);
  return value;
}
