/**
 * A test double of the HistoryQuery INTERFACE (core/history/history-query.ts), holding raw samples
 * in memory and answering by brute force: what the report builder's pure logic is tested against.
 * It is not the store (core/history's node:sqlite store has its own tests); its semantics follow the
 * interface's comments: a counter's increase after a reset counts from the new value, an interval
 * longer than 1.5 sample intervals is a gap (its increase counts in totals, not in rates or cover),
 * rollups are 1m/1h buckets chosen from the wanted number of points.
 */
import type {
  CounterSummary,
  HistoryEvent,
  HistoryQuery,
  HistorySummary,
  Resolution,
  SeriesAnswer,
  SeriesPoint,
  SeriesQuery,
  TimeRange,
} from "../../core/history/history-query.ts";
import { isCounter, seriesKeyText, type SeriesKey } from "../../core/history/series-key.ts";

export type Sample = { at: number; value: bigint | number };

type Interval = { from: number; to: number; delta: bigint; reset: boolean; gap: boolean };

export function nearestRankP95(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(0.95 * sorted.length)) - 1] as number;
}

export class InMemoryHistory implements HistoryQuery {
  readonly #series = new Map<string, { key: SeriesKey; samples: Sample[] }>();
  readonly #events: HistoryEvent[] = [];
  readonly intervalMs: number;

  constructor(intervalMs: number) {
    this.intervalMs = intervalMs;
  }

  add(key: SeriesKey, samples: readonly Sample[]): this {
    const text = seriesKeyText(key);
    const entry = this.#series.get(text) ?? { key, samples: [] };
    entry.samples.push(...samples);
    entry.samples.sort((a, b) => a.at - b.at);
    this.#series.set(text, entry);
    return this;
  }

  addEvent(event: HistoryEvent): this {
    this.#events.push(event);
    return this;
  }

  #inRange(key: SeriesKey, range: TimeRange): Sample[] {
    return (this.#series.get(seriesKeyText(key))?.samples ?? []).filter((s) => s.at >= range.from && s.at <= range.to);
  }

  #intervals(samples: readonly Sample[]): Interval[] {
    const out: Interval[] = [];
    for (let i = 1; i < samples.length; i++) {
      const a = samples[i - 1] as Sample;
      const b = samples[i] as Sample;
      const reset = (b.value as bigint) < (a.value as bigint);
      out.push({
        from: a.at,
        to: b.at,
        delta: reset ? (b.value as bigint) : (b.value as bigint) - (a.value as bigint),
        reset,
        gap: b.at - a.at > this.intervalMs * 1.5,
      });
    }
    return out;
  }

  async listSeries(filter: { hostId: string; kind?: SeriesKey["subject"]["kind"] }): Promise<SeriesKey[]> {
    return [...this.#series.values()]
      .map((s) => s.key)
      .filter((k) => k.subject.hostId === filter.hostId && (filter.kind === undefined || k.subject.kind === filter.kind));
  }

  resolutionFor(range: TimeRange, points: number): { resolution: Resolution; stepMs: number } {
    const wanted = (range.to - range.from) / Math.max(1, points);
    if (wanted <= this.intervalMs) return { resolution: "raw", stepMs: this.intervalMs };
    if (wanted <= 60_000) return { resolution: "1m", stepMs: 60_000 };
    return { resolution: "1h", stepMs: 3_600_000 };
  }

  async series(query: SeriesQuery): Promise<SeriesAnswer> {
    const { resolution, stepMs } = this.resolutionFor(query.range, query.points);
    const samples = this.#inRange(query.key, query.range);
    const counter = isCounter(query.key.metric);
    const buckets = new Map<number, { values: number[]; delta: bigint; coveredMs: number; last: number }>();
    const bucketOf = (at: number) => {
      const start = resolution === "raw" ? at : Math.floor(at / stepMs) * stepMs;
      let b = buckets.get(start);
      if (!b) buckets.set(start, (b = { values: [], delta: 0n, coveredMs: 0, last: 0 }));
      return b;
    };
    if (counter) {
      for (const iv of this.#intervals(samples)) {
        if (iv.gap) continue;
        const b = bucketOf(resolution === "raw" ? iv.from : iv.to - 1);
        b.delta += iv.delta;
        b.coveredMs += iv.to - iv.from;
        b.values.push(Number(iv.delta));
        b.last = Number(iv.delta);
      }
    } else {
      for (const s of samples) {
        const b = bucketOf(s.at);
        b.values.push(Number(s.value));
        b.last = Number(s.value);
        b.coveredMs = stepMs;
      }
    }
    const points: SeriesPoint[] = [...buckets.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([at, b]) => ({
        at,
        stepMs,
        min: Math.min(...b.values),
        max: Math.max(...b.values),
        mean: b.values.reduce((x, y) => x + y, 0) / b.values.length,
        last: b.last,
        ...(counter ? { delta: b.delta, rate: Number(b.delta) / (b.coveredMs / 1000) } : {}),
      }));
    return { key: query.key, resolution, points };
  }

  async counterSummary(key: SeriesKey, range: TimeRange): Promise<CounterSummary | undefined> {
    const samples = this.#inRange(key, range);
    if (samples.length === 0) return undefined;
    const intervals = this.#intervals(samples);
    const covered = intervals.filter((iv) => !iv.gap);
    const rates = covered.map((iv) => Number(iv.delta) / ((iv.to - iv.from) / 1000));
    const coveredMs = covered.reduce((acc, iv) => acc + iv.to - iv.from, 0);
    const coveredDelta = covered.reduce((acc, iv) => acc + iv.delta, 0n);
    return {
      key,
      resolution: "raw",
      total: intervals.reduce((acc, iv) => acc + iv.delta, 0n),
      resets: intervals.filter((iv) => iv.reset).length,
      peakRate: rates.length > 0 ? Math.max(...rates) : 0,
      meanRate: coveredMs > 0 ? Number(coveredDelta) / (coveredMs / 1000) : 0,
      p95Rate: nearestRankP95(rates),
      coveredMs,
    };
  }

  async events(range: TimeRange, hostId?: string): Promise<HistoryEvent[]> {
    return this.#events.filter(
      (ev) => (hostId === undefined || ev.hostId === hostId) && ev.at <= range.to && (ev.end ?? ev.at) >= range.from,
    );
  }

  async summary(): Promise<HistorySummary> {
    return { hosts: [], bytesOnDisk: 0, writing: { state: "not-writing", reason: "in-memory test double" } };
  }
}
