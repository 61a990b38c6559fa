import { describe, expect, it } from "vitest";
import { buildReport, reportHasData, splitHostPort } from "../../../core/report/build-report.ts";
import { ReportDocument } from "../../../core/report/report-document.ts";
import { nearestRankP95 } from "../../support/in-memory-history.ts";
import {
  BACKENDS,
  GAP_FROM,
  GAP_TO,
  HOST,
  HOT_FROM,
  HOT_TO,
  INTERVAL_MS,
  RANGE,
  SERVICE,
  T0,
  trafficPattern,
  WEIGHTS,
} from "../../support/traffic-pattern.ts";
import { expectEvery } from "../../support/expect-every.ts";

const NOW = Date.UTC(2026, 11, 7, 12, 0, 0);

async function report(scope: { service?: string; backend?: string } = {}, range = RANGE) {
  const { history, expected } = trafficPattern();
  const doc = await buildReport(history, {
    scope: { hostId: HOST, ...scope },
    range,
    source: "local store",
    now: () => NOW,
  });
  return { doc, expected };
}

describe("buildReport over a known traffic pattern (reset, gap, busy NIC)", () => {
  it("validates against the versioned schema and says where and from what it came", async () => {
    const { doc } = await report();
    expect(ReportDocument.parse(doc)).toEqual(doc);
    expect(doc).toMatchObject({
      schema: "fulcrum-traffic-report",
      version: 1,
      source: "local store",
      generatedAt: "2026-12-07T12:00:00.000Z",
      range: { from: "2026-12-01T08:00:00.000Z", to: "2026-12-01T09:00:00.000Z" },
      scope: { hostId: HOST, service: null, backend: null },
      resolution: { figures: "raw", fromRollups: false },
    });
  });

  it("totals are exact across the counter reset and the gap, past 2^53, as decimal strings", async () => {
    const { doc, expected } = await report();
    const service = doc.services[0];
    expect(doc.services.map((s) => s.service)).toEqual([SERVICE]);
    expect(service?.totals.conns).toBe(expected.serviceConns.toString());
    expect(service?.backends.map((b) => b.backend).sort()).toEqual([...BACKENDS].sort());
    for (const [i, backend] of BACKENDS.entries()) {
      const row = service?.backends.find((b) => b.backend === backend);
      expect(row?.totals.conns).toBe((expected.backendConns[i] as bigint).toString());
      expect(row?.totals.inBytes).toBe((expected.backendInBytes[i] as bigint).toString());
    }
    const reset = service?.backends.find((b) => b.backend === BACKENDS[0]);
    expect(reset?.basis.resets).toBe(1);
    // The gap is not covered: the hour minus the 31 intervals around the missing samples.
    expect(reset?.basis.coveredSeconds).toBe(3600 - (GAP_TO - GAP_FROM + 1) * (INTERVAL_MS / 1000));
  });

  it("carries address and port as the snapshot does, IPv6 without brackets", async () => {
    const { doc } = await report();
    const rows = doc.services[0]?.backends ?? [];
    const byBackend = Object.fromEntries(rows.map((b) => [b.backend, [b.address, b.port]]));
    expect(byBackend).toEqual({
      "10.0.0.1:80": ["10.0.0.1", 80],
      "10.0.0.2:80": ["10.0.0.2", 80],
      "[2001:db8::3]:80": ["2001:db8::3", 80],
    });
    expect(splitHostPort("[2001:db8::3]:443")).toEqual({ address: "2001:db8::3", port: 443 });
    expectEvery(rows, (b) => b.forward === null);
  });

  it("shares of traffic against shares of weight add up and match the pattern", async () => {
    const { doc, expected } = await report();
    const rows = doc.services[0]?.backends ?? [];
    expect(rows).toHaveLength(3);
    const weightSum = WEIGHTS.reduce((a, b) => a + b, 0);
    const connsSum = expected.backendConns.reduce((a, b) => a + b, 0n);
    for (const [i, backend] of BACKENDS.entries()) {
      const row = rows.find((b) => b.backend === backend);
      expect(row?.share.weight).toBeCloseTo((WEIGHTS[i] as number) / weightSum, 9);
      expect(row?.share.conns).toBeCloseTo(Number(expected.backendConns[i]) / Number(connsSum), 5);
      expect(row?.weight).toEqual({ min: WEIGHTS[i], max: WEIGHTS[i], last: WEIGHTS[i] });
    }
  });

  it("NIC utilisation: minutes above 70 % and p95 against brute force over the raw intervals", async () => {
    const { doc, expected } = await report();
    const nic = doc.nics.find((n) => n.nic === "eth0");
    expect(nic?.speedMbps).toBe(1000);
    expect(nic?.utilisation?.resolution).toBe("raw");
    expect(nic?.utilisation?.minutesAbove70).toBeCloseTo(((HOT_TO - HOT_FROM) * INTERVAL_MS) / 60_000, 9);
    expect(expected.utilisation.length).toBeGreaterThan(300);
    expect(nic?.utilisation?.p95Percent).toBeCloseTo(nearestRankP95(expected.utilisation) * 100, 6);
    expect(nic?.utilisation?.peakPercent).toBeCloseTo(80, 6);
  });

  it("chart series keep the gap as a null step, never a line across it", async () => {
    const { doc } = await report();
    const conns = doc.series.find((s) => s.subject === "ipvs-service" && s.metric === "conns");
    expect(conns?.unit).toBe("conns/s");
    const nulls = (conns?.points ?? []).filter(([, v]) => v === null);
    expect(nulls.length).toBeGreaterThan(0);
    const gapStart = Date.parse(nulls[0]?.[0] as string);
    expect(gapStart).toBeGreaterThan(T0 + (GAP_FROM - 5) * INTERVAL_MS);
    expect(gapStart).toBeLessThan(T0 + GAP_TO * INTERVAL_MS);
  });

  it("events of the host only, in time order, with who and before/after", async () => {
    const { doc } = await report();
    expect(doc.events.map((e) => e.kind)).toEqual(["action", "gap", "vrrp-transition"]);
    expect(doc.events[0]).toMatchObject({ before: "weight 100", after: "weight 0", auditId: "a1" });
    expect(doc.events[1]?.end).not.toBeNull();
  });

  it("a backend scope keeps shares against the whole service", async () => {
    const { doc } = await report({ service: SERVICE, backend: BACKENDS[2] });
    expect(doc.services[0]?.backends.map((b) => b.backend)).toEqual([BACKENDS[2]]);
    expect(doc.services[0]?.backends[0]?.share.weight).toBeCloseTo(50 / 250, 9);
  });

  it("a range with no samples has no data", async () => {
    const empty = { from: T0 - 7_200_000, to: T0 - 3_600_000 };
    const { doc } = await report({}, empty);
    expect(reportHasData(doc)).toBe(false);
    const { doc: full } = await report();
    expect(reportHasData(full)).toBe(true);
  });

  it("says when figures come from rollups (an hour asked at 120 points: 1-minute steps)", async () => {
    const { history } = trafficPattern();
    const doc = await buildReport(history, {
      scope: { hostId: HOST },
      range: RANGE,
      source: "local store",
      chartPoints: 120,
    });
    expect(doc.resolution.charts).toBe("1m");
  });
});
