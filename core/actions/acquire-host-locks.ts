/**
 * Locks for an action that touches several hosts at once (a failover acts on both nodes): all of
 * them, or none and which host is busy with what. Taken in the order given; on a refusal the ones
 * already taken are released, so a refused action leaves no lock behind.
 */
import type { HostActionLocks } from "./host-action-lock.ts";

export function tryAcquireHosts(
  locks: HostActionLocks,
  hostIds: readonly string[],
  what: string,
): { release: () => void } | { busyHost: string; busyWith: string } {
  const releases: (() => void)[] = [];
  const releaseAll = (): void => {
    for (const release of [...releases].reverse()) release();
  };
  for (const hostId of new Set(hostIds)) {
    const lock = locks.tryAcquire(hostId, what);
    if ("busyWith" in lock) {
      releaseAll();
      return { busyHost: hostId, busyWith: lock.busyWith };
    }
    releases.push(lock.release);
  }
  return { release: releaseAll };
}
