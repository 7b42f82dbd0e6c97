// A peer id names a connection in automerge-repo's protocol, and the relay
// routes by it; whoever holds a peer id first holds it. So a peer id must
// carry the device key that signed for it: `device-<first 16 hex digits of
// the device key>-<anything>`. Someone who learns a device's peer id cannot
// connect under it without that device's key (matching 64 bits of an Ed25519
// public key is out of reach), so nobody can squat it.
export function peerIdPrefix(deviceHex: string): string {
  return `device-${deviceHex.slice(0, 16)}-`;
}

export function peerIdBelongsTo(peerId: string, deviceHex: string): boolean {
  return peerId.startsWith(peerIdPrefix(deviceHex)) && peerId.length > peerIdPrefix(deviceHex).length;
}
