/**
 * Groups HAProxy `show stat` rows into backends with their servers, in the order HAProxy lists
 * them, with formatted rates and a tone per status. Frontends are left out: they carry no weights,
 * checks or servers an operator acts on.
 */
import type { HostSnapshot } from "../../core/api.ts";
import { formatBytesPerSecond, formatCount, formatPerSecond, NO_VALUE } from "./format-rate.ts";
import { haproxyStatusTone, type StatusTone } from "./status-tone.ts";

type HaproxyRowView = NonNullable<HostSnapshot["haproxy"]>[number];

export interface HaproxyServerRow {
  key: string;
  /** The backend (proxy) the row belongs to, as actions name it. */
  proxy: string;
  name: string;
  status: string;
  tone: StatusTone;
  weight: string;
  /** The weight as a number, for the weight box; undefined when HAProxy printed none. */
  weightValue: number | undefined;
  sessions: string;
  sessionRate: string;
  inBps: string;
  outBps: string;
  checkStatus: string;
}

export interface HaproxyBackendRow {
  proxy: string;
  /** The BACKEND row itself, when HAProxy listed one. */
  summary: HaproxyServerRow | undefined;
  servers: HaproxyServerRow[];
}

export function toHaproxyBackends(rows: readonly HaproxyRowView[] | undefined): HaproxyBackendRow[] {
  const byProxy = new Map<string, HaproxyBackendRow>();
  for (const row of rows ?? []) {
    if (row.type !== "backend" && row.type !== "server") continue;
    let backend = byProxy.get(row.proxy);
    if (!backend) {
      backend = { proxy: row.proxy, summary: undefined, servers: [] };
      byProxy.set(row.proxy, backend);
    }
    if (row.type === "backend") backend.summary = toServerRow(row);
    else backend.servers.push(toServerRow(row));
  }
  return [...byProxy.values()];
}

function toServerRow(row: HaproxyRowView): HaproxyServerRow {
  return {
    key: `${row.proxy}/${row.name}`,
    proxy: row.proxy,
    name: row.name,
    status: row.status,
    tone: haproxyStatusTone(row.status),
    weight: row.weight === undefined ? NO_VALUE : formatCount(row.weight),
    weightValue: row.weight,
    sessions: formatCount(row.sessions),
    sessionRate: formatPerSecond(row.sessionRate),
    inBps: formatBytesPerSecond(row.inBps),
    outBps: formatBytesPerSecond(row.outBps),
    checkStatus: row.checkStatus ?? NO_VALUE,
  };
}
