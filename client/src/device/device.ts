// This device: its keys (made here, never sent anywhere) and the groups it
// belongs to, kept in IndexedDB.
import { openDB, type IDBPDatabase } from "idb";
import { newSeed, signerFromSeed, type Signer } from "@tally/core";

export interface KnownGroup {
  groupHex: string;
  name: string;
  /** The founder's certificate and genesis, shown to a relay that does not know the group yet. */
  founding?: Uint8Array[];
}

export interface Device {
  member: Signer;
  device: Signer;
  groups(): Promise<KnownGroup[]>;
  remember(group: KnownGroup): Promise<void>;
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
  return {
    member: await signerFromSeed(await seed("member")),
    device: await signerFromSeed(await seed("device")),
    groups: async () => (await db.getAll("groups")) as KnownGroup[],
    remember: async (group) => void (await db.put("groups", group)),
  };
}
