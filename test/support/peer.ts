// A member's device for tests: a real automerge-repo Repo with on-disk
// storage, a real authenticated WebSocket connection to a relay, its own
// record store and a GroupReplica — everything a phone has but the screen.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Repo, type PeerId } from "@automerge/automerge-repo";
import { NodeFSStorageAdapter } from "@automerge/automerge-repo-storage-nodefs";
import WebSocket from "ws";
import {
  DeviceAuthor,
  bytesToHex,
  createGroup,
  createInvite,
  sha256,
  signerFromSeed,
  toBase64Url,
  utf8,
  type Body,
  type RecordKind,
  type SignedRecord,
  type Signer,
} from "@tally/core";
import { FileRecordStore, GroupReplica, RelayClientAdapter } from "@tally/documents/node";

export interface Peer {
  name: string;
  member: Signer;
  device: Signer;
  dir: string;
  repo: Repo;
  adapter: RelayClientAdapter;
  store: FileRecordStore;
  replica: GroupReplica | null;
}

const founding = new WeakMap<Peer, Uint8Array[]>();

/** `memberOf` names another peer whose member key this device shares (a member's second phone). */
export async function newPeer(
  name: string,
  relayUrl: string,
  options: { founding?: () => Uint8Array[]; dir?: string; memberOf?: string; retryMs?: { min: number; max: number }; deviceSeed?: Uint8Array } = {},
): Promise<Peer> {
  const member = await signerFromSeed(sha256(utf8(`test-member/${options.memberOf ?? name}`)));
  const device = await signerFromSeed(options.deviceSeed ?? sha256(utf8(`test-device/${name}`)));
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), `tally-peer-${name}-`));
  const adapter = new RelayClientAdapter({
    relayUrl,
    device,
    WebSocket: WebSocket as never,
    minRetryMs: options.retryMs?.min ?? 100,
    maxRetryMs: options.retryMs?.max ?? 1000,
    founding: () => options.founding?.() ?? founding.get(peer) ?? [],
  });
  const repo = new Repo({
    storage: new NodeFSStorageAdapter(join(dir, "repo")),
    network: [adapter],
    peerId: `device-${bytesToHex(device.publicKey).slice(0, 16)}-${Math.random().toString(36).slice(2, 8)}` as PeerId,
    shareConfig: { announce: async () => true, access: async () => true },
  });
  const store = await FileRecordStore.open(join(dir, "store"));
  const peer: Peer = { name, member, device, dir, repo, adapter, store, replica: null };
  return peer;
}

export async function foundGroup(peer: Peer, groupName = "Wombles"): Promise<{ groupHex: string; founding: Uint8Array[] }> {
  const created = await createGroup(peer.member, peer.device, {
    name: groupName,
    founderName: peer.name,
    nonce: sha256(utf8(`nonce/${peer.name}/${groupName}`)).slice(0, 16),
    creditLimitMinutes: 600,
    joiningBonusMinutes: 60,
    confirmation: "both",
  });
  const groupHex = bytesToHex(created.groupId);
  peer.replica = await GroupReplica.open({ repo: peer.repo, groupHex, store: peer.store });
  await peer.replica.write(created.records);
  founding.set(peer, [...(founding.get(peer) ?? []), ...created.records.map((r) => r.envelope)]);
  const online = new Promise<void>((resolve) => {
    const off = peer.adapter.onStatus((status) => {
      if (status === "online") {
        off();
        resolve();
      }
    });
  });
  peer.adapter.reconnect();
  await online;
  return { groupHex, founding: created.records.map((r) => r.envelope) };
}

export async function write<K extends RecordKind>(peer: Peer, kind: K, body: Body<K>, deps: string[] = []): Promise<SignedRecord<K>> {
  if (!peer.replica) throw new Error(`${peer.name} has no group`);
  return peer.replica.sign(peer.device, kind, body, { deps });
}

export async function invite(coordinator: Peer, groupHex: string): Promise<string> {
  return createInvite(coordinator.device, hexBytes(groupHex), Date.now() + 3_600_000, sha256(utf8(`invite/${Math.random()}`)).slice(0, 16));
}

/** A new device asks to join with an invite: its certificate and join request go to the relay. */
export async function requestToJoin(peer: Peer, relayUrl: string, inviteText: string, groupHex: string): Promise<SignedRecord> {
  const { author, record: certificate } = await DeviceAuthor.certified(peer.member, peer.device, hexBytes(groupHex));
  const join = await author.write("member.join", { name: peer.name, memberKind: "person" });
  const response = await fetch(new URL("/join", relayUrl), {
    method: "POST",
    body: JSON.stringify({ invite: inviteText, records: [certificate, join].map((r) => toBase64Url(r.envelope)) }),
  });
  if (response.status !== 202) throw new Error(`join refused: ${response.status} ${await response.text()}`);
  await peer.store.add([certificate, join].map((r) => ({ id: r.id, envelope: r.envelope })));
  return join;
}

export async function openReplica(peer: Peer, groupHex: string): Promise<GroupReplica> {
  peer.replica = await GroupReplica.open({ repo: peer.repo, groupHex, store: peer.store });
  return peer.replica;
}

export async function waitFor(condition: () => boolean, timeoutMs = 60_000, what = "condition"): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function closePeer(peer: Peer): Promise<void> {
  await peer.replica?.settled();
  await peer.repo.shutdown();
  await peer.store.close();
}

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}
