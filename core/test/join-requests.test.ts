// A person declined once may ask again (from a new device, with the same
// member key): the new request is listed for the coordinators, the decided
// one is not, and approving it makes them a member. The reason given with a
// change of standing stays with it, until the next change.
import { describe, expect, it } from "vitest";
import { DeviceAuthor, hexToBytes, Ledger } from "../src/index.ts";
import { signer, smallGroup } from "./support.ts";

describe("join requests", () => {
  it("lists a request made after a decline, and only that one", async () => {
    const group = await smallGroup(["ann"]);
    const ann = group.founder.author;
    const dan = await signer("dan/member");
    const first = await DeviceAuthor.certified(dan, await signer("dan/phone"), group.groupId);
    const asked = await first.author.write("member.join", { name: "Dan", memberKind: "person" }, { deps: [group.head()] });
    const declined = await ann.write("member.decline", { join: hexToBytes(asked.id), reason: "We could not reach your referee" }, { deps: [asked.id] });
    const second = await DeviceAuthor.certified(dan, await signer("dan/new-phone"), group.groupId);
    const again = await second.author.write("member.join", { name: "Dan", memberKind: "person", note: "My referee is back" }, { deps: [declined.id] });

    const records = [...group.records, first.record, asked, declined, second.record, again];
    const ledger = await Ledger.derive(records.map((r) => r.envelope));
    const danAccount = `${group.groupHex}:${Buffer.from(dan.publicKey).toString("hex")}`;
    expect(ledger.view().joinRequests.map((j) => j.id)).toEqual([again.id]);
    expect(ledger.view().accounts[danAccount]?.standingReason).toBe("We could not reach your referee");

    const approved = await ann.write("member.approve", { join: hexToBytes(again.id) }, { deps: [again.id] });
    await ledger.add([approved.envelope]);
    expect(ledger.view().joinRequests).toEqual([]);
    expect(ledger.view().accounts[danAccount]?.status).toBe("active");
    expect(ledger.view().accounts[danAccount]?.standingReason).toBeUndefined(); // approval gives none
  });
});
