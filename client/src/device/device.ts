// This device: its keys (made here, never sent anywhere) and the groups it
// belongs to, kept in IndexedDB.
import { openDB, type IDBPDatabase } from "idb";
import { bytesEqual, newSeed, signerFromSeed, type Signer } from "@tally/core";
import { townKey } from "./town-key.ts";

export interface KnownGroup {
  groupHex: string;
  name: string;
  /** The founder's certificate and genesis, shown to a relay that does not know the group yet. */
  founding?: Uint8Array[];
}

export interface Device {
  /** The member key: the account. Replaced only by adoptMember, on a device with no groups yet. */
  member: Signer;
  device: Signer;
  /**
   * This device's town chain key (PROTOCOL §12.9), derived from the member
   * seed and the device key, so it changes with either.
   */
  town: Signer;
  groups(): Promise<KnownGroup[]>;
  remember(group: KnownGroup): Promise<void>;
  /** The member key's seed: what a recovery code and a link code carry. */
  memberSeed(): Promise<Uint8Array>;
  /** Takes an existing account onto this device (a second phone, a recovery, a sign-up card). */
  adoptMember(seed: Uint8Array): Promise<void>;
  /** Whether the recovery code has been shown and kept; it is shown once. */
  recoveryKept(): Promise<boolean>;
  markRecoveryKept(): Promise<void>;
  /**
   * Gives this device a new device key, for when its chain is frozen. The new
   * key replaces the old only once `certify` (certificates from the member
   * key, taken by the relay) has succeeded; if it fails, the same new key is
   * used next time.
   */
  replaceDeviceKey(certify: (next: Signer) => Promise<void>): Promise<void>;
}

let opened: Promise<Device> | null = null;

export function thisDevice(): Promise<Device> {
  opened ??= open();
  return opened;
}

async function open(): Promise<Device> {
  const db: IDBPDatabase = await openDB("tally-device", 1, {
    upgrade(database) {
      database.createObjectStore("keys");
      database.createObjectStore("groups", { keyPath: "groupHex" });
    },
  });
  const keys = await firstKeys(db);
  let deviceSeed = keys.device;
  const deviceKey = await signerFromSeed(keys.device);
  const device: Device = {
    member: await signerFromSeed(keys.member),
    device: deviceKey,
    town: await townKey(keys.member, deviceKey.publicKey),
    groups: async () => (await db.getAll("groups")) as KnownGroup[],
    remember: async (group) => void (await db.put("groups", group)),
    memberSeed: async () => (await db.get("keys", "member")) as Uint8Array,
    async adoptMember(memberSeed) {
      const adopted = await signerFromSeed(memberSeed);
      if (bytesEqual(adopted.publicKey, device.member.publicKey)) return;
      // Replacing a key that already has groups would strand those accounts.
      if ((await db.count("groups")) > 0) throw new Error("this device already holds another account");
      await db.put("keys", memberSeed, "member");
      await db.put("keys", true, "recoveryKept"); // it came from a code the person already holds
      device.town = await townKey(memberSeed, device.device.publicKey);
      device.member = adopted;
    },
    recoveryKept: async () => (await db.get("keys", "recoveryKept")) === true,
    markRecoveryKept: async () => void (await db.put("keys", true, "recoveryKept")),
    async replaceDeviceKey(certify) {
      deviceSeed = await replaceDeviceKey(db, deviceSeed, certify);
      const next = await signerFromSeed(deviceSeed);
      device.town = await townKey((await db.get("keys", "member")) as Uint8Array, next.publicKey);
      device.device = next;
    },
  };
  return device;
}

/**
 * The keys, made on the first visit in one transaction: two tabs opened at
 * once run theirs one after the other, so the second finds the first's keys.
 */
async function firstKeys(db: IDBPDatabase): Promise<{ member: Uint8Array; device: Uint8Array }> {
  const tx = db.transaction("keys", "readwrite");
  const known = async (name: string): Promise<Uint8Array> => {
    const stored = (await tx.store.get(name)) as Uint8Array | undefined;
    if (stored) return stored;
    const fresh = newSeed();
    await tx.store.put(fresh, name);
    return fresh;
  };
  const member = await known("member");
  const device = await known("device");
  await tx.done;
  return { member, device };
}

/**
 * The next device key: made once, certified, then made current. The check for
 * another tab's new key and the making of the next one are one transaction,
 * so a tab that swaps keys in between cannot lead another to make a third.
 */
async function replaceDeviceKey(db: IDBPDatabase, currentSeed: Uint8Array, certify: (next: Signer) => Promise<void>): Promise<Uint8Array> {
  // Only IndexedDB requests are awaited inside it, so it stays one transaction.
  const made = db.transaction("keys", "readwrite");
  const stored = (await made.store.get("device")) as Uint8Array;
  if (!bytesEqual(stored, currentSeed)) return stored; // another tab replaced it already: take that key
  const seed = ((await made.store.get("nextDevice")) as Uint8Array | undefined) ?? newSeed();
  await made.store.put(seed, "nextDevice");
  await made.done;
  await certify(await signerFromSeed(seed));
  const swapped = db.transaction("keys", "readwrite");
  await swapped.store.put(seed, "device");
  await swapped.store.delete("nextDevice");
  await swapped.done;
  return seed;
}
