// Hostile input against a real relay under a supervisor: whatever a stranger
// or a member sends, the relay refuses it with a logged reason, closes only
// that connection, and never exits; honest members keep syncing.
import * as Automerge from "@automerge/automerge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closePeer, waitFor, write, type Peer } from "../support/peer.ts";
import { groupOf } from "../support/group.ts";
import { INDEX_GENESIS, documentIdOf } from "@tally/documents";
import { closedWithin, connectRaw, join, sendDocument, throwawayGroup } from "../support/relay-attacker.ts";
import { superviseRelay, type SupervisedRelay } from "../support/relay-supervisor.ts";

let supervised: SupervisedRelay;
let peers: Peer[] = [];

beforeAll(async () => {
  supervised = await superviseRelay();
  ({ peers } = await groupOf(supervised.relay.url, ["ann", "bea"]));
});

afterAll(async () => {
  await Promise.all(peers.map((p) => closePeer(p).catch(() => {})));
  await supervised?.stop();
});

/** An honest member's write reaches the other member: the relay is up and serving. */
async function honestStillSyncing(label: string): Promise<void> {
  const [ann, bea] = peers as [Peer, Peer];
  const record = await write(ann, "listing.create", { type: "offer", title: `After ${label}`, category: "lifts" });
  await waitFor(() => bea.replica!.docs.presentIds().has(record.id), 20_000, `honest sync after ${label}`);
}

describe("peer metadata", () => {
  for (const [label, storageId] of [["a/b", "a/b"], ["..", ".."], ["a number", 42], ["300 characters", "x".repeat(300)]] as const) {
    it(`a founder's join with storageId ${label} closes that connection only`, async () => {
      const group = await throwawayGroup(`storage-${label}`);
      const attacker = await connectRaw(supervised.relay.url, { device: group.device, founding: group.founding });
      join(attacker, { storageId, isEphemeral: false });
      // The relay saves sync state under the peer's storage id once a document syncs.
      sendDocument(attacker, documentIdOf(group.groupHex, 0), Automerge.load(INDEX_GENESIS), "request");
      const closed = await closedWithin(attacker);
      expect(closed.code).toBe(1008);
      await honestStillSyncing(`storageId ${label}`);
      expect(supervised.exits).toBe(0);
    });
  }
});
