/**
 * A HistoryQuery that computes its answers from a formula instead of a store: one host, services x
 * backends with the five counters, active conns and weight, and one NIC, over any range at 2 s
 * samples. For the report bench: it measures the report's own work (builder and writers), not a
 * store's reads (bench/history measures those).
 */
import type {
  CounterSummary,
  HistoryEvent,
  HistoryQuery,
  HistorySummary,
  SeriesAnswer,
  SeriesPoint,
  SeriesQuery,
  TimeRange,
} from "../../core/history/history-query.ts";
import { isCounter, type Metric, type SeriesKey } from "../../core/history/series-key.ts";

const RAW_MS = 2000;
const COUNTERS: readonly Metric[] = ["conns", "inPkts", "outPkts", "inBytes", "outBytes"];

/** Per-second rate of a counter at time t: a daily wave, different per series. */
function rateAt(seed: number, metric: Metric, t: number): number {
  const scale = metric === "conns" ? 20 : metric.endsWith("Pkts") ? 400 : 400_000;
  return scale * (1.2 + Math.sin((t / 86_400_000) * 2 * Math.PI + seed));
}

export function syntheticHistory(hostId: string, services: number, backendsPerService: number): HistoryQuery {
  const keys: SeriesKey[] = [];
  for (let s = 0; s < services; s++) {
    const service = `203.0.113.${10 + s}:443`;
    for (const metric of [...COUNTERS, "activeConns"] as Metric[]) keys.push({ subject: { kind: "ipvs-service", hostId, service }, metric });
    for (let b = 0; b < backendsPerService; b++) {
      const backend = `10.${s}.${Math.floor(b / 250)}.${(b % 250) + 1}:443`;
      for (const metric of [...COUNTERS, "activeConns", "weight"] as Metric[])
        keys.push({ subject: { kind: "ipvs-backend", hostId, service, backend }, metric });
    }
  }
  for (const metric of ["rxBytes", "txBytes", "speedMbps"] as Metric[]) keys.push({ subject: { kind: "nic", hostId, nic: "eth0" }, metric });
  const seedOf = new Map(keys.map((key, i) => [key, i % 97]));

  return {
    listSeries: async () => keys,
    async series(query: SeriesQuery): Promise<SeriesAnswer> {
      const span = query.range.to - query.range.from;
      const wanted = span / Math.max(1, query.points);
      const [resolution, stepMs] = wanted <= RAW_MS ? (["raw", RAW_MS] as const) : wanted <= 60_000 ? (["1m", 60_000] as const) : (["1h", 3_600_000] as const);
      const seed = seedOf.get(query.key) ?? 0;
      const counter = isCounter(query.key.metric);
      const points: SeriesPoint[] = [];
      for (let at = Math.ceil(query.range.from / stepMs) * stepMs; at < query.range.to; at += stepMs) {
        if (counter) {
          const rate = rateAt(seed, query.key.metric, at);
          const delta = BigInt(Math.round((rate * stepMs) / 1000));
          points.push({ at, stepMs, min: rate, max: rate, mean: rate, last: rate, delta, rate });
        } else {
          const value = query.key.metric === "speedMbps" ? 10_000 : query.key.metric === "weight" ? 100 : 50 + seed;
          points.push({ at, stepMs, min: value, max: value, mean: value, last: value });
        }
      }
      return { key: query.key, resolution, points };
    },
    async counterSummary(key: SeriesKey, range: TimeRange): Promise<CounterSummary> {
      const seed = seedOf.get(key) ?? 0;
      const peak = rateAt(seed, key.metric, range.from);
      return { key, resolution: "1h", total: BigInt(Math.round(peak * ((range.to - range.from) / 1000))), resets: 0, peakRate: peak, meanRate: peak / 2, p95Rate: peak * 0.9, coveredMs: range.to - range.from };
    },
    events: async (range: TimeRange): Promise<HistoryEvent[]> =>
      Array.from({ length: 20 }, (_, i) => ({ hostId, kind: "action" as const, at: range.from + i * 3_600_000 * 8, summary: `drain backend ${i}`, who: "ops" })),
    summary: async (): Promise<HistorySummary> => ({ hosts: [], bytesOnDisk: 0, writing: { state: "not-writing" } }),
  };
}
