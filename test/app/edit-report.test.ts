// A member who deletes a record from the group's shared documents by hand
// (with their own phone's key, outside the app): every phone puts it back,
// and the coordinator sees who did it, when and what, in the app.
import { describe, expect, it } from "vitest";
import type { DocHandle } from "@automerge/automerge-repo";
import { documentUrl, shardOf, type VolumeDoc } from "@tally/documents";
import { joinAndApprove, startGroup } from "../support/app-flows.ts";
import { appSuite } from "../support/app-suite.ts";
import { groupOf, recordsOn } from "../support/phone-ledger.ts";
import { deviceSeed } from "../support/phone-keys.ts";
import { closePeer, newPeer, waitFor } from "../support/peer.ts";
import { parseRecord } from "@tally/core";

const SYNC_MS = 30_000;
const GROUP = "Canal Clean-up";
const suite = appSuite();

describe("the coordinators' edit report", () => {
  it("names the member whose phone deleted a record from the shared documents", { timeout: 240_000 }, async () => {
    const ann = await startGroup(suite.browser, suite.relay.url, GROUP, "Ann");
    const groupHex = groupOf(ann);
    const ben = await joinAndApprove(suite.browser, ann, GROUP, "Ben");
    const genesis = (await recordsOn(ann, groupHex)).map(parseRecord).find((p) => p.ok && p.record.kind === "group.create");
    expect(genesis?.ok).toBe(true);
    const targetId = genesis!.ok ? genesis!.record.id : "";

    // Ben's device key, used outside the app, deletes the group's founding record from volume 1.
    const hostile = await newPeer("ben-by-hand", suite.relay.url, { deviceSeed: await deviceSeed(ben) });
    try {
      const volume: DocHandle<VolumeDoc> = await hostile.repo.find<VolumeDoc>(documentUrl(groupHex, 1));
      await waitFor(() => volume.doc()?.records?.[shardOf(targetId)]?.[targetId] !== undefined, SYNC_MS, "the copy to sync");
      volume.change((doc) => {
        delete doc.records[shardOf(targetId)]![targetId];
      });
      await waitFor(() => volume.doc()?.records?.[shardOf(targetId)]?.[targetId] instanceof Uint8Array, SYNC_MS, "the record to be put back");
    } finally {
      await closePeer(hostile);
    }

    await ann.getByRole("button", { name: "Changes to the shared records" }).click();
    await ann.getByRole("button", { name: "Show the report" }).click();
    const entry = ann.locator(".edit-report li").filter({ hasText: "Ben" });
    await entry.waitFor({ timeout: SYNC_MS });
    expect(await entry.textContent()).toContain("deleted 1 entry in record volume 1");

    // Ben, not a coordinator, is refused the report.
    expect(await ben.getByRole("button", { name: "Changes to the shared records" }).count()).toBe(0);
  });
});
