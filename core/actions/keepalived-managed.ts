/**
 * Which IPVS services keepalived defines on a host, read from its keepalived.conf with the files it
 * includes (the one config reader, keepalived-config-read.ts), so plans can say that a manual
 * weight there is temporary. An unreadable config (not root, elsewhere) means "unknown", reported
 * as no services rather than a failed plan.
 */
import type { HostExecutor } from "./host-executor.ts";
import { readKeepalivedConfigOn } from "./keepalived-config-read.ts";
import { keepalivedServiceKeys } from "../parse/keepalived/managed-by.ts";

export const KEEPALIVED_CONFIG = "/etc/keepalived/keepalived.conf";

export async function readKeepalivedServices(
  executor: HostExecutor,
  path = KEEPALIVED_CONFIG,
): Promise<string[]> {
  try {
    const read = await readKeepalivedConfigOn(executor, path);
    return read.ok ? keepalivedServiceKeys(read.config) : [];
  } catch {
    return []; // the connection dropped: unknown, as an unreadable config
  }
}
