// Relays federate (issue 12 item 3, PROTOCOL §12.8): three real relay
// processes, one for group A, one for group B and the town's pool relay.
// A and B join the pool (the pool's coordinator admits them), a member of A
// pays a member of B, the pool relay is killed after the payment and before
// the acceptance reaches it, comes back, and both phones show the exchange
// complete with its legs on each ledger. Each phone only ever talks to its own
// group's relay; a relay the pool relay's operator did not list gets nothing,
// and a listed relay gone bad cannot put in a forged record or one of a group
// that never asked to join.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as Automerge from "@automerge/automerge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bytesToHex, encodeCanonical, hexToBytes, parseRecord, sha256, signerFromSeed, utf8, type LedgerView, type Signer } from "@tally/core";
import { VOLUME_GENESIS, documentIdOf, shardOf, type VolumeDoc } from "@tally/documents";
import { closePeer, waitFor, write, type Peer } from "../support/peer.ts";
import { groupOf } from "../support/group.ts";
import { startRelayProcess, type RelayProcess } from "../support/relay-process.ts";
import { closedWithin, connectRaw, join as joinRaw, sendChanges, throwawayGroup } from "../support/relay-attacker.ts";

const DEADLINE_MS = 90_000;
/** Group relays retry the pool relay quickly here, so a restart is noticed within seconds. */
const FAST_RETRY = JSON.stringify({ poolRetryMinMs: 200, poolRetryMaxMs: 2_000 });

interface Town {
  pool: RelayProcess;
  relayA: RelayProcess;
  relayB: RelayProcess;
  stranger: RelayProcess;
  keyA: Signer;
  poolHex: string;
  aHex: string;
  bHex: string;
  strangerHex: string;
  pat: Peer;
  ann: Peer;
  bob: Peer;
  dan: Peer;
  eve: Peer;
  sam: Peer;
}

const town = {} as Town;
const everyone: Peer[] = [];
const started = Date.now();

/** A data folder holding a relay key made from a label, and that key. */
async function relayFolder(label: string): Promise<{ dataDir: string; key: Signer }> {
  const dataDir = mkdtempSync(join(tmpdir(), `tally-relay-${label}-`));
  const seed = sha256(utf8(`federation-test/relay/${label}`));
  writeFileSync(join(dataDir, "relay-key"), seed, { mode: 0o600 });
  return { dataDir, key: await signerFromSeed(seed) };
}

const view = (peer: Peer): LedgerView => peer.replica!.view();
const status = (peer: Peer, groupHex: string) => view(peer).pools?.[town.poolHex]?.groups[groupHex]?.status;
const exchange = (peer: Peer, id: string) => view(peer).poolExchanges?.find((e) => e.id === id);
const balance = (peer: Peer, account: string) => view(peer).accounts[account]?.balanceMinutes ?? 0;
const hex8 = (peer: Peer) => bytesToHex(peer.device.publicKey).slice(0, 8);

async function joinPool(coordinator: Peer, groupHex: string): Promise<void> {
  const request = await write(coordinator, "pool.join", { pool: hexToBytes(town.poolHex), note: "We would like to trade across the town" });
  await waitFor(() => status(town.pat, groupHex) === "asked", DEADLINE_MS, `the pool relay to carry ${groupHex.slice(0, 8)}'s pool.join to the pool's coordinator`);
  await write(town.pat, "pool.admit", { group: hexToBytes(groupHex), join: hexToBytes(request.id) });
}

beforeAll(async () => {
  const folderA = await relayFolder("a");
  const folderB = await relayFolder("b");
  const folderStranger = await relayFolder("stranger");
  town.keyA = folderA.key;
  town.pool = await startRelayProcess({ TALLY_RELAY_PEERS: [folderA.key, folderB.key].map((k) => bytesToHex(k.publicKey)).join(",") });
  const toPool = { TALLY_POOL_RELAY: town.pool.url.replace("http", "ws"), TALLY_LIMITS: FAST_RETRY };
  [town.relayA, town.relayB, town.stranger] = await Promise.all([
    startRelayProcess(toPool, { dataDir: folderA.dataDir }),
    startRelayProcess(toPool, { dataDir: folderB.dataDir }),
    startRelayProcess(toPool, { dataDir: folderStranger.dataDir }),
  ]);
  const pool = await groupOf(town.pool.url, ["pat"]);
  const a = await groupOf(town.relayA.url, ["ann", "bob"]);
  const b = await groupOf(town.relayB.url, ["dan", "eve"]);
  const s = await groupOf(town.stranger.url, ["sam"]);
  everyone.push(...pool.peers, ...a.peers, ...b.peers, ...s.peers);
  [town.pat] = pool.peers as [Peer];
  [town.ann, town.bob] = a.peers as [Peer, Peer];
  [town.dan, town.eve] = b.peers as [Peer, Peer];
  [town.sam] = s.peers as [Peer];
  town.poolHex = pool.groupHex;
  town.aHex = a.groupHex;
  town.bHex = b.groupHex;
  town.strangerHex = s.groupHex;
  for (const peer of everyone) peer.replica!.followPools();
}, 4 * DEADLINE_MS);

afterAll(async () => {
  if (process.env.FEDERATION_LOGS) for (const [name, relay] of Object.entries({ pool: town.pool, a: town.relayA, b: town.relayB, stranger: town.stranger })) writeFileSync(`/tmp/fed-${name}.log`, relay.logs.join(""));
  await Promise.all(everyone.map((p) => closePeer(p).catch(() => {})));
  await Promise.all([town.pool, town.relayA, town.relayB, town.stranger].map((r) => r?.kill("SIGTERM")));
});

describe("a pool on the town's relay, its groups on their own", () => {
  let payId = "";

  it("A and B join the pool: each asks at its own relay, the pool's coordinator sees it at the pool relay and admits it, and both phones see it", async () => {
    await joinPool(town.ann, town.aHex);
    await joinPool(town.dan, town.bHex);
    await waitFor(() => status(town.bob, town.aHex) === "member" && status(town.bob, town.bHex) === "member", DEADLINE_MS, "bob's phone to see both groups admitted");
    await waitFor(() => status(town.eve, town.aHex) === "member" && status(town.eve, town.bHex) === "member", DEADLINE_MS, "eve's phone to see both groups admitted");
    // The coordinators' phones opened the pool's documents before their relays held them: they still get them.
    for (const coordinator of [town.ann, town.dan]) {
      await waitFor(() => status(coordinator, town.aHex) === "member" && status(coordinator, town.bHex) === "member", DEADLINE_MS, `${coordinator.name}'s phone to see both groups admitted`);
    }
  }, 3 * DEADLINE_MS);

  it("a member of A pays a member of B; the pool relay goes down before the acceptance reaches it and comes back; both phones show the exchange complete, nothing lost", async () => {
    const pay = await write(town.bob, "pool.pay", {
      pool: hexToBytes(town.poolHex),
      payer: town.bob.member.publicKey,
      toGroup: hexToBytes(town.bHex),
      payee: town.eve.member.publicKey,
      minutes: 60,
      description: "Fixed a bike",
    });
    payId = pay.id;
    await waitFor(() => exchange(town.eve, pay.id)?.status === "waiting", DEADLINE_MS, "the payment to reach eve's phone, waiting for her");

    await town.pool.kill("SIGKILL");
    await write(town.eve, "pool.accept", { pool: hexToBytes(town.poolHex), fromGroup: hexToBytes(town.aHex), payment: hexToBytes(pay.id), payee: town.eve.member.publicKey });
    // Eve's phone holds both sides: complete at once, on her group's ledger.
    await waitFor(() => exchange(town.eve, pay.id)?.status === "complete", DEADLINE_MS, "eve's phone to show the exchange complete");
    // B's relay takes the acceptance and carries it into its copy of the pool's documents while the pool relay is down.
    await waitFor(() => town.relayB.logs.join("").includes(`carried 1 record(s) into pool ${town.poolHex.slice(0, 8)}`), DEADLINE_MS, "B's relay to carry the acceptance");
    expect(exchange(town.bob, pay.id)?.status).toBe("waiting");

    await town.pool.restart();
    await waitFor(() => exchange(town.bob, pay.id)?.status === "complete", DEADLINE_MS, "bob's phone to show the exchange complete after the pool relay came back");
    await waitFor(() => exchange(town.pat, pay.id)?.status === "complete", DEADLINE_MS, "the pool's coordinator to see it complete");

    const legs = [`${town.aHex}:${bytesToHex(town.bob.member.publicKey)} → ${town.aHex}:pool:${town.poolHex}`, `${town.poolHex}:${town.aHex} → ${town.poolHex}:${town.bHex}`, `${town.bHex}:pool:${town.poolHex} → ${town.bHex}:${bytesToHex(town.eve.member.publicKey)}`];
    for (const phone of [town.bob, town.eve, town.pat]) {
      expect(exchange(phone, pay.id)?.legs.map((l) => `${l.from} → ${l.to}`)).toEqual(legs);
    }
    // Each ledger's leg: A's mirror of the pool, the pool's accounts of A and B, B's mirror.
    expect(balance(town.bob, `${town.aHex}:pool:${town.poolHex}`)).toBe(60);
    expect(balance(town.eve, `${town.bHex}:pool:${town.poolHex}`)).toBe(-60);
    expect(balance(town.pat, `${town.poolHex}:${town.aHex}`)).toBe(-60);
    expect(balance(town.pat, `${town.poolHex}:${town.bHex}`)).toBe(60);
    // The joining bonus (60) plus or minus the exchange.
    expect(balance(town.bob, `${town.aHex}:${bytesToHex(town.bob.member.publicKey)}`)).toBe(0);
    expect(balance(town.eve, `${town.bHex}:${bytesToHex(town.eve.member.publicKey)}`)).toBe(120);
  }, 4 * DEADLINE_MS);

  it("A's relay is killed and restarted: it takes up its pool again from its own store, and trade goes on the other way", async () => {
    await town.relayA.kill("SIGKILL");
    await town.relayA.restart();
    const back = await write(town.eve, "pool.pay", {
      pool: hexToBytes(town.poolHex),
      payer: town.eve.member.publicKey,
      toGroup: hexToBytes(town.aHex),
      payee: town.bob.member.publicKey,
      minutes: 30,
      description: "Walked the dog",
    });
    await waitFor(() => exchange(town.bob, back.id)?.status === "waiting", DEADLINE_MS, "eve's payment to reach bob through the restarted relay");
    await write(town.bob, "pool.accept", { pool: hexToBytes(town.poolHex), fromGroup: hexToBytes(town.bHex), payment: hexToBytes(back.id), payee: town.bob.member.publicKey });
    await waitFor(() => exchange(town.eve, back.id)?.status === "complete", DEADLINE_MS, "eve's phone to show her payment accepted");
    expect(exchange(town.bob, payId)?.status).toBe("complete");
    expect(balance(town.bob, `${town.aHex}:pool:${town.poolHex}`)).toBe(30);
    expect(balance(town.eve, `${town.bHex}:pool:${town.poolHex}`)).toBe(-30);
    await waitFor(() => balance(town.pat, `${town.poolHex}:${town.aHex}`) === -30, DEADLINE_MS, "the pool's account of A to show both exchanges");
  }, 3 * DEADLINE_MS);

  it("each phone talked only to its own group's relay, and each group's documents hold only its own records", () => {
    const connected = (relay: RelayProcess, peer: Peer) => relay.logs.join("").includes(`connected device=${hex8(peer)}`);
    for (const phone of [town.ann, town.bob]) expect([connected(town.relayA, phone), connected(town.pool, phone), connected(town.relayB, phone)]).toEqual([true, false, false]);
    for (const phone of [town.dan, town.eve]) expect([connected(town.relayB, phone), connected(town.pool, phone), connected(town.relayA, phone)]).toEqual([true, false, false]);
    for (const [phone, groupHex] of [[town.bob, town.aHex], [town.eve, town.bHex]] as const) {
      for (const id of phone.replica!.docs.presentIds()) expect(phone.replica!.ledger.groupOf(id)).toBe(groupHex);
    }
    expect(payId).not.toBe("");
  });

  it("a relay whose key the pool relay's operator did not list gets none of the pool's documents, and its group's pool.join never reaches the pool", async () => {
    await write(town.sam, "pool.join", { pool: hexToBytes(town.poolHex) });
    await waitFor(() => town.stranger.logs.join("").includes("pool relay refuses document"), DEADLINE_MS, "the pool relay to refuse the stranger relay");
    expect(town.stranger.logs.join("")).toMatch(/is relay key [0-9a-f]{64} in its TALLY_RELAY_PEERS/);
    expect(view(town.sam).pools?.[town.poolHex]).toBeUndefined();
    expect(status(town.pat, town.strangerHex)).toBeUndefined();
    expect(Object.keys(view(town.pat).groups)).not.toContain(town.strangerHex);
  });

  it("a listed relay gone bad cannot put into the pool's documents a record of a group that never asked to join, nor a forged record", async () => {
    const volume = documentIdOf(town.poolHex, 1);
    const genesis = Automerge.load<VolumeDoc>(VOLUME_GENESIS);
    const withRecord = (envelope: Uint8Array, id: string) =>
      Automerge.change(Automerge.clone(genesis), (doc) => {
        doc.records[shardOf(id)]![id] = envelope;
      });

    const outsider = await throwawayGroup("federation-outsider");
    const outsiderGenesis = outsider.founding[1] as Uint8Array;
    const bad = await connectRaw(town.pool.url, { device: town.keyA });
    joinRaw(bad);
    sendChanges(bad, volume, genesis, withRecord(outsiderGenesis, idOf(outsiderGenesis)));
    expect((await closedWithin(bad, DEADLINE_MS)).reason).toMatch(/^group [0-9a-f]{8} has no valid pool\.join of pool/);

    // A record of group A (which did join) that its device never signed.
    const forgedSigned = encodeCanonical([1, "listing.create", hexToBytes(town.aHex), town.bob.device.publicKey, 9_999, new Uint8Array(32).fill(7), [], 0, { type: "offer", title: "Free hours for all", description: "", category: "other" }]);
    const forged = encodeCanonical([forgedSigned, new Uint8Array(64).fill(9)]);
    const forger = await connectRaw(town.pool.url, { device: town.keyA });
    joinRaw(forger);
    sendChanges(forger, volume, genesis, withRecord(forged, idOf(forged)));
    expect((await closedWithin(forger, DEADLINE_MS)).reason).toMatch(/^a record of group [0-9a-f]{8} that is not authentic/);

    const logs = town.pool.logs.join("");
    expect(logs).toContain("has no valid pool.join of pool");
    expect(logs).toContain("that is not authentic (forged or damaged)");
    expect(Object.keys(view(town.pat).groups)).not.toContain(outsider.groupHex);
    expect(view(town.pat).listings.some((l) => l.title === "Free hours for all")).toBe(false);
    console.log(`federation: three relays, ${((Date.now() - started) / 1000).toFixed(1)} s from the first start; the pool's documents: ${poolFigures()}`);
  }, 2 * DEADLINE_MS);
});

/** What the pool's documents hold, as the pool's coordinator's phone has them: records per group, their bytes, the documents' bytes. */
function poolFigures(): string {
  const docs = town.pat.replica!.docs;
  const perGroup = new Map<string, number>();
  let envelopeBytes = 0;
  for (const id of docs.presentIds()) {
    const name = { [town.poolHex]: "pool", [town.aHex]: "A", [town.bHex]: "B" }[town.pat.replica!.ledger.groupOf(id) ?? ""] ?? "other";
    perGroup.set(name, (perGroup.get(name) ?? 0) + 1);
    envelopeBytes += town.pat.replica!.ledger.envelopeOf(id)?.length ?? 0;
  }
  const documentBytes = [0, ...docs.volumeNumbers()].reduce((sum, n) => sum + Automerge.save(town.pat.repo.handles[documentIdOf(town.poolHex, n)]!.doc() as object).length, 0);
  const groups = [...perGroup].map(([name, count]) => `${name} ${count}`).join(", ");
  return `${docs.presentIds().size} records (${groups}), ${envelopeBytes} bytes of records, ${documentBytes} bytes of Automerge documents`;
}

/** The id of an envelope that parses as a record (a forged one does: only its signature is wrong). */
function idOf(envelope: Uint8Array): string {
  const parsed = parseRecord(envelope);
  if (!parsed.ok) throw new Error(`not a record: ${parsed.reason}`);
  return parsed.record.id;
}
