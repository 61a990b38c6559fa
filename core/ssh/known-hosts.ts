/**
 * Host key verification against OpenSSH known_hosts text (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT")
 * and Fulcrum's own trust store, reduced to the same entries. Pure: text in, verdict out.
 *
 *   @revoked * ssh-ed25519 AAAAC3Nz...                         marker, patterns, type, key
 *   web1,10.0.0.5,[10.0.0.5]:2222 ssh-ed25519 AAAAC3Nz... c    comma list, non-22 ports bracketed
 *   |1|salt-base64|hmac-sha1-base64 ssh-ed25519 AAAAC3Nz...    hashed name (ssh-keygen -H)
 */
import { createHmac } from "node:crypto";
import { matchHostPatternList } from "./host-pattern.ts";
import {
  fingerprintSha256,
  keyTypeOfBlob,
  knownHostsName,
  type HostKey,
  type HostKeyTarget,
} from "./host-key.ts";

export interface KeyLocation {
  file: string;
  line: number;
}

export interface KnownHostEntry {
  location: KeyLocation;
  marker?: "revoked" | "cert-authority";
  /** Plain comma-separated patterns, or one `|1|salt|hash` hashed name. */
  hosts: string;
  keyType: string;
  blob: Buffer;
}

export type HostKeyVerdict =
  | { status: "trusted"; fingerprint: string; location: KeyLocation }
  | { status: "unknown"; fingerprint: string }
  | { status: "changed"; fingerprint: string; previous: KeyLocation & { fingerprint: string } }
  | { status: "revoked"; fingerprint: string; location: KeyLocation };

export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === undefined || fields[0] === "" || fields[0].startsWith("#")) return;
    let marker: KnownHostEntry["marker"];
    if (fields[0].startsWith("@")) {
      const name = fields.shift();
      if (name === "@revoked") marker = "revoked";
      else if (name === "@cert-authority") marker = "cert-authority";
      else return; // unknown marker: OpenSSH skips the line
    }
    const [hosts, , keyText] = fields;
    if (hosts === undefined || keyText === undefined) return;
    const blob = Buffer.from(keyText, "base64");
    const keyType = keyTypeOfBlob(blob);
    if (keyType === undefined) return;
    entries.push({
      location: { file, line: index + 1 },
      ...(marker ? { marker } : {}),
      hosts,
      keyType,
      blob,
    });
  });
  return entries;
}

function hashedNameMatches(hashed: string, name: string): boolean {
  const [, magic, salt, hash] = hashed.split("|");
  if (magic !== "1" || salt === undefined || hash === undefined) return false;
  const digest = createHmac("sha1", Buffer.from(salt, "base64")).update(name).digest("base64");
  return digest === hash;
}

export function entryMatchesHost(entry: KnownHostEntry, target: HostKeyTarget): boolean {
  const name = knownHostsName(target);
  if (entry.hosts.startsWith("|")) return hashedNameMatches(entry.hosts, name);
  return matchHostPatternList(entry.hosts.toLowerCase().split(","), name);
}

/**
 * OpenSSH's order of judgement (hostfile.c check_hostkeys_by_key_or_type): a revoked match
 * refuses outright, any exact match trusts, a different key of the same type for this host is a
 * change; only keys of other types, or none, leave the host unknown.
 */
export function judgeHostKey(
  entries: readonly KnownHostEntry[],
  target: HostKeyTarget,
  key: HostKey,
): HostKeyVerdict {
  const fingerprint = key.fingerprint;
  const forHost = entries.filter((e) => e.marker !== "cert-authority" && entryMatchesHost(e, target));
  const revoked = forHost.find((e) => e.marker === "revoked" && e.blob.equals(key.blob));
  if (revoked) return { status: "revoked", fingerprint, location: revoked.location };
  const plain = forHost.filter((e) => e.marker === undefined);
  const same = plain.find((e) => e.blob.equals(key.blob));
  if (same) return { status: "trusted", fingerprint, location: same.location };
  const changed = plain.find((e) => e.keyType === key.type);
  if (changed)
    return {
      status: "changed",
      fingerprint,
      previous: { ...changed.location, fingerprint: fingerprintSha256(changed.blob) },
    };
  return { status: "unknown", fingerprint };
}

/** Key types already known for a host, so negotiation can prefer them as OpenSSH does. */
export function knownKeyTypes(entries: readonly KnownHostEntry[], target: HostKeyTarget): string[] {
  const types = entries
    .filter((e) => e.marker === undefined && entryMatchesHost(e, target))
    .map((e) => e.keyType);
  return [...new Set(types)];
}
