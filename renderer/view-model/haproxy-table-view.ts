/**
 * What the HAProxy table shows under the operator's sort and filter: backends keep HAProxy's order,
 * servers sort within their backend, and the filter matches a server's name, status or check.
 */
import type { HaproxyBackendRow, HaproxyServerRow } from "./haproxy-backends.ts";
import { filterRows, sortRows, type SortKey, type SortState } from "./table-view.ts";

export const HAPROXY_COLUMNS = [
  "name",
  "status",
  "weight",
  "sessions",
  "sessionRate",
  "in",
  "out",
  "check",
] as const;
export type HaproxyColumn = (typeof HAPROXY_COLUMNS)[number];

export function haproxySortKey(row: HaproxyServerRow, column: HaproxyColumn): SortKey {
  switch (column) {
    case "name":
      return row.name;
    case "status":
      return row.status;
    case "weight":
      return row.weightValue;
    case "sessions":
      return row.values.sessions;
    case "sessionRate":
      return row.values.sessionRate;
    case "in":
      return row.values.inBps;
    case "out":
      return row.values.outBps;
    case "check":
      return row.checkStatus;
  }
}

/** A backend whose name matches keeps every server; otherwise only matching servers, none: left out. */
export function visibleBackends(
  backends: readonly HaproxyBackendRow[],
  sort: SortState<HaproxyColumn> | undefined,
  query: string,
): HaproxyBackendRow[] {
  const filtering = query.trim() !== "";
  const visible: HaproxyBackendRow[] = [];
  for (const backend of backends) {
    const nameMatches = filtering && filterRows([backend.proxy], query, (name) => [name]).length > 0;
    const servers = nameMatches
      ? backend.servers
      : filterRows(backend.servers, query, (row) => [row.key, row.status, row.checkStatus]);
    if (filtering && !nameMatches && servers.length === 0) continue;
    visible.push({ ...backend, servers: sortRows(servers, sort, haproxySortKey) });
  }
  return visible;
}
