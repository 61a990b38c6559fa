/**
 * A host key as the server presents it: the SSH wire blob (RFC 4253 §6.6), whose first field is
 * the key type name. Fingerprints are printed as OpenSSH does: SHA256 of the blob, base64 without
 * padding (`ssh-keygen -lf`).
 */
import { createHash } from "node:crypto";

export interface HostKey {
  type: string;
  blob: Buffer;
  fingerprint: string;
}

/** Where a host name is looked up: `host` on port 22, `[host]:port` otherwise (sshd(8) known_hosts). */
export interface HostKeyTarget {
  name: string;
  port: number;
}

export function knownHostsName(target: HostKeyTarget): string {
  const name = target.name.toLowerCase();
  return target.port === 22 ? name : `[${name}]:${target.port}`;
}

export function fingerprintSha256(blob: Buffer): string {
  return `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;
}

/** The key type name at the start of a wire blob, or undefined when the blob is malformed. */
export function keyTypeOfBlob(blob: Buffer): string | undefined {
  if (blob.length < 4) return undefined;
  const length = blob.readUInt32BE(0);
  if (length === 0 || length > 64 || 4 + length > blob.length) return undefined;
  return blob.subarray(4, 4 + length).toString("latin1");
}

export function hostKeyFromBlob(blob: Buffer): HostKey {
  return { type: keyTypeOfBlob(blob) ?? "unknown", blob, fingerprint: fingerprintSha256(blob) };
}
