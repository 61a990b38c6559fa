/**
 * One action at a time per host. A second request while one is pending is refused, not queued:
 * a queued change would run against a table the operator has not seen yet.
 *
 * In memory, that holds within one process (several hosts, several actions). Given the data
 * folder's locks/ (`folder`), it also holds across processes, through one lock file per host
 * (host-lock-file.ts): two CLI runs, or the CLI and `fulcrum serve`, cannot act on one host at
 * once. A lock left by a process that is gone is taken over, and `onTakeover` is told.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { currentOsUser } from "./current-os-user.ts";
import { liveLockHolder, releaseLockFile, tryTakeLockFile, type LockIdentity } from "./host-lock-file.ts";
import { processExists } from "./host-lock-record.ts";

export interface HostActionLocksOptions {
  /** The folder for lock files (actionLocksFolder()); without it, locks hold in this process only. */
  folder?: string;
  /** Told, in a sentence, when a dead process's lock was taken over. */
  onTakeover?: (message: string) => void;
  /** For tests; default: this process. */
  identity?: Partial<LockIdentity>;
}

export type HostLockAcquired = { release: () => void; tookOverFrom?: string };
export type HostLockResult = HostLockAcquired | { busyWith: string };

export class HostActionLocks {
  readonly #pending = new Map<string, string>();
  readonly #folder: string | undefined;
  readonly #onTakeover: ((message: string) => void) | undefined;
  readonly #identity: LockIdentity;
  /** File locks this object holds, released on process exit if the action never got to. */
  readonly #heldFiles = new Map<string, string>();
  readonly #releaseAtExit = (): void => {
    for (const [path, token] of this.#heldFiles) {
      try {
        releaseLockFile(path, token);
      } catch {
        // best effort at exit: a lock left behind is stale and will be taken over
      }
    }
  };

  constructor(options: HostActionLocksOptions = {}) {
    this.#folder = options.folder;
    this.#onTakeover = options.onTakeover;
    this.#identity = {
      pid: process.pid,
      hostname: hostname(),
      osUser: currentOsUser(),
      now: () => new Date(),
      newToken: randomUUID,
      processExists,
      ...options.identity,
    };
  }

  /** A release function, or `busyWith` telling what is running (and, across processes, who runs it). */
  tryAcquire(hostId: string, what: string): HostLockResult {
    const running = this.#pending.get(hostId);
    if (running !== undefined) return { busyWith: running };
    const file =
      this.#folder === undefined ? undefined : tryTakeLockFile(this.#folder, hostId, what, this.#identity);
    if (file && !file.acquired) return { busyWith: file.busyWith };
    this.#pending.set(hostId, what);
    if (file) this.#holdFile(file.path, file.token);
    const tookOverFrom = file?.tookOverFrom;
    if (tookOverFrom !== undefined) {
      this.#onTakeover?.(`took over the lock on ${hostId} left by ${tookOverFrom}: that process is gone`);
    }
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.#pending.delete(hostId);
        if (file) this.#releaseFile(file.path, file.token);
      },
      ...(tookOverFrom !== undefined ? { tookOverFrom } : {}),
    };
  }

  isBusy(hostId: string): boolean {
    return this.holder(hostId) !== undefined;
  }

  /** What holds the lock (in this process, or a live process's lock file), if anything does. */
  holder(hostId: string): string | undefined {
    const running = this.#pending.get(hostId);
    if (running !== undefined) return running;
    return this.#folder === undefined ? undefined : liveLockHolder(this.#folder, hostId, this.#identity);
  }

  #holdFile(path: string, token: string): void {
    if (this.#heldFiles.size === 0) process.on("exit", this.#releaseAtExit);
    this.#heldFiles.set(path, token);
  }

  #releaseFile(path: string, token: string): void {
    this.#heldFiles.delete(path);
    if (this.#heldFiles.size === 0) process.off("exit", this.#releaseAtExit);
    releaseLockFile(path, token);
  }
}
