// What every page is given: this device, its connection to the relay, the
// groups it knows, and a way to go to another page. Pages import it from here,
// not from App.tsx, so the app's top and its pages do not import each other.
import { createContext, useContext } from "react";
import type { Device, KnownGroup } from "../device/device.ts";
import type { Sync } from "../device/sync.ts";

export interface AppContext {
  device: Device;
  sync: Sync;
  groups: KnownGroup[];
  refreshGroups(): Promise<void>;
  go(path: string): void;
}

export const AppContextReact = createContext<AppContext | null>(null);

/** The app's context, for a component below the app's top; throws if used outside it. */
export function useAppContext(): AppContext {
  const context = useContext(AppContextReact);
  if (!context) throw new Error("useAppContext is used outside the app");
  return context;
}
