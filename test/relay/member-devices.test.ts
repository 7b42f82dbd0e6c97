// A member's second phone, or a recovered account, through a real relay: the
// member key proves itself, learns its groups and certifies a new device,
// which then syncs and writes for the same account. Nobody else can.
import { describe, expect, it } from "vitest";
import { DeviceAuthor, bytesToHex, hexToBytes, newSeed, signMemberProof, signerFromSeed, toBase64Url } from "@tally/core";
import { invite, newPeer, openReplica, requestToJoin, waitFor, write, type Peer } from "../support/peer.ts";
import { groupOf, snapshot } from "../support/group.ts";
import { relaySuite } from "../support/relay-suite.ts";

const suite = relaySuite();
const everyone = suite.everyone;

type Answer = { error?: string; groups?: string[]; standing?: Record<string, string> };

async function post(path: string, body: unknown): Promise<{ status: number; body: Answer }> {
  const response = await fetch(new URL(path, suite.relay.url), { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Answer };
}

async function challenge(): Promise<Uint8Array> {
  const response = await fetch(new URL("/auth/challenge", suite.relay.url));
  const { challenge } = (await response.json()) as { challenge: string };
  return Uint8Array.from(Buffer.from(challenge, "base64url"));
}

async function lookup(peer: Peer): Promise<Answer> {
  const proof = await challenge();
  const signature = await signMemberProof(peer.member, proof);
  return (await post("/recover", { member: toBase64Url(peer.member.publicKey), challenge: toBase64Url(proof), signature: toBase64Url(signature) })).body;
}

async function certificate(peer: Peer, groupHex: string): Promise<string> {
  const { record } = await DeviceAuthor.certified(peer.member, peer.device, hexToBytes(groupHex));
  return toBase64Url(record.envelope);
}

describe("a member's new device", () => {
  it("learns the member's groups, links, syncs and acts for the same account", { timeout: 90_000 }, async () => {
    const { groupHex, peers } = await groupOf(suite.relay.url, ["ann", "bea"]);
    everyone.push(...peers);
    const [ann, bea] = peers as [Peer, Peer];
    const phone = await newPeer("bea-second-phone", suite.relay.url, { memberOf: "bea" });
    everyone.push(phone);

    const proof = await challenge();
    const found = await post("/recover", {
      member: toBase64Url(phone.member.publicKey),
      challenge: toBase64Url(proof),
      signature: toBase64Url(await signMemberProof(phone.member, proof)),
    });
    expect(found).toEqual({ status: 200, body: { groups: [groupHex], standing: { [groupHex]: "active" } } });

    expect((await post("/link", { records: [await certificate(phone, groupHex)] })).status).toBe(202);
    await openReplica(phone, groupHex);
    await waitFor(() => JSON.stringify(snapshot(phone)) === JSON.stringify(snapshot(ann)), 60_000, "the new phone synced");

    const gift = await write(phone, "donation", { to: ann.member.publicKey, minutes: 30 });
    const beaAccount = `${groupHex}:${bytesToHex(bea.member.publicKey)}`;
    await waitFor(() => ann.replica!.view().exchanges.some((e) => e.id === gift.id), 60_000, "ann sees the gift");
    expect(ann.replica!.view().accounts[beaAccount]?.balanceMinutes).toBe(60 - 30); // joining bonus, less the gift
  });

  it("refuses a stranger's key, a replayed or forged proof, and malformed requests, with a clear reason", { timeout: 60_000 }, async () => {
    const { groupHex, peers } = await groupOf(suite.relay.url, ["cat"]);
    everyone.push(...peers);
    const stranger = await newPeer("stranger", suite.relay.url);
    everyone.push(stranger);

    const linked = await post("/link", { records: [await certificate(stranger, groupHex)] });
    expect(linked).toEqual({ status: 403, body: { error: "this member key has no account in the group" } });

    const proof = await challenge();
    const forged = await signMemberProof(await signerFromSeed(newSeed()), proof);
    const claim = { member: toBase64Url(peers[0]!.member.publicKey), challenge: toBase64Url(proof), signature: toBase64Url(forged) };
    expect((await post("/recover", claim)).body.error).toBe("the proof is not signed by this member key");
    expect((await post("/recover", claim)).body.error).toBe("unknown, used or expired challenge");

    expect(await post("/link", "not json")).toEqual({ status: 400, body: { error: "expected a JSON body" } });
    expect((await post("/link", { records: ["AAAA"] })).body.error).toMatch(/^not a record/);
    expect((await post("/link", { records: [] })).status).toBe(400);
  });

  it("tells a declined newcomer, whose device the relay no longer serves, that they were declined", { timeout: 60_000 }, async () => {
    const { groupHex, peers } = await groupOf(suite.relay.url, ["dee"]);
    everyone.push(...peers);
    const [dee] = peers as [Peer];
    const eli = await newPeer("eli", suite.relay.url);
    everyone.push(eli);
    const request = await requestToJoin(eli, suite.relay.url, await invite(dee, groupHex), groupHex);
    expect(await lookup(eli)).toEqual({ groups: [groupHex], standing: { [groupHex]: "none" } });

    await waitFor(() => dee.replica!.view().joinRequests.some((j) => j.id === request.id), 60_000, "eli's request");
    await write(dee, "member.decline", { join: hexToBytes(request.id), reason: "No reference yet" }, [request.id]);
    await expect.poll(async () => (await lookup(eli)).standing?.[groupHex], { timeout: 15_000, interval: 1_000 }).toBe("declined");
    expect(await lookup(eli)).toEqual({ groups: [], standing: { [groupHex]: "declined" } });
  });

  // Last in this file: it uses up this address's allowance for a minute.
  it("bounds lookups and links per address", async () => {
    for (let i = 0; i < 120; i++) await post("/link", "not json");
    expect(await post("/link", "not json")).toEqual({ status: 429, body: { error: "too many requests; try again in a minute" } });
  });
});
