/**
 * Reads the live table for compare-and-set and verification: `ipvsadm -Ln --exact` (forward,
 * weight, connections) and `--thresholds --exact` (-x/-y, which the default listing does not
 * print but every edit must repeat), in one round trip (read-ipvs-table.sh).
 */
import type { VirtualService } from "../model/ipvs.ts";
import { backendKey, serviceKey } from "../model/service-key.ts";
import { parseIpvsadmList } from "../parse/ipvs/ipvsadm-list.ts";
import { hostScript } from "../shell/host-script.ts";
import type { HostExecutor } from "./host-executor.ts";

/** The line read-ipvs-table.sh prints between the two listings. */
export const TABLE_READ_SEPARATOR = "--fulcrum-thresholds--";
const SEPARATOR = TABLE_READ_SEPARATOR;

/** A fixed program: nothing of the operator's reaches it. */
export const READ_TABLE_ARGV = [
  "sh",
  "-c",
  hostScript("core/shell/tools.sh", "core/shell/privilege.sh", "core/actions/read-ipvs-table.sh"),
  "fulcrum-read-table",
] as const;

export class TableReadError extends Error {
  override name = "TableReadError";
}

export function parseTableRead(stdout: string): VirtualService[] {
  const at = stdout.indexOf(`${SEPARATOR}\n`);
  if (at < 0) throw new TableReadError("the table read did not complete (no thresholds listing)");
  const listed = parseIpvsadmList(stdout.slice(0, at)).services;
  const thresholds = parseIpvsadmList(stdout.slice(at + SEPARATOR.length + 1)).services;
  const byService = new Map(thresholds.map((service) => [serviceKey(service), service]));
  return listed.map((service) => {
    const limits = new Map(
      (byService.get(serviceKey(service))?.realServers ?? []).map((server) => [backendKey(server), server]),
    );
    return {
      ...service,
      realServers: service.realServers.map((server) => {
        const limit = limits.get(backendKey(server));
        if (!limit) return server;
        return {
          ...server,
          upperThreshold: limit.upperThreshold ?? 0,
          lowerThreshold: limit.lowerThreshold ?? 0,
        };
      }),
    };
  });
}

export async function readIpvsTable(executor: HostExecutor, timeoutMs = 10_000): Promise<VirtualService[]> {
  const result = await executor.run(READ_TABLE_ARGV, { timeoutMs });
  if (result.code !== 0) {
    throw new TableReadError(
      `ipvsadm -Ln failed (exit ${result.code}): ${result.stderr.trim() || "no message"}`,
    );
  }
  return parseTableRead(result.stdout);
}
