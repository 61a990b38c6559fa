/**
 * Whether runtime changes survive a reload: only when the config names a `server-state-file` and
 * loads it (`load-server-state-from-file global|local`), and the reload procedure saves the state
 * first (management.txt). The last part cannot be seen from the config; the first two can.
 */
import { haproxySocketPath } from "../../commands/haproxy.ts";
import type { HostExecutor } from "../host-executor.ts";

// "    server-state-file /var/lib/haproxy/state"   "    load-server-state-from-file global"
export function configLoadsServerState(config: string): boolean {
  const lines = config.split("\n").map((line) => line.replace(/#.*$/, "").trim());
  const names = lines.some((line) => /^server-state-file\s+\S/.test(line));
  const loads = lines.some((line) => /^load-server-state-from-file\s+(global|local)\b/.test(line));
  return names && loads;
}

/** Undefined when the config cannot be read (permissions, another path): the plan then says so. */
export async function readServerStateFileConfigured(
  executor: HostExecutor,
  configPath: string,
): Promise<boolean | undefined> {
  // The same strict path rule as the socket: absolute, no shell or option characters.
  const result = await executor.run(["cat", haproxySocketPath(configPath)], { timeoutMs: 10_000 });
  return result.code === 0 ? configLoadsServerState(result.stdout) : undefined;
}
