/**
 * Which IPVS services keepalived defines on a host, so plans can say that a manual weight there is
 * temporary. Read through the one keepalived.conf reader (keepalived-config-read.ts: includes
 * followed, privileged, redacted on the host), so a virtual_server kept in an included file counts
 * as keepalived reads it. An unreadable config (not root, elsewhere, malformed) means "unknown",
 * reported as no services rather than a failed plan.
 */
import type { HostExecutor } from "./host-executor.ts";
import { readKeepalivedConfigOn } from "./keepalived-config-read.ts";
import { keepalivedServiceKeys } from "../parse/keepalived/managed-by.ts";

export const KEEPALIVED_CONFIG = "/etc/keepalived/keepalived.conf";

export async function readKeepalivedServices(
  executor: HostExecutor,
  path = KEEPALIVED_CONFIG,
): Promise<string[]> {
  const read = await readKeepalivedConfigOn(executor, path);
  return read.ok ? keepalivedServiceKeys(read.config) : [];
}
