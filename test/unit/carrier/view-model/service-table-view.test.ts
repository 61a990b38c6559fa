import { describe, expect, it } from "vitest";
import { english } from "../../../../renderer/i18n/i18n.ts";
import { toServiceRows } from "../../../../renderer/view-model/service-rows.ts";
import {
  SERVICE_TABLE_ROW_HEIGHT,
  visibleServices,
  windowServices,
} from "../../../../renderer/view-model/service-table-view.ts";
import { testSnapshot } from "../test-snapshot.ts";
import { expectEvery } from "../../../support/expect-every.ts";

const QUIESCENT = english.t("ipvs.quiescent");

function bigSnapshot(backends: number) {
  const base = testSnapshot().services[0]!;
  const backend = base.realServers[1]!;
  const realServers = Array.from({ length: backends }, (_, index) => ({
    ...backend,
    address: `10.1.${Math.floor(index / 250)}.${(index % 250) + 1}`,
    weight: index === 7 ? 0 : 100,
    activeConns: (index * 37) % 101,
    rates: backend.rates && { ...backend.rates, cps: index % 13 },
  }));
  return { services: [{ ...base, realServers }, testSnapshot().services[1]!] };
}

describe("the service table's sort, filter and totals", () => {
  it("sums the backends into the service's totals row", () => {
    const [nat] = toServiceRows(testSnapshot(), english);
    expect(nat?.totals.activeConns).toBe(
      english.count(
        testSnapshot().services[0]!.realServers.reduce((sum, server) => sum + server.activeConns, 0),
      ),
    );
  });

  it("sorts backends within their service by the clicked column, services keeping their order", () => {
    const rows = toServiceRows(bigSnapshot(20), english);
    const visible = visibleServices(rows, { column: "active", direction: "descending" }, "", QUIESCENT);
    expect(visible.map((entry) => entry.service.label)).toEqual(rows.map((row) => row.label));
    const active = visible[0]!.realServers.map((server) => server.values.active);
    expect(active).toHaveLength(20);
    expect(active).toEqual([...active].sort((a, b) => b - a));
  });

  it("filters by address and by state, and a matching service label keeps all its backends", () => {
    const rows = toServiceRows(bigSnapshot(20), english);
    const byAddress = visibleServices(rows, undefined, "10.1.0.1", QUIESCENT);
    expect(byAddress).toHaveLength(1);
    // 10.1.0.1 and 10.1.0.10..19.
    expect(byAddress[0]!.realServers.map((server) => server.endpoint)).toContain("10.1.0.1:443");
    expectEvery(byAddress[0]!.realServers, (server) => server.endpoint.startsWith("10.1.0.1"), "backends");
    const quiescent = visibleServices(rows, undefined, "quiescent", QUIESCENT);
    expect(quiescent.flatMap((entry) => entry.realServers.map((server) => server.endpoint))).toEqual([
      "10.1.0.8:443",
    ]);
    const byLabel = visibleServices(rows, undefined, rows[1]!.label, QUIESCENT);
    expect(byLabel.map((entry) => entry.service.label)).toEqual([rows[1]!.label]);
    expect(byLabel[0]!.realServers).toHaveLength(rows[1]!.realServers.length);
  });
});

describe("windowing the 500-backend service", () => {
  it("renders only the rows in view, with spacers making up the full height", () => {
    const visible = visibleServices(toServiceRows(bigSnapshot(500), english), undefined, "", QUIESCENT);
    const height = 700;
    const [first, second] = windowServices(visible, 250 * SERVICE_TABLE_ROW_HEIGHT, height);
    const rendered = first!.end - first!.start;
    expect(rendered).toBeGreaterThan(height / SERVICE_TABLE_ROW_HEIGHT);
    expect(rendered).toBeLessThan(60);
    expect(first!.start).toBeGreaterThan(200);
    expect(first!.padTop + rendered * SERVICE_TABLE_ROW_HEIGHT + first!.padBottom).toBe(
      500 * SERVICE_TABLE_ROW_HEIGHT,
    );
    // The second service starts far below the viewport: nothing of it is rendered.
    expect(second!.end - second!.start).toBe(0);
  });

  it("renders every row of a small table", () => {
    const visible = visibleServices(toServiceRows(bigSnapshot(40), english), undefined, "", QUIESCENT);
    const windows = windowServices(visible, 0, 300);
    expect(windows.map((window) => window.end - window.start)).toEqual(
      visible.map((entry) => entry.realServers.length),
    );
  });
});
