/**
 * One action at a time per host. A second request while one is pending is refused, not queued:
 * a queued change would run against a table the operator has not seen yet.
 */
export class HostActionLocks {
  readonly #pending = new Map<string, string>();

  /** A release function, or undefined with `busyWith` telling what is running. */
  tryAcquire(hostId: string, what: string): { release: () => void } | { busyWith: string } {
    const running = this.#pending.get(hostId);
    if (running !== undefined) return { busyWith: running };
    this.#pending.set(hostId, what);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.#pending.delete(hostId);
      },
    };
  }

  isBusy(hostId: string): boolean {
    return this.#pending.has(hostId);
  }
}
