/**
 * What the IPVS service table shows under the operator's sort and filter, and which of its rows are
 * rendered: services keep their order (protocol, address, port); backends sort within their service.
 * Every row has the same height, so the rows in view follow from the scroll position alone.
 */
import type { RealServerRow, ServiceRow } from "./service-rows.ts";
import {
  filterRows,
  sortRows,
  WINDOW_OVERSCAN,
  windowRows,
  type RowWindow,
  type SortKey,
  type SortState,
} from "./table-view.ts";

export const SERVICE_COLUMNS = [
  "endpoint",
  "forward",
  "weight",
  "active",
  "inactive",
  "cps",
  "in",
  "out",
  "trafficShare",
  "weightShare",
  "state",
] as const;
export type ServiceColumn = (typeof SERVICE_COLUMNS)[number];

/** Each row (service heading or backend) is this tall; styles.css pins the same height. */
export const SERVICE_TABLE_ROW_HEIGHT = 34;
/** Below this many rows the table renders them all: windowing is for the 500-backend service. */
export const WINDOWING_THRESHOLD = 150;

export function serviceSortKey(row: RealServerRow, column: ServiceColumn): SortKey {
  switch (column) {
    case "endpoint":
      return row.endpoint;
    case "forward":
      return row.forward;
    case "weight":
      return row.weightValue;
    case "active":
      return row.values.active;
    case "inactive":
      return row.values.inactive;
    case "cps":
      return row.values.cps;
    case "in":
      return row.values.inBps;
    case "out":
      return row.values.outBps;
    case "trafficShare":
      return row.values.trafficShare;
    case "weightShare":
      return row.values.weightShare;
    case "state":
      // Quiescent first when ascending: the rows an operator is watching drain.
      return row.quiescent ? 0 : 1;
  }
}

/** What the filter box searches in a backend row: its address, forwarding method and state. */
export function serviceFilterTexts(row: RealServerRow, quiescentText: string): string[] {
  return [row.endpoint, row.forward, row.quiescent ? quiescentText : ""];
}

export interface VisibleService {
  service: ServiceRow;
  /** The backends left by the filter, in sort order. */
  realServers: RealServerRow[];
}

/**
 * The services and backends the table shows. A service whose own label matches the filter keeps
 * every backend; otherwise only matching backends stay, and a service with none is left out.
 */
export function visibleServices(
  rows: readonly ServiceRow[],
  sort: SortState<ServiceColumn> | undefined,
  query: string,
  quiescentText: string,
): VisibleService[] {
  const visible: VisibleService[] = [];
  for (const service of rows) {
    const labelMatches =
      query.trim() !== "" && filterRows([service], query, (row) => [row.label, row.scheduler]).length > 0;
    const matching = labelMatches
      ? service.realServers
      : filterRows(service.realServers, query, (row) => serviceFilterTexts(row, quiescentText));
    if (!labelMatches && matching.length === 0 && query.trim() !== "") continue;
    visible.push({ service, realServers: sortRows(matching, sort, serviceSortKey) });
  }
  return visible;
}

/** Each service's rendered slice of backends; every row rendered when the table is small. */
export function windowServices(
  services: readonly VisibleService[],
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number = SERVICE_TABLE_ROW_HEIGHT,
): RowWindow[] {
  const total = services.reduce((sum, entry) => sum + 1 + entry.realServers.length, 0);
  let offset = 0;
  return services.map((entry) => {
    const count = entry.realServers.length;
    // The heading row sits above this service's backends.
    offset += rowHeight;
    const belowView = offset > scrollTop + viewportHeight + WINDOW_OVERSCAN * rowHeight;
    const window =
      total <= WINDOWING_THRESHOLD
        ? { start: 0, end: count, padTop: 0, padBottom: 0 }
        : belowView
          ? { start: 0, end: 0, padTop: 0, padBottom: count * rowHeight }
          : windowRows(count, scrollTop - offset, viewportHeight, rowHeight);
    offset += count * rowHeight;
    return window;
  });
}
