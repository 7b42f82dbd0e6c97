// A group of real peers on a real relay: a founder, then members who join
// through an invite and are approved by the founder.
import { hexToBytes } from "@tally/core";
import { foundGroup, invite, newPeer, openReplica, requestToJoin, waitFor, write, type Peer } from "./peer.ts";

type PeerOptions = Parameters<typeof newPeer>[2];

export async function groupOf(relayUrl: string, names: string[], options: PeerOptions = {}): Promise<{ groupHex: string; peers: Peer[] }> {
  const founder = await newPeer(names[0] as string, relayUrl, options);
  const { groupHex } = await foundGroup(founder, `Group of ${names[0]}`);
  const peers = [founder];
  for (const name of names.slice(1)) peers.push(await join(relayUrl, founder, groupHex, name, options));
  return { groupHex, peers };
}

export async function join(relayUrl: string, coordinator: Peer, groupHex: string, name: string, options: PeerOptions = {}): Promise<Peer> {
  const peer = await newPeer(name, relayUrl, options);
  const request = await requestToJoin(peer, relayUrl, await invite(coordinator, groupHex), groupHex);
  await waitFor(() => coordinator.replica!.view().joinRequests.some((j) => j.id === request.id), 15_000, `${name}'s join request`);
  await write(coordinator, "member.approve", { join: hexToBytes(request.id), note: "Met at the park event" }, [request.id]);
  const replica = await openReplica(peer, groupHex);
  await waitFor(() => Object.values(replica.view().accounts).some((a) => a.name === name && a.status === "active"), 15_000, `${name} approved`);
  return peer;
}

/** Everything a peer holds: its ledger and the ids in its store. */
export function snapshot(peer: Peer): { accounts: string; exchanges: string; records: string[] } {
  const view = peer.replica!.view();
  return {
    accounts: JSON.stringify(view.accounts),
    exchanges: JSON.stringify(view.exchanges),
    records: [...peer.replica!.docs.presentIds()].sort(),
  };
}
