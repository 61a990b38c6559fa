import { describe, expect, it } from "vitest";
import {
  ariaSortOf,
  filterRows,
  nextSort,
  sortRows,
  windowRows,
  type SortState,
} from "../../../../renderer/view-model/table-view.ts";

interface Row {
  endpoint: string;
  name: string;
  cps: number | undefined;
  state: string;
}

const rows: Row[] = [
  { endpoint: "10.0.0.10:80", name: "web10", cps: 5, state: "up" },
  { endpoint: "10.0.0.2:80", name: "web2", cps: undefined, state: "quiescent" },
  { endpoint: "10.0.0.9:8080", name: "web9", cps: 12, state: "up" },
  { endpoint: "10.0.0.9:80", name: "web9b", cps: 5, state: "drain" },
];
type Column = "endpoint" | "name" | "cps";
const keyOf = (row: Row, column: Column) => row[column];

describe("sorting", () => {
  it("flips the direction on the same column and starts a new column ascending", () => {
    const first = nextSort<Column>(undefined, "cps");
    expect(first).toEqual({ column: "cps", direction: "ascending" });
    expect(nextSort(first, "cps")).toEqual({ column: "cps", direction: "descending" });
    expect(nextSort(nextSort(first, "cps"), "name")).toEqual({ column: "name", direction: "ascending" });
    expect(ariaSortOf(first, "cps")).toBe("ascending");
    expect(ariaSortOf(first, "name")).toBe("none");
  });

  it("orders endpoints as addresses then ports, not as text", () => {
    const sorted = sortRows(rows, { column: "endpoint", direction: "ascending" }, keyOf);
    expect(sorted.map((row) => row.endpoint)).toEqual([
      "10.0.0.2:80",
      "10.0.0.9:80",
      "10.0.0.9:8080",
      "10.0.0.10:80",
    ]);
    const descending = sortRows(rows, { column: "endpoint", direction: "descending" }, keyOf);
    expect(descending.map((row) => row.endpoint)[0]).toBe("10.0.0.10:80");
  });

  it("sorts numbers numerically, keeps ties in their order and unknowns last both ways", () => {
    const up: SortState<Column> = { column: "cps", direction: "ascending" };
    expect(sortRows(rows, up, keyOf).map((row) => row.name)).toEqual(["web10", "web9b", "web9", "web2"]);
    const down: SortState<Column> = { column: "cps", direction: "descending" };
    expect(sortRows(rows, down, keyOf).map((row) => row.name)).toEqual(["web9", "web10", "web9b", "web2"]);
  });

  it("sorts names with numbers in them naturally and leaves the input alone", () => {
    const copy = [...rows];
    const sorted = sortRows(rows, { column: "name", direction: "ascending" }, keyOf);
    expect(sorted.map((row) => row.name)).toEqual(["web2", "web9", "web9b", "web10"]);
    expect(rows).toEqual(copy);
    expect(sortRows(rows, undefined, keyOf)).toEqual(rows);
  });
});

describe("filtering", () => {
  const texts = (row: Row) => [row.endpoint, row.name, row.state];

  it("keeps rows holding every word, in any searchable text, ignoring case", () => {
    expect(filterRows(rows, "10.0.0.9", texts).map((row) => row.name)).toEqual(["web9", "web9b"]);
    expect(filterRows(rows, "  WEB9  drain", texts).map((row) => row.name)).toEqual(["web9b"]);
    expect(filterRows(rows, "quiescent", texts).map((row) => row.name)).toEqual(["web2"]);
    expect(filterRows(rows, "nothing-like-this", texts)).toEqual([]);
  });

  it("keeps every row for an empty or blank query", () => {
    expect(filterRows(rows, "", texts)).toHaveLength(4);
    expect(filterRows(rows, "   ", texts)).toHaveLength(4);
  });
});

describe("windowing", () => {
  it("renders the rows in view plus the overscan, with spacers for the rest (500 rows)", () => {
    const view = windowRows(500, 3200, 640, 32, 8);
    // Row 100 is at the top; 21 rows fit (20 plus one partly shown).
    expect(view).toEqual({ start: 92, end: 129, padTop: 92 * 32, padBottom: (500 - 129) * 32 });
    expect(view.end - view.start).toBeLessThan(50);
    expect(view.padTop + (view.end - view.start) * 32 + view.padBottom).toBe(500 * 32);
  });

  it("clamps at both ends and for a list starting below the viewport", () => {
    expect(windowRows(500, -400, 640, 32, 8)).toEqual({ start: 0, end: 29, padTop: 0, padBottom: 471 * 32 });
    const bottom = windowRows(500, 500 * 32, 640, 32, 8);
    expect(bottom.end).toBe(500);
    expect(bottom.padBottom).toBe(0);
    expect(bottom.start).toBeLessThanOrEqual(500);
    expect(windowRows(10, 0, 640, 32, 8)).toEqual({ start: 0, end: 10, padTop: 0, padBottom: 0 });
    expect(windowRows(0, 0, 640, 32)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });
});
