/**
 * One HAProxy server as actions see it: its runtime admin state and weight (show servers state),
 * its load and agent (show stat). Read through the admin socket with socat; the runtime command goes
 * on stdin, never into argv.
 */
import { socatToSocket } from "../../commands/haproxy.ts";
import { parseServersState } from "../../parse/haproxy/servers-state.ts";
import { parseHaproxyStat } from "../../parse/haproxy/stat-csv.ts";
import type { HostExecutor } from "../host-executor.ts";

export type HaproxyAdmin = "ready" | "drain" | "maint";

export interface HaproxyServerView {
  backend: string;
  server: string;
  /** maint wins over drain, as in HAProxy (FMAINT/IMAINT/CMAINT, then FDRAIN/IDRAIN). */
  admin: HaproxyAdmin;
  weight: number;
  sessions: number;
  /** An agent-check reports for this server: it may set drain/ready/weight itself. */
  agentControlled: boolean;
}

export function adminOf(flags: readonly string[]): HaproxyAdmin {
  if (flags.some((flag) => flag.endsWith("MAINT"))) return "maint";
  if (flags.some((flag) => flag.endsWith("DRAIN"))) return "drain";
  return "ready";
}

export async function runtimeCommand(
  executor: HostExecutor,
  socket: string,
  command: string,
  timeoutMs = 10_000,
): Promise<string> {
  const result = await executor.run(socatToSocket(socket), { stdin: `${command}\n`, timeoutMs });
  if (result.code !== 0) {
    throw new Error(
      `HAProxy socket ${socket}: socat exited ${result.code}: ${result.stderr.trim() || result.stdout.trim()}`,
    );
  }
  return result.stdout;
}

export async function readHaproxyServers(
  executor: HostExecutor,
  socket: string,
): Promise<HaproxyServerView[]> {
  const state = parseServersState(await runtimeCommand(executor, socket, "show servers state"));
  const stats = parseHaproxyStat(await runtimeCommand(executor, socket, "show stat"));
  return state.servers.map((server) => {
    const stat = stats.find(
      (row) => row.type === "server" && row.proxy === server.backend && row.name === server.server,
    );
    return {
      backend: server.backend,
      server: server.server,
      admin: adminOf(server.adminFlags),
      weight: server.userWeight,
      sessions: stat?.sessions ?? 0,
      agentControlled: stat?.agentStatus !== undefined && stat.agentStatus !== "",
    };
  });
}
