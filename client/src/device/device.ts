// This device: its keys (made here, never sent anywhere) and the groups it
// belongs to, kept in IndexedDB.
import { openDB, type IDBPDatabase } from "idb";
import { bytesEqual, newSeed, signerFromSeed, type Signer } from "@tally/core";

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
  groups(): Promise<KnownGroup[]>;
  remember(group: KnownGroup): Promise<void>;
  /** The member key's seed: what a recovery code and a link code carry. */
  memberSeed(): Promise<Uint8Array>;
  /** Takes an existing account onto this device (a second phone, a recovery, a sign-up card). */
  adoptMember(seed: Uint8Array): Promise<void>;
  /** Whether the recovery code has been shown and kept; it is shown once. */
  recoveryKept(): Promise<boolean>;
  markRecoveryKept(): Promise<void>;
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
  const seed = async (name: string): Promise<Uint8Array> => {
    const known = (await db.get("keys", name)) as Uint8Array | undefined;
    if (known) return known;
    const fresh = newSeed();
    await db.put("keys", fresh, name);
    return fresh;
  };
  const device: Device = {
    member: await signerFromSeed(await seed("member")),
    device: await signerFromSeed(await seed("device")),
    groups: async () => (await db.getAll("groups")) as KnownGroup[],
    remember: async (group) => void (await db.put("groups", group)),
    memberSeed: () => seed("member"),
    async adoptMember(memberSeed) {
      const adopted = await signerFromSeed(memberSeed);
      if (bytesEqual(adopted.publicKey, device.member.publicKey)) return;
      // Replacing a key that already has groups would strand those accounts.
      if ((await db.count("groups")) > 0) throw new Error("this device already holds another account");
      await db.put("keys", memberSeed, "member");
      await db.put("keys", true, "recoveryKept"); // it came from a code the person already holds
      device.member = adopted;
    },
    recoveryKept: async () => (await db.get("keys", "recoveryKept")) === true,
    markRecoveryKept: async () => void (await db.put("keys", true, "recoveryKept")),
  };
  return device;
}
