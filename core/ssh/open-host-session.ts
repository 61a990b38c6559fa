/**
 * A HostSession for an operator's alias, resolved the way `ssh` would (~/.ssh/config, or the file
 * given as with `ssh -F`), with host keys judged against known_hosts and Fulcrum's trust store.
 * `~` is the HOME environment variable (os.homedir()), so tests and operators can point it elsewhere.
 */
import os from "node:os";
import { createHostKeyPolicy } from "./host-key-policy.ts";
import { HostSession, type HostSessionOptions } from "./session.ts";
import { readSshConfig, resolveSshHost } from "./ssh-config.ts";
import { fulcrumDataFolder } from "../data-folder.ts";
import { trustStorePath } from "./trust-store.ts";

export interface OpenHostSessionOptions extends Partial<Omit<HostSessionOptions, "target" | "hostKeys">> {
  /** Another ssh config file, as `ssh -F FILE`. */
  configFile?: string;
  home?: string;
  /** Where FULCRUM_DATA is read for the trust store (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

export async function openHostSession(
  alias: string,
  options: OpenHostSessionOptions = {},
): Promise<HostSession> {
  const home = options.home ?? os.homedir();
  const configText = await readSshConfig(options.configFile, home);
  const target = resolveSshHost(configText, alias, { home });
  const { configFile: _configFile, home: _home, env = process.env, ...sessionOptions } = options;
  return new HostSession({
    ...sessionOptions,
    target,
    hostKeys: createHostKeyPolicy(trustStorePath(fulcrumDataFolder(env, home))),
  });
}
