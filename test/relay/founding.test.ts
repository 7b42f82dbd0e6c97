// A device that founds a second group (or a third) gets each one onto the
// relay, not only the first, and a relay's first founder is served at once.
import { describe, expect, it } from "vitest";
import { bytesToHex } from "@tally/core";
import { foundGroup, newPeer, openReplica, waitFor } from "../support/peer.ts";
import { relaySuite } from "../support/relay-suite.ts";

const suite = relaySuite();

describe("founding groups", () => {
  it("puts every group one device founds on the relay", { timeout: 90_000 }, async () => {
    const ann = await newPeer("ann-founder", suite.relay.url);
    suite.everyone.push(ann);
    const groups = [];
    for (const name of ["Wombles", "Garden club", "Repair cafe"]) groups.push(await foundGroup(ann, name));

    // The same keys on another device with nothing stored: only the relay can give it the groups.
    const again = await newPeer("ann-founder", suite.relay.url);
    suite.everyone.push(again);
    for (const { groupHex } of groups) {
      const replica = await openReplica(again, groupHex);
      await waitFor(() => replica.view().groups[groupHex] !== undefined, 30_000, `group ${groupHex.slice(0, 8)} from the relay`);
      const founder = replica.view().accounts[`${groupHex}:${bytesToHex(ann.member.publicKey)}`];
      expect(founder?.role).toBe("coordinator");
    }
  });
});
