import { describe, expect, it } from "vitest";
import {
  appendTrafficPoint,
  HISTORY_MAX_POINTS,
  HISTORY_WINDOW_MS,
  trafficPointOf,
  type TrafficPoint,
} from "../../../../renderer/view-model/traffic-history.ts";
import { timeTicks, toTrafficChart } from "../../../../renderer/view-model/traffic-chart.ts";
import { testSnapshot } from "../test-snapshot.ts";
import { busyNatSnapshot } from "./lb-test-snapshots.ts";
import { expectEvery } from "../../../support/expect-every.ts";

const point = (at: number, cps: number | undefined, rxBps = 1_000): TrafficPoint => ({
  at,
  cps,
  rxBps,
  txBps: rxBps * 2,
  samples: 1,
});

describe("trafficPointOf", () => {
  it("sums the services' conn/s, the HAProxy backends' sessions/s and the shown NICs' throughput (not lo, not veth)", () => {
    expect(trafficPointOf(busyNatSnapshot())).toEqual({
      at: busyNatSnapshot().at,
      cps: 12.5,
      // The backend row's rate only: its servers' sessions are the same sessions again.
      sessionRate: 25,
      rxBps: 50_001_000,
      txBps: 112_502_000,
      samples: 1,
    });
  });

  it("leaves conn/s and throughput undefined when the snapshot has no counters or NIC rates", () => {
    const base = testSnapshot();
    const proc = { ...base, services: base.services.map(({ rates: _rates, ...service }) => service) };
    expect(trafficPointOf(proc)).toMatchObject({ cps: undefined, rxBps: undefined, txBps: undefined });
  });
});

describe("appendTrafficPoint", () => {
  it("keeps at most HISTORY_MAX_POINTS over the window at 1 s sampling, averaging samples that share a bucket", () => {
    let history: TrafficPoint[] = [];
    const start = 1_700_000_000_000;
    for (let second = 0; second < 600; second += 1)
      history = appendTrafficPoint(history, point(start + second * 1000, second));
    expect(history.length).toBeLessThanOrEqual(HISTORY_MAX_POINTS);
    expect(history.length).toBeGreaterThanOrEqual(HISTORY_MAX_POINTS - 1);
    const last = history.at(-1)!;
    expect(last.at).toBe(start + 599_000);
    expect(history[0]!.at).toBeGreaterThan(last.at - HISTORY_WINDOW_MS);
    // Two 1 s samples per 2 s bucket: the point holds their mean.
    expectEvery(history, (entry) => entry.samples <= 2);
    const paired = history.find((entry) => entry.samples === 2)!;
    expect(paired.cps).toBe((paired.at - start) / 1000 - 0.5);
  });

  it("ignores an older or repeated sample and keeps undefined parts from turning into numbers", () => {
    const one = appendTrafficPoint([], point(10_000, 5));
    expect(appendTrafficPoint(one, point(10_000, 9))).toBe(one);
    expect(appendTrafficPoint(one, point(8_000, 9))).toBe(one);
    const merged = appendTrafficPoint(one, point(10_500, undefined));
    expect(merged).toEqual([{ at: 10_500, cps: 5, rxBps: 1_000, txBps: 2_000, samples: 2 }]);
  });

  it("drops points older than the window after a pause", () => {
    let history = appendTrafficPoint([], point(0, 1));
    history = appendTrafficPoint(history, point(10_000, 2));
    history = appendTrafficPoint(history, point(10_000 + HISTORY_WINDOW_MS, 3));
    expect(history.map((entry) => entry.cps)).toEqual([3]);
  });
});

describe("toTrafficChart", () => {
  it("gives Recharts rows in conn/s and Mbit/s, with null where a value is missing", () => {
    const chart = toTrafficChart([point(1_000, 12.34, 125_000), point(3_000, undefined, 250_000)]);
    expect(chart.rows).toEqual([
      { at: 1_000, cps: 12.3, sessions: null, rxMbps: 1, txMbps: 2 },
      { at: 3_000, cps: null, sessions: null, rxMbps: 2, txMbps: 4 },
    ]);
    expect(chart.rateKind).toBe("connections");
    expect(chart.hasConnections).toBe(true);
    expect(chart.hasThroughput).toBe(true);
    expect(toTrafficChart([point(1_000, undefined)]).hasConnections).toBe(false);
  });

  it("ticks the time axis on whole seconds, never two ticks with the same label", () => {
    expect(timeTicks(1_000_400, 1_004_600)).toEqual([1_001_000, 1_002_000, 1_003_000, 1_004_000]);
    const fiveMinutes = timeTicks(0, 300_000);
    expect(fiveMinutes).toEqual([0, 60_000, 120_000, 180_000, 240_000, 300_000]);
    expect(timeTicks(5_000, 5_000)).toEqual([5_000]);
    expect(timeTicks(undefined, undefined)).toEqual([]);
  });

  it("charts an HAProxy host's sessions per second on the rate axis", () => {
    const chart = toTrafficChart([
      { ...point(1_000, undefined), sessionRate: 40 },
      { ...point(3_000, undefined), sessionRate: 42.26 },
    ]);
    expect(chart.rows.map((row) => row.sessions)).toEqual([40, 42.3]);
    expect(chart).toMatchObject({
      hasConnections: false,
      hasSessions: true,
      hasRate: true,
      rateKind: "sessions",
    });
  });
});
