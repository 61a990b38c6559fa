/**
 * The pure parts of a table the operator watches all day: sorting on any column, a filter box
 * (address, name, state), and windowing (render only the rows in view: fixed row height, spacers
 * above and below). Components keep the state; these functions decide what is shown.
 */
import { compareAddresses } from "./compare-addresses.ts";

export type SortDirection = "ascending" | "descending";

export interface SortState<C extends string> {
  column: C;
  direction: SortDirection;
}

/** A cell's sort key: numbers sort numerically, addresses as addresses, text by locale; undefined sorts last. */
export type SortKey = number | string | undefined;

/** Clicking a header: a new column sorts ascending; the same column flips. */
export function nextSort<C extends string>(current: SortState<C> | undefined, column: C): SortState<C> {
  if (current?.column !== column) return { column, direction: "ascending" };
  return { column, direction: current.direction === "ascending" ? "descending" : "ascending" };
}

/** The header's aria-sort for `column` under `sort`. */
export function ariaSortOf<C extends string>(
  sort: SortState<C> | undefined,
  column: C,
): "ascending" | "descending" | "none" {
  return sort?.column === column ? sort.direction : "none";
}

const ADDRESS_LIKE = /^\[?[0-9a-f.:]+\]?(:\d+)?$/i;

export function compareSortKeys(a: SortKey, b: SortKey): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  const left = String(a);
  const right = String(b);
  if (ADDRESS_LIKE.test(left) && ADDRESS_LIKE.test(right)) return compareEndpoints(left, right);
  return left.localeCompare(right, undefined, { numeric: true, sensitivity: "base" });
}

/** "10.0.0.2:80" vs "10.0.0.10:80", "[2001:db8::1]:443": address first, then port. */
function compareEndpoints(a: string, b: string): number {
  const [addressA, portA] = splitEndpoint(a);
  const [addressB, portB] = splitEndpoint(b);
  return compareAddresses(addressA, addressB) || portA - portB;
}

function splitEndpoint(text: string): [string, number] {
  const bracketed = /^\[(.+)\](?::(\d+))?$/.exec(text);
  if (bracketed) return [bracketed[1] ?? "", Number(bracketed[2] ?? 0)];
  const colons = text.split(":").length - 1;
  if (colons === 1) {
    const [address = "", port = "0"] = text.split(":");
    return [address, Number(port)];
  }
  return [text, 0];
}

/**
 * Rows sorted by `keyOf(row, column)`; stable, so rows with equal keys keep their given order.
 * Undefined keys (no counters) stay last in both directions: an operator sorting by conn/s wants
 * the busiest or the idlest, not the unknown.
 */
export function sortRows<R, C extends string>(
  rows: readonly R[],
  sort: SortState<C> | undefined,
  keyOf: (row: R, column: C) => SortKey,
): R[] {
  if (!sort) return [...rows];
  const sign = sort.direction === "ascending" ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, key: keyOf(row, sort.column) }))
    .sort((a, b) => {
      if (a.key === undefined || b.key === undefined) {
        return a.key === b.key ? a.index - b.index : a.key === undefined ? 1 : -1;
      }
      return sign * compareSortKeys(a.key, b.key) || a.index - b.index;
    })
    .map((entry) => entry.row);
}

/**
 * Rows where every word of `query` appears (case-insensitive) in one of the row's searchable texts
 * (its address, name, state). An empty query keeps every row.
 */
export function filterRows<R>(
  rows: readonly R[],
  query: string,
  textsOf: (row: R) => readonly string[],
): R[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((row) => {
    const haystack = textsOf(row).join("\n").toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

export interface RowWindow {
  /** First row to render (inclusive). */
  start: number;
  /** One past the last row to render. */
  end: number;
  /** Height of the spacer above the rendered rows, in px. */
  padTop: number;
  /** Height of the spacer below. */
  padBottom: number;
}

/** Rows rendered beyond the viewport on each side, so a fast scroll does not show blank space. */
export const WINDOW_OVERSCAN = 8;

/**
 * The rows of a `count`-row list (each `rowHeight` px) that a viewport `viewportHeight` px high,
 * scrolled `scrollTop` px into the list, shows, plus `overscan` rows either side. A scrollTop
 * outside the list (negative: the list starts below the viewport's top) is clamped.
 */
export function windowRows(
  count: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  overscan: number = WINDOW_OVERSCAN,
): RowWindow {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0, padTop: 0, padBottom: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.min(count, Math.max(0, first - overscan));
  const end = Math.min(count, Math.max(start, first + visible + overscan));
  return { start, end, padTop: start * rowHeight, padBottom: (count - end) * rowHeight };
}
