/**
 * The lock file's name for a host id. Host ids are ssh aliases, i.e. operator text: the name keeps
 * only [A-Za-z0-9._-] of it for a person listing the folder, and a hash of the whole id so two ids
 * never share a file. The "host-" prefix and ".lock" suffix mean no name is ".", ".." or hidden,
 * and no "/" survives, so every name stays inside the locks folder.
 *
 *   "lb1"        -> host-lb1-<12 hex>.lock
 *   "../x"       -> host-.._x-<12 hex>.lock
 */
import { createHash } from "node:crypto";

const READABLE_LENGTH = 40;

export function hostLockFileName(hostId: string): string {
  const readable = hostId.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, READABLE_LENGTH);
  const hash = createHash("sha256").update(hostId, "utf8").digest("hex").slice(0, 12);
  return `host-${readable}-${hash}.lock`;
}
