/**
 * The one reader of what core/shell/keepalived-dump.sh prints, for the sampler's frames and the
 * failover node probe alike: the `keepalived` section (the pid) and `keepalived-data` (the DATA
 * dump, redacted on the host, then parsed by core/parse/keepalived/data-dump.ts, which redacts
 * again before it parses, so a secret the host missed still never reaches a result).
 */
import type { KeepalivedData } from "../model/keepalived.ts";
import { ParseError } from "../model/parse-error.ts";
import { parseKeepalivedData } from "../parse/keepalived/data-dump.ts";

/** keepalived-data's exit status when keepalived is not running (or runs no VRRP): a state, not a failure. */
export const KEEPALIVED_NOT_RUNNING = 3;

// "pid=1234", or "pid=" when keepalived is not running
const PID_LINE = /^pid=(\d*)\s*$/;

export function parseKeepalivedPid(text: string): number | null {
  const match = PID_LINE.exec(text.trim());
  if (!match) throw new ParseError(1, "pid=N", text.split("\n")[0] ?? "");
  return match[1] ? Number(match[1]) : null;
}

/** The host already replaced secrets with "<redacted>"; the parser redacts again and counts those too. */
export function parseRedactedKeepalivedData(text: string): KeepalivedData {
  const data = parseKeepalivedData(text);
  const redactedOnHost = text.split("\n").filter((line) => line.includes("<redacted>")).length;
  return { ...data, redactedSecrets: data.redactedSecrets + redactedOnHost };
}
