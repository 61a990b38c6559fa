/**
 * What a host's lock file says about its holder, and what that means to another process: a live
 * holder (refuse, naming it) or a stale one (the holder is gone: its lock may be taken over).
 *
 * Stale only when we can know: the holder ran on this machine (same hostname) and no process has
 * its pid any more. A holder on another machine (a data folder shared over a network home) or a
 * pid that exists, even another user's, is treated as live: refusing wrongly costs a retry,
 * taking over wrongly costs two actions on one host at once.
 */

export interface HostLockRecord {
  pid: number;
  hostname: string;
  /** The action, as the refused operator should read it ("drain 10.0.0.2:80 in 10.0.0.1:80"). */
  what: string;
  /** ISO 8601. */
  at: string;
  osUser: string;
  /** Random per acquisition: release removes the file only when this is still its token. */
  token: string;
}

export function parseHostLockRecord(text: string): HostLockRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const { pid, hostname, what, at, osUser, token } = record;
  if (typeof pid !== "number" || !Number.isSafeInteger(pid) || pid <= 0) return undefined;
  if (typeof hostname !== "string" || typeof what !== "string" || typeof at !== "string") return undefined;
  if (typeof osUser !== "string" || typeof token !== "string") return undefined;
  return { pid, hostname, what, at, osUser, token };
}

/** "drain 10.0.0.2:80 in 10.0.0.1:80 by pid 1234 (alice) since 2025-01-02T03:04:05.000Z" */
export function describeHolder(record: HostLockRecord, hereHostname: string): string {
  const where = record.hostname === hereHostname ? "" : ` on ${record.hostname}`;
  const who = record.osUser ? ` (${record.osUser})` : "";
  return `${record.what} by pid ${record.pid}${where}${who} since ${record.at}`;
}

export function isStaleHolder(
  record: HostLockRecord,
  hereHostname: string,
  processExists: (pid: number) => boolean,
): boolean {
  return record.hostname === hereHostname && !processExists(record.pid);
}

/** kill(pid, 0) sends nothing: ESRCH means no such process; EPERM means one exists (another user's). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}
