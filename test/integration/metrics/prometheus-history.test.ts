/**
 * History read back from a real Prometheus (Debian's 2.42) through the same HistoryQuery as the
 * local store: a counter that Fulcrum's exporter served rising, reset and rising again must come
 * back with the exact total and one reset, as counted from the values served.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HostSnapshot } from "../../../core/api.ts";
import { counterIncrease } from "../../../core/history/counter-increase.ts";
import type { SeriesKey } from "../../../core/history/series-key.ts";
import { seriesKeyText } from "../../../core/history/series-key.ts";
import { writeExposition } from "../../../core/metrics/exposition-text.ts";
import { startMetricsServer, type MetricsServer } from "../../../core/metrics/metrics-server.ts";
import { snapshotMetrics } from "../../../core/metrics/snapshot-metrics.ts";
import { createPrometheusClient } from "../../../core/prometheus/prometheus-client.ts";
import { createPrometheusHistory, selectorOf } from "../../../core/prometheus/prometheus-history.ts";
import { executable, missingPrerequisites } from "../../support/prerequisites.ts";
import { freePort } from "../harness/free-port.ts";
import { PROMETHEUS, startPrometheus, type Daemon } from "./prometheus-server.ts";
import { expectEvery } from "../../support/expect-every.ts";

/** Conns served on the n-th scrape: rising by 7, a reset after the 5th, then flat from the 8th. */
function connsAt(n: number): bigint {
  if (n <= 5) return BigInt(7 * n);
  return BigInt(4 + 7 * (Math.min(n, 8) - 6));
}

const skip = missingPrerequisites(executable(PROMETHEUS, "prometheus"));

describe.skipIf(skip)("history from Prometheus", () => {
  const served: Array<{ at: number; value: bigint }> = [];
  let exporter: MetricsServer | undefined;
  let prometheus: Daemon | undefined;

  function snapshot(conns: bigint): HostSnapshot {
    const stats = { conns: String(conns), inPkts: "1", outPkts: "1", inBytes: "60", outBytes: "60" };
    return {
      hostId: "lb-history",
      at: Date.now(),
      sequence: served.length,
      stale: false,
      services: [
        {
          protocol: "tcp",
          family: "inet",
          address: "203.0.113.10",
          port: 80,
          scheduler: "wrr",
          flags: [],
          stats,
          realServers: [
            {
              address: "192.0.2.11",
              port: 80,
              forward: "masq",
              weight: 1,
              activeConns: 0,
              inactiveConns: 0,
              stats,
            },
          ],
        },
      ],
      nics: [],
      problems: [],
    };
  }

  beforeAll(async () => {
    const port = await freePort("127.0.0.1");
    exporter = await startMetricsServer({ host: "127.0.0.1", port }, async () => {
      const value = connsAt(served.length + 1);
      served.push({ at: Date.now(), value });
      return writeExposition(snapshotMetrics([snapshot(value)], { aggregate: "backend", now: Date.now() }));
    });
    prometheus = await startPrometheus({ fulcrum: `127.0.0.1:${port}` });
    const deadline = Date.now() + 30_000;
    while (served.length < 10) {
      if (Date.now() > deadline) throw new Error(`only ${served.length} scrapes in 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // Let Prometheus commit the last scrape it made.
    await new Promise((resolve) => setTimeout(resolve, 500));
  }, 60_000);

  afterAll(async () => {
    await exporter?.close();
    await prometheus?.stop();
  });

  const conns: SeriesKey = {
    subject: {
      kind: "ipvs-backend",
      hostId: "lb-history",
      service: "203.0.113.10:80",
      backend: "192.0.2.11:80",
    },
    metric: "conns",
  };

  it("totals a counter exactly across its reset, as counted from the values served", async () => {
    const history = createPrometheusHistory(createPrometheusClient({ url: prometheus!.url }));
    const range = { from: (served[0]?.at ?? 0) - 2_000, to: Date.now() };
    const expected = counterIncrease(served);
    expect(expected.total).toBe(46n);
    expect(expected.resets).toBe(1);
    const summary = await history.counterSummary(conns, range);
    expect(summary).toMatchObject({ resolution: "raw", total: expected.total, resets: 1 });
    expect(summary?.peakRate).toBeGreaterThan(0);

    const answer = await history.series({ key: conns, range, points: 4 });
    expect(answer.resolution).toBe("raw");
    expect(answer.points.length).toBeGreaterThan(1);
    expect(answer.points.reduce((sum, point) => sum + (point.delta ?? 0n), 0n)).toBe(expected.total);
    expectEvery(answer.points, (point) => point.stepMs === answer.points[0]?.stepMs);
  });

  it("lists the series the exporter gave for the host, and none it does not keep", async () => {
    const history = createPrometheusHistory(createPrometheusClient({ url: prometheus!.url }));
    const keys = (await history.listSeries({ hostId: "lb-history" })).map(seriesKeyText);
    expect(keys).toContain(seriesKeyText(conns));
    expect(keys).toContain(
      seriesKeyText({
        subject: { kind: "ipvs-service", hostId: "lb-history", service: "203.0.113.10:80" },
        metric: "inBytes",
      }),
    );
    expect(keys.some((key) => key.includes("info"))).toBe(false);
    expect(await history.listSeries({ hostId: "lb-elsewhere" })).toEqual([]);
    expect(
      selectorOf({ subject: { kind: "nginx", hostId: "lb-history" }, metric: "requests" }),
    ).toBeUndefined();
    expect(await history.events({ from: 0, to: Date.now() })).toEqual([]);
  });
});
