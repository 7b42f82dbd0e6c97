// Only one writer at a time may extend a device's chain: two records signed
// at one place in a chain are an equivocation, and the ledger freezes the
// device for it. Tabs of one browser share the device key, so there the lock
// must span them (the Web Locks API); in Node one process holds a store, so a
// lock in memory is enough.

/** Runs `task` while holding the lock called `name`; tasks under one name never overlap. */
export type ChainLock = <T>(name: string, task: () => Promise<T>) => Promise<T>;

const tails = new Map<string, Promise<unknown>>();

/** A lock shared by everything in this process (a Node peer, the relay, tests). */
export const processChainLock: ChainLock = <T>(name: string, task: () => Promise<T>): Promise<T> => {
  const before = tails.get(name) ?? Promise.resolve();
  const run = before.then(task, task);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(name, tail);
  void tail.then(() => {
    if (tails.get(name) === tail) tails.delete(name);
  });
  return run;
};

/** A lock shared by every tab and worker of this origin. */
export function webChainLock(locks: LockManager): ChainLock {
  return <T>(name: string, task: () => Promise<T>) => locks.request(name, { mode: "exclusive" }, task) as Promise<T>;
}

/** The widest lock this platform has. */
export function defaultChainLock(): ChainLock {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  return locks ? webChainLock(locks) : processChainLock;
}
