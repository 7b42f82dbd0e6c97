// A relay process under a supervisor, as a deployment runs it: whenever it
// exits on its own, the supervisor counts the exit and starts it again on the
// same port and data. Hostile tests assert that count stays 0.
import { startRelayProcess, type RelayProcess } from "./relay-process.ts";

export interface SupervisedRelay {
  readonly relay: RelayProcess;
  /** Exits the relay made on its own (not by the test's kill). */
  readonly exits: number;
  /** Log lines so far. */
  log(): string;
  /** A deliberate restart (SIGTERM, or SIGKILL as a crash would), not counted as an exit. */
  restart(signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

export async function superviseRelay(env: Record<string, string> = {}): Promise<SupervisedRelay> {
  const relay = await startRelayProcess(env);
  let exits = 0;
  let stopping = false;
  const watch = () =>
    relay.child.once("exit", (code, signal) => {
      if (stopping) return;
      exits++;
      relay.logs.push(`[supervisor] relay exited (code ${code}, signal ${signal}); restarting\n`);
      relay.restart().then(watch, (error: unknown) => relay.logs.push(`[supervisor] restart failed: ${(error as Error).message}\n`));
    });
  watch();
  return {
    relay,
    get exits() {
      return exits;
    },
    log: () => relay.logs.join(""),
    async restart(signal: NodeJS.Signals = "SIGTERM") {
      await relay.kill(signal);
      await relay.restart();
      watch();
    },
    async stop() {
      stopping = true;
      await relay.kill("SIGTERM");
    },
  };
}

/** Lines of one kind the relay logged, counting those its bounded log summarised ("<kind>: N more not shown"). */
export function countLogged(log: string, kind: string): number {
  const shown = log.split("\n").filter((line) => line.includes(`"msg":"${kind} `)).length;
  const hidden = [...log.matchAll(new RegExp(`${kind}: (\\d+) more not shown`, "g"))].reduce((sum, match) => sum + Number(match[1]), 0);
  return shown + hidden;
}
