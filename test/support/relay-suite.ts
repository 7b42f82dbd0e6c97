// What every relay test file needs: a real relay process, and the peers the
// tests start, all closed when the file's tests end.
import { afterAll, beforeAll } from "vitest";
import { closePeer, type Peer } from "./peer.ts";
import { startRelayProcess, type RelayProcess } from "./relay-process.ts";

export interface RelaySuite {
  readonly relay: RelayProcess;
  /** Peers to close at the end. */
  readonly everyone: Peer[];
}

export function relaySuite(): RelaySuite {
  let relay: RelayProcess | null = null;
  const everyone: Peer[] = [];
  beforeAll(async () => {
    relay = await startRelayProcess();
  });
  afterAll(async () => {
    await Promise.all(everyone.map((p) => closePeer(p).catch(() => {})));
    await relay?.kill("SIGTERM");
  });
  return {
    get relay() {
      if (!relay) throw new Error("the relay starts in beforeAll");
      return relay;
    },
    everyone,
  };
}
