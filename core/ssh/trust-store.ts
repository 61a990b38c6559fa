/**
 * Fulcrum's own record of host keys the operator confirmed (known-hosts.json in the data folder:
 * core/data-folder.ts). Kept apart from ~/.ssh/known_hosts so Fulcrum never edits
 * the operator's OpenSSH files. Entries reduce to KnownHostEntry so one judge covers both.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { updateDataFile } from "../data-file-update.ts";
import { knownHostsName, type HostKey, type HostKeyTarget } from "./host-key.ts";
import type { KnownHostEntry } from "./known-hosts.ts";

const TrustedKeySchema = z.object({
  host: z.string().min(1),
  keyType: z.string().min(1),
  key: z.string().min(1),
  fingerprint: z.string(),
  addedAt: z.string(),
});
const TrustStoreSchema = z.object({ version: z.literal(1), keys: z.array(TrustedKeySchema) });
export type TrustStore = z.infer<typeof TrustStoreSchema>;

export function trustStorePath(dataFolder: string): string {
  return path.join(dataFolder, "known-hosts.json");
}

export function parseTrustStore(text: string): TrustStore {
  return TrustStoreSchema.parse(JSON.parse(text));
}

/** Entries with the line each key sits on, found by its base64 text (unique per key). */
export function trustStoreEntries(text: string, file: string): KnownHostEntry[] {
  const store = parseTrustStore(text);
  const lines = text.split("\n");
  return store.keys.map((k) => ({
    location: { file, line: lines.findIndex((l) => l.includes(k.key)) + 1 },
    hosts: k.host,
    keyType: k.keyType,
    blob: Buffer.from(k.key, "base64"),
  }));
}

export async function readTrustStore(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * Adds a confirmed key. A read-modify-write under the data folder's file lock (core/data-file-update.ts):
 * keys confirmed at once, in this process or another Fulcrum, are all kept, and the file is replaced
 * whole, so a crash never truncates it.
 */
export async function addTrustedKey(
  file: string,
  target: HostKeyTarget,
  key: HostKey,
  now = new Date(),
): Promise<void> {
  const host = knownHostsName(target);
  const keyText = key.blob.toString("base64");
  await updateDataFile(file, (existing) => {
    const store: TrustStore = existing === undefined ? { version: 1, keys: [] } : parseTrustStore(existing);
    if (store.keys.some((k) => k.host === host && k.key === keyText)) return undefined;
    store.keys.push({
      host,
      keyType: key.type,
      key: keyText,
      fingerprint: key.fingerprint,
      addedAt: now.toISOString(),
    });
    return `${JSON.stringify(store, null, 2)}\n`;
  });
}
