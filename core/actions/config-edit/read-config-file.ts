/**
 * Reads a config file over SSH for planning. A symbolic link is refused: the edit replaces the file
 * by rename, which would turn the link into a plain file and leave its target unchanged.
 */
import type { HostExecutor } from "../host-executor.ts";
import { isSymlinkArgv, readFileArgv } from "./config-edit-commands.ts";
import type { ConfigPath } from "./config-path.ts";

export type ConfigFileRead = { ok: true; text: string } | { ok: false; reason: string };

export async function readConfigFile(executor: HostExecutor, path: ConfigPath): Promise<ConfigFileRead> {
  if ((await executor.run(isSymlinkArgv(path))).code === 0) {
    return { ok: false, reason: `${path} is a symbolic link; edit the file it points to` };
  }
  const read = await executor.run(readFileArgv(path));
  if (read.code !== 0)
    return { ok: false, reason: `cannot read ${path}: ${read.stderr.trim() || `exit ${read.code}`}` };
  return { ok: true, text: read.stdout };
}
