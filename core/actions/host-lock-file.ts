/**
 * One lock file per host in a folder, so that one action at a time per host holds across
 * processes: two `fulcrum drain` runs, or the CLI and `fulcrum serve`, on one laptop.
 *
 * Creating: the record is written to a temporary file first, then hard-linked to the lock's name.
 * link(2) fails with EEXIST exactly as open(O_CREAT|O_EXCL) ('wx') does, but the lock appears with
 * its whole content, so no reader ever sees a half-written (empty) lock, and a crash cannot leave one.
 *
 * Taking over a stale lock (its holder is gone, host-lock-record.ts) happens only under a second
 * exclusive file, `<lock>.takeover`. The lock file is removed only by its holder (release, token
 * checked) or by the one guard holder after re-reading that it is still the same stale record; so
 * two takers can never both remove a lock and both create their own. A guard whose holder died (a
 * taker killed in the few system calls it holds it) is not guessed about: the message names it.
 */
import { linkSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { hostLockFileName } from "./host-lock-file-name.ts";
import {
  describeHolder,
  isStaleHolder,
  parseHostLockRecord,
  type HostLockRecord,
} from "./host-lock-record.ts";

export interface LockIdentity {
  pid: number;
  hostname: string;
  osUser: string;
  now: () => Date;
  newToken: () => string;
  processExists: (pid: number) => boolean;
}

export type LockFileResult =
  | { acquired: true; path: string; token: string; tookOverFrom?: string }
  | { acquired: false; busyWith: string };

type ReadHolder = HostLockRecord | "absent" | "unreadable";

/** Enough rounds for "released between our create and our read" and one takeover; more means churn. */
const ATTEMPTS = 4;

export function hostLockFilePath(folder: string, hostId: string): string {
  return join(folder, hostLockFileName(hostId));
}

export function tryTakeLockFile(
  folder: string,
  hostId: string,
  what: string,
  identity: LockIdentity,
): LockFileResult {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const path = hostLockFilePath(folder, hostId);
  const record: HostLockRecord = {
    pid: identity.pid,
    hostname: identity.hostname,
    what,
    at: identity.now().toISOString(),
    osUser: identity.osUser,
    token: identity.newToken(),
  };
  let tookOverFrom: string | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (createExclusive(path, record)) {
      return { acquired: true, path, token: record.token, ...(tookOverFrom ? { tookOverFrom } : {}) };
    }
    const holder = readHolder(path);
    if (holder === "absent") continue; // released between our create and our read
    if (holder === "unreadable") {
      return {
        acquired: false,
        busyWith: `an unreadable lock file ${path} (remove it if no Fulcrum is acting on ${hostId})`,
      };
    }
    if (!isStaleHolder(holder, identity.hostname, identity.processExists)) {
      return { acquired: false, busyWith: describeHolder(holder, identity.hostname) };
    }
    const cleared = clearStaleLock(path, holder, record, identity);
    if (typeof cleared === "object") return { acquired: false, busyWith: cleared.busyWith };
    if (cleared === "cleared") tookOverFrom = describeHolder(holder, identity.hostname);
  }
  return { acquired: false, busyWith: `a lock file that kept changing (${path}); try again` };
}

/** Removes the lock file only if it still carries `token`; true when it did. */
export function releaseLockFile(path: string, token: string): boolean {
  const holder = readHolder(path);
  if (typeof holder !== "object" || holder.token !== token) return false;
  // Only this holder removes its own file, and only a guard holder removes a dead holder's: we
  // are alive, so the file read above is still ours here.
  rmSync(path, { force: true });
  return true;
}

/** Who holds the host's lock, if a live process does (a stale file is not busy). */
export function liveLockHolder(folder: string, hostId: string, identity: LockIdentity): string | undefined {
  const path = hostLockFilePath(folder, hostId);
  const holder = readHolder(path);
  if (holder === "absent") return undefined;
  if (holder === "unreadable") return `an unreadable lock file ${path}`;
  if (isStaleHolder(holder, identity.hostname, identity.processExists)) return undefined;
  return describeHolder(holder, identity.hostname);
}

function clearStaleLock(
  path: string,
  stale: HostLockRecord,
  taker: HostLockRecord,
  identity: LockIdentity,
): "cleared" | "retry" | { busyWith: string } {
  const guardPath = `${path}.takeover`;
  if (!createExclusive(guardPath, { ...taker, what: `taking over the lock of ${stale.what}` })) {
    const guard = readHolder(guardPath);
    // Another taker just finished: the next round sees its lock (or none).
    if (guard === "absent") return "retry";
    if (typeof guard === "object" && !isStaleHolder(guard, identity.hostname, identity.processExists)) {
      return {
        busyWith: `${describeHolder(stale, identity.hostname)} (that process is gone; pid ${guard.pid} is taking the lock over)`,
      };
    }
    return {
      busyWith: `a stale lock whose takeover was interrupted: if no Fulcrum is running, remove ${guardPath}`,
    };
  }
  try {
    // Under the guard no one else removes the lock file, and its dead holder cannot: if it still
    // carries the stale token, it is still the stale lock when we unlink it.
    const now = readHolder(path);
    if (typeof now !== "object" || now.token !== stale.token) return "retry";
    unlinkSync(path);
    return "cleared";
  } finally {
    rmSync(guardPath, { force: true });
  }
}

function createExclusive(path: string, record: HostLockRecord): boolean {
  const temporary = join(dirname(path), `.${basename(path)}.${record.token}.tmp`);
  writeFileSync(temporary, `${JSON.stringify(record)}\n`, { flag: "wx", mode: 0o644 });
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}

function readHolder(path: string): ReadHolder {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "absent";
    throw error;
  }
  return parseHostLockRecord(text) ?? "unreadable";
}
