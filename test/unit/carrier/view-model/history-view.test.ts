import { describe, expect, it } from "vitest";
import type { SeriesAnswerView } from "../../../../core/api.ts";
import { chartKeys, splitGaps, toHistoryChart } from "../../../../renderer/view-model/history-chart.ts";
import { fromLocalInput, pointsForWidth, rangeOf, toLocalInput, zoomRange } from "../../../../renderer/view-model/history-range.ts";

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 7, 12);

const svc = (service: string) => ({ kind: "ipvs-service" as const, hostId: "lb1", service });
const point = (at: number, rate: number, stepMs = 60_000) => ({ at, stepMs, min: 0, max: 0, mean: 0, last: 0, delta: String(rate * 60), rate });
const answer = (subject: SeriesAnswerView["key"]["subject"], metric: SeriesAnswerView["key"]["metric"], points: SeriesAnswerView["points"], resolution: SeriesAnswerView["resolution"] = "1m"): SeriesAnswerView => ({
  key: { subject, metric },
  resolution,
  points,
});

describe("range -> query", () => {
  it("turns presets into ranges ending now, live into no query, custom into its own range", () => {
    expect(rangeOf("live", NOW)).toBeUndefined();
    expect(rangeOf("1h", NOW)).toEqual({ from: NOW - HOUR, to: NOW });
    expect(rangeOf("7d", NOW)).toEqual({ from: NOW - 7 * 24 * HOUR, to: NOW });
    expect(rangeOf("30d", NOW)).toEqual({ from: NOW - 30 * 24 * HOUR, to: NOW });
    expect(rangeOf("custom", NOW, { from: 5, to: 9 })).toEqual({ from: 5, to: 9 });
    expect(rangeOf("custom", NOW, { from: 9, to: 5 })).toBeUndefined();
  });

  it("asks about one point per 3 px, within 60..1000", () => {
    expect(pointsForWidth(900)).toBe(300);
    expect(pointsForWidth(10)).toBe(60);
    expect(pointsForWidth(9000)).toBe(1000);
  });

  it("round-trips a datetime-local text and refuses a bad one", () => {
    const text = toLocalInput(NOW);
    expect(fromLocalInput(text)).toBe(NOW);
    expect(fromLocalInput("yesterday")).toBeUndefined();
  });
});

describe("zoom", () => {
  it("turns a drag either way into a range and a click into nothing", () => {
    expect(zoomRange(NOW, NOW - HOUR)).toEqual({ from: NOW - HOUR, to: NOW });
    expect(zoomRange(NOW - HOUR, NOW)).toEqual({ from: NOW - HOUR, to: NOW });
    expect(zoomRange(NOW, NOW + 30_000)).toBeUndefined();
    expect(zoomRange(NOW, undefined)).toBeUndefined();
  });
});

describe("gap splitting and the chart rows", () => {
  it("puts a null after a run of data where steps are missing, so no line is drawn across", () => {
    const pairs = splitGaps(answer(svc("a"), "conns", [point(0, 1), point(60_000, 2), point(300_000, 3)]), 1);
    expect(pairs).toEqual([
      [0, 1],
      [60_000, 2],
      [120_000, null],
      [300_000, 3],
    ]);
  });

  it("sums the services' connections, turns NIC bytes/s into Mbit/s, and says the figures come from rollups", () => {
    const nic = { kind: "nic" as const, hostId: "lb1", nic: "eth0" };
    const chart = toHistoryChart(
      [
        answer(svc("a"), "conns", [point(0, 10), point(60_000, 20)]),
        answer(svc("b"), "conns", [point(0, 1), point(60_000, 2)]),
        answer(nic, "rxBytes", [point(0, 125_000), point(60_000, 250_000)]),
      ],
      [{ hostId: "lb1", kind: "action", at: 30_000, summary: "drain x", who: "ann" }],
    );
    expect(chart.rows).toEqual([
      { at: 0, cps: 11, rxMbps: 1, txMbps: null },
      { at: 60_000, cps: 22, rxMbps: 2, txMbps: null },
    ]);
    expect(chart.fromRollups).toBe(true);
    expect(chart.hasThroughput).toBe(true);
    expect(chart.markers).toEqual([{ at: 30_000, kind: "action", label: "drain x (ann)" }]);
  });

  it("says raw when every series is raw", () => {
    expect(toHistoryChart([answer(svc("a"), "conns", [point(0, 1, 10_000)], "raw")], []).fromRollups).toBe(false);
  });

  it("reads the scope's series: services for the host, one service, one backend; NIC traffic always", () => {
    const keys: SeriesAnswerView["key"][] = [
      { subject: svc("a"), metric: "conns" },
      { subject: svc("a"), metric: "inBytes" },
      { subject: svc("b"), metric: "conns" },
      { subject: { kind: "ipvs-backend", hostId: "lb1", service: "a", backend: "x" }, metric: "conns" },
      { subject: { kind: "nic", hostId: "lb1", nic: "eth0" }, metric: "rxBytes" },
      { subject: { kind: "nic", hostId: "lb1", nic: "eth0" }, metric: "speedMbps" },
    ];
    const names = (scope: { service?: string; backend?: string }) =>
      chartKeys(keys, scope).map((key) => `${key.subject.kind}:${"service" in key.subject ? key.subject.service : ""}:${key.metric}`);
    expect(names({})).toEqual(["ipvs-service:a:conns", "ipvs-service:b:conns", "nic::rxBytes"]);
    expect(names({ service: "a" })).toEqual(["ipvs-service:a:conns", "nic::rxBytes"]);
    expect(names({ service: "a", backend: "x" })).toEqual(["ipvs-backend:a:conns", "nic::rxBytes"]);
  });
});
