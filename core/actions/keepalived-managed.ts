/**
 * Which IPVS services keepalived defines on a host, read from its keepalived.conf, so plans can say
 * that a manual weight there is temporary. An unreadable config (not root, elsewhere) means
 * "unknown", reported as no services rather than a failed plan.
 */
import type { HostExecutor } from "./host-executor.ts";
import { parseKeepalivedConfig } from "../parse/keepalived/config.ts";
import { keepalivedServiceKeys } from "../parse/keepalived/managed-by.ts";

export const KEEPALIVED_CONFIG = "/etc/keepalived/keepalived.conf";

export async function readKeepalivedServices(
  executor: HostExecutor,
  path = KEEPALIVED_CONFIG,
): Promise<string[]> {
  const result = await executor.run(["cat", path], { timeoutMs: 10_000 });
  if (result.code !== 0) return [];
  try {
    return keepalivedServiceKeys(parseKeepalivedConfig(result.stdout));
  } catch {
    return [];
  }
}
