/**
 * A temporary HOME for one test: ~/.ssh with a fresh client key, and the files a test writes
 * (~/.ssh/config, ~/.ssh/known_hosts), plus Fulcrum's data folder under it. Point Fulcrum at it
 * with `{ home: testHome.home }` / FULCRUM_DATA=testHome.dataDir rather than changing HOME.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { registerCleanup, removeDirSync } from "./cleanup-registry.ts";
import { generateKeyPair, type KeyPair } from "./ssh-keys.ts";
import { fulcrumDataFolder } from "../../../core/data-folder.ts";

export interface TestHome {
  home: string;
  sshDir: string;
  configPath: string;
  knownHostsPath: string;
  /** Fulcrum's data folder for this home (core/data-folder.ts: ~/.local/share/fulcrum). */
  dataDir: string;
  /** ~/.ssh/id_ed25519, unencrypted. */
  clientKey: KeyPair;
  writeSshConfig(text: string): Promise<void>;
  writeKnownHosts(text: string): Promise<void>;
  /** Another key pair under ~/.ssh (e.g. a wrong or an encrypted one). */
  generateKey(name: string, options?: { passphrase?: string }): Promise<KeyPair>;
  dispose(): Promise<void>;
}

export async function createTestHome(): Promise<TestHome> {
  const home = await mkdtemp(path.join(os.tmpdir(), "fulcrum-home-"));
  const dispose = registerCleanup({
    run: () => rm(home, { recursive: true, force: true }),
    runSync: () => removeDirSync(home),
  });
  const sshDir = path.join(home, ".ssh");
  await mkdir(sshDir, { mode: 0o700 });
  const dataDir = fulcrumDataFolder({}, home);
  const configPath = path.join(sshDir, "config");
  const knownHostsPath = path.join(sshDir, "known_hosts");
  return {
    home,
    sshDir,
    configPath,
    knownHostsPath,
    dataDir,
    clientKey: await generateKeyPair(path.join(sshDir, "id_ed25519")),
    writeSshConfig: (text) => writeFile(configPath, text, { mode: 0o600 }),
    writeKnownHosts: (text) => writeFile(knownHostsPath, text, { mode: 0o600 }),
    generateKey: (name, options = {}) => generateKeyPair(path.join(sshDir, name), options),
    dispose,
  };
}
