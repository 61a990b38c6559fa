/**
 * Which admin socket an action talks to: the one the operator named, else the admin socket that
 * the host's haproxy.cfg declares (read with `cat` on the host, parsed here). The sampler does the
 * same lookup in shell; actions read the config themselves so they never depend on a sampler.
 */
import { haproxySocketPath } from "../../commands/haproxy.ts";
import { ValidationError } from "../../commands/validated.ts";
import type { HostExecutor } from "../host-executor.ts";
import { adminSocketIn } from "./stats-socket-lines.ts";

export const DEFAULT_HAPROXY_CONFIG = "/etc/haproxy/haproxy.cfg";

export type ResolvedSocket =
  { ok: true; socket: string; source: "option" | "config" } | { ok: false; reason: string };

export async function resolveHaproxySocket(
  executor: HostExecutor,
  where: { socket?: string; configPath: string },
): Promise<ResolvedSocket> {
  if (where.socket !== undefined)
    return { ok: true, socket: haproxySocketPath(where.socket), source: "option" };
  const result = await executor.run(["cat", haproxySocketPath(where.configPath)], { timeoutMs: 10_000 });
  if (result.code !== 0) {
    const why = result.stderr.trim() || `cat exited ${result.code}`;
    return {
      ok: false,
      reason: `cannot read ${where.configPath} on the host (${why}); give the admin socket with --haproxy-socket`,
    };
  }
  const choice = adminSocketIn(result.stdout, where.configPath);
  if (!choice.ok) return choice;
  try {
    // A path from a file on the host is not trusted more than one typed by the operator.
    return { ok: true, socket: haproxySocketPath(choice.path), source: "config" };
  } catch (error) {
    if (error instanceof ValidationError)
      return { ok: false, reason: `${where.configPath}: ${error.message}` };
    throw error;
  }
}
