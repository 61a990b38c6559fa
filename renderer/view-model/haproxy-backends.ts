/**
 * Groups HAProxy `show stat` rows into backends with their servers, in the order HAProxy lists
 * them, with formatted rates and a tone per status. Frontends are left out: they carry no weights,
 * checks or servers an operator acts on.
 */
import type { HostSnapshot } from "../../core/api.ts";
import { NO_VALUE } from "./format-rate.ts";
import type { I18n } from "../i18n/i18n.ts";
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
  /** The numbers behind the cells, for sorting. */
  values: {
    sessions: number;
    sessionRate: number | undefined;
    inBps: number | undefined;
    outBps: number | undefined;
  };
}

export interface HaproxyBackendRow {
  proxy: string;
  /** The BACKEND row itself, when HAProxy listed one. */
  summary: HaproxyServerRow | undefined;
  servers: HaproxyServerRow[];
}

export function toHaproxyBackends(
  rows: readonly HaproxyRowView[] | undefined,
  i18n: I18n,
): HaproxyBackendRow[] {
  const byProxy = new Map<string, HaproxyBackendRow>();
  for (const row of rows ?? []) {
    if (row.type !== "backend" && row.type !== "server") continue;
    let backend = byProxy.get(row.proxy);
    if (!backend) {
      backend = { proxy: row.proxy, summary: undefined, servers: [] };
      byProxy.set(row.proxy, backend);
    }
    if (row.type === "backend") backend.summary = toServerRow(row, i18n);
    else backend.servers.push(toServerRow(row, i18n));
  }
  return [...byProxy.values()];
}

function toServerRow(row: HaproxyRowView, i18n: I18n): HaproxyServerRow {
  return {
    key: `${row.proxy}/${row.name}`,
    proxy: row.proxy,
    name: row.name,
    status: row.status,
    tone: haproxyStatusTone(row.status),
    weight: row.weight === undefined ? NO_VALUE : i18n.count(row.weight),
    weightValue: row.weight,
    sessions: i18n.count(row.sessions),
    sessionRate: i18n.perSecond(row.sessionRate),
    inBps: i18n.bytesPerSecond(row.inBps),
    outBps: i18n.bytesPerSecond(row.outBps),
    checkStatus: row.checkStatus ?? NO_VALUE,
    values: { sessions: row.sessions, sessionRate: row.sessionRate, inBps: row.inBps, outBps: row.outBps },
  };
}
