/**
 * Reads the operator's known_hosts files and Fulcrum's trust store at verification time (they
 * are small, and the operator may edit them while Fulcrum runs) and judges a presented key.
 */
import { readFile } from "node:fs/promises";
import type { HostKey, HostKeyTarget } from "./host-key.ts";
import {
  judgeHostKey,
  knownKeyTypes,
  parseKnownHosts,
  type HostKeyVerdict,
  type KnownHostEntry,
} from "./known-hosts.ts";
import { addTrustedKey, readTrustStore, trustStoreEntries } from "./trust-store.ts";

export interface HostKeyPolicy {
  verify(target: HostKeyTarget, key: HostKey, knownHostsFiles: readonly string[]): Promise<HostKeyVerdict>;
  /** Key types already recorded for the target, to put first in negotiation. */
  knownTypes(target: HostKeyTarget, knownHostsFiles: readonly string[]): Promise<string[]>;
  trust(target: HostKeyTarget, key: HostKey): Promise<void>;
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

export function createHostKeyPolicy(trustStoreFile: string): HostKeyPolicy {
  async function entries(knownHostsFiles: readonly string[]): Promise<KnownHostEntry[]> {
    const all: KnownHostEntry[] = [];
    for (const file of knownHostsFiles) {
      const text = await readIfPresent(file);
      if (text !== undefined) all.push(...parseKnownHosts(text, file));
    }
    const store = await readTrustStore(trustStoreFile);
    if (store !== undefined) all.push(...trustStoreEntries(store, trustStoreFile));
    return all;
  }
  return {
    async verify(target, key, knownHostsFiles) {
      return judgeHostKey(await entries(knownHostsFiles), target, key);
    },
    async knownTypes(target, knownHostsFiles) {
      return knownKeyTypes(await entries(knownHostsFiles), target);
    },
    trust: (target, key) => addTrustedKey(trustStoreFile, target, key),
  };
}
