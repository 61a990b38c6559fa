/**
 * The demo's first rate is a real one: the hosts have carried traffic for a while when the console
 * first reads them, so the first 2 s estimator interval holds a full fold (before the warm-up, a
 * cluster born between folds showed a first conn/s at a random fraction of the steady rate).
 */
import { describe, expect, it } from "vitest";
import { advanceDemoCluster, createDemoCluster } from "../../../core/sim/demo-cluster.ts";
import { visibleCounters } from "../../../core/sim/sim-stats.ts";

/** Between two estimator folds (they run on even seconds), where a cluster born here folds only part. */
const START = 1_800_000_001_500;

function connsOf(cluster: ReturnType<typeof createDemoCluster>): bigint[] {
  return cluster.hosts.flatMap(
    (host) => host.ipvs?.services.map((service) => visibleCounters(service.stats).conns) ?? [],
  );
}

describe("demo first rates", () => {
  it("match the steady rate from the first 2 s interval on, on both directors", () => {
    const cluster = createDemoCluster(START);
    const rateOver2s = (from: number) => {
      advanceDemoCluster(cluster, from);
      const before = connsOf(cluster);
      advanceDemoCluster(cluster, from + 2000);
      return connsOf(cluster).map((after, i) => Number(after - (before[i] as bigint)) / 2);
    };
    const first = rateOver2s(START);
    const steady = rateOver2s(START + 60_000);
    expect(first.length).toBeGreaterThanOrEqual(4);
    first.forEach((rate, i) => {
      const expected = steady[i] as number;
      expect(expected).toBeGreaterThan(10);
      expect(Math.abs(rate / expected - 1)).toBeLessThan(0.2);
    });
  });
});
