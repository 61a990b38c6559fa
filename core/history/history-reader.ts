/**
 * The local store behind HistoryQuery (history-query.ts): series at about the points asked,
 * from raw chunks where raw data is kept for the whole range, else from 1-minute, else 1-hour
 * steps; exact counter totals from raw data (counter-increase.ts), else from the steps' exact
 * increases, said so by the answer's resolution. A step with no sample is not returned: the
 * caller draws a gap there.
 */
import { statSync } from "node:fs";
import type { DatabaseSync } from "node:sqlite";
import { decodeChunk, type ChunkPoint } from "./chunk-codec.ts";
import { counterIncrease, percentile } from "./counter-increase.ts";
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
} from "./history-query.ts";
import { DEFAULT_RETENTION, type RetentionPolicy, type WriterStatus } from "./history-writer.ts";
import { isCounter, seriesKeyText, type Metric, type SeriesKey, type SeriesSubject } from "./series-key.ts";

const STEP_OF: Record<Exclude<Resolution, "raw">, number> = { "1m": 60_000, "1h": 3600_000 };

export type HistoryReaderOptions = {
  file: string;
  retention?: RetentionPolicy;
  /** The writer's status when it runs in this process; else history is said to be read only. */
  writerStatus?: () => WriterStatus | undefined;
};

type StepRow = {
  at: number;
  min: number;
  max: number;
  sum: number;
  count: number;
  last: number;
  delta: string | null;
  resets: number;
  covered: number;
};

export function createHistoryReader(db: DatabaseSync, options: HistoryReaderOptions): HistoryQuery {
  const retention = options.retention ?? DEFAULT_RETENTION;
  const seriesId = db.prepare("SELECT id FROM series WHERE key = ?");
  const chunksIn = db.prepare(
    "SELECT data FROM chunks WHERE series = ? AND end >= ? AND start <= ? ORDER BY start",
  );
  const stepsIn = db.prepare(
    "SELECT at, min, max, sum, count, last, delta, resets, covered FROM rollups WHERE series = ? AND step = ? AND at >= ? AND at <= ? ORDER BY at",
  );
  const newestRaw = db.prepare("SELECT MAX(end) AS newest FROM chunks");

  const idOf = (key: SeriesKey): number | undefined => {
    const row = seriesId.get(seriesKeyText(key)) as { id: number } | undefined;
    return row ? Number(row.id) : undefined;
  };

  /** Raw points of a series in [from, to], with the one before `from` (for the first delta). */
  const rawPoints = (id: number, range: TimeRange): { before?: ChunkPoint; points: ChunkPoint[] } => {
    const all: ChunkPoint[] = [];
    // The chunk holding the point just before `from` starts at most one block earlier.
    for (const row of chunksIn.all(id, range.from - 3600_000, range.to) as Array<{ data: Uint8Array }>)
      all.push(...decodeChunk(row.data));
    const before = all.filter((point) => point.at < range.from).at(-1);
    const points = all.filter((point) => point.at >= range.from && point.at <= range.to);
    return before ? { before, points } : { points };
  };

  const newest = (): number => Number((newestRaw.get() as { newest: number | null }).newest ?? 0);

  /** Raw points are kept for the whole range (retention has not dropped any of it). */
  const rawCovers = (from: number): boolean => from >= newest() - retention.rawMs;

  const resolutionFor = (range: TimeRange, stepMs: number): Resolution => {
    if (stepMs < 60_000 && rawCovers(range.from)) return "raw";
    if (stepMs < 3600_000 && range.from >= newest() - retention.minuteMs) return "1m";
    return "1h";
  };

  function binRaw(key: SeriesKey, id: number, range: TimeRange, stepMs: number): SeriesPoint[] {
    const { before, points } = rawPoints(id, range);
    const counter = isCounter(key.metric);
    const bins = new Map<number, SeriesPoint & { sum: number; count: number; covered: number }>();
    let previous = before;
    for (const point of points) {
      const at = range.from + Math.floor((point.at - range.from) / stepMs) * stepMs;
      let bin = bins.get(at);
      const value = Number(point.value);
      if (!bin) {
        bin = { at, stepMs, min: value, max: value, mean: value, last: value, sum: 0, count: 0, covered: 0 };
        if (counter) bin.delta = 0n;
        bins.set(at, bin);
      }
      bin.min = Math.min(bin.min, value);
      bin.max = Math.max(bin.max, value);
      bin.sum += value;
      bin.count++;
      bin.last = value;
      if (counter && previous) {
        bin.delta =
          (bin.delta ?? 0n) + (point.value >= previous.value ? point.value - previous.value : point.value);
        bin.covered += point.at - previous.at;
      }
      previous = point;
    }
    return [...bins.values()].map(({ sum, count, covered, ...bin }) => {
      const answer: SeriesPoint = { ...bin, mean: sum / count };
      if (counter) answer.rate = covered > 0 ? Number(bin.delta ?? 0n) / (covered / 1000) : 0;
      return answer;
    });
  }

  function binSteps(
    key: SeriesKey,
    id: number,
    range: TimeRange,
    resolution: "1m" | "1h",
    stepMs: number,
  ): SeriesPoint[] {
    const counter = isCounter(key.metric);
    const size = STEP_OF[resolution];
    const width = Math.max(size, Math.ceil(stepMs / size) * size);
    const rows = stepsIn.all(id, size, range.from - (range.from % size), range.to) as StepRow[];
    const bins = new Map<number, SeriesPoint & { sum: number; count: number; covered: number }>();
    for (const row of rows) {
      const at = Number(row.at) - (Number(row.at) % width);
      let bin = bins.get(at);
      if (!bin) {
        bin = {
          at,
          stepMs: width,
          min: row.min,
          max: row.max,
          mean: 0,
          last: row.last,
          sum: 0,
          count: 0,
          covered: 0,
        };
        if (counter) bin.delta = 0n;
        bins.set(at, bin);
      }
      bin.min = Math.min(bin.min, row.min);
      bin.max = Math.max(bin.max, row.max);
      bin.sum += row.sum;
      bin.count += Number(row.count);
      bin.last = row.last;
      if (counter) {
        bin.delta = (bin.delta ?? 0n) + BigInt(row.delta ?? "0");
        bin.covered += Number(row.covered);
      }
    }
    return [...bins.values()].map(({ sum, count, covered, ...bin }) => {
      const answer: SeriesPoint = { ...bin, mean: count > 0 ? sum / count : bin.last };
      if (counter) answer.rate = covered > 0 ? Number(bin.delta ?? 0n) / (covered / 1000) : 0;
      return answer;
    });
  }

  return {
    async listSeries(filter) {
      const rows = (
        filter.kind === undefined
          ? db.prepare("SELECT subject, metric FROM series WHERE host = ?").all(filter.hostId)
          : db
              .prepare("SELECT subject, metric FROM series WHERE host = ? AND kind = ?")
              .all(filter.hostId, filter.kind)
      ) as Array<{ subject: string; metric: string }>;
      return rows.map((row) => ({
        subject: JSON.parse(row.subject) as SeriesSubject,
        metric: row.metric as Metric,
      }));
    },
    async series(query: SeriesQuery): Promise<SeriesAnswer> {
      const id = idOf(query.key);
      if (id === undefined) return { key: query.key, resolution: "raw", points: [] };
      const stepMs = Math.max(1, Math.ceil((query.range.to - query.range.from) / Math.max(1, query.points)));
      const resolution = resolutionFor(query.range, stepMs);
      const points =
        resolution === "raw"
          ? binRaw(query.key, id, query.range, stepMs)
          : binSteps(query.key, id, query.range, resolution, stepMs);
      return { key: query.key, resolution, points };
    },
    async counterSummary(key, range): Promise<CounterSummary | undefined> {
      const id = idOf(key);
      if (id === undefined || !isCounter(key.metric)) return undefined;
      if (rawCovers(range.from)) {
        const { points } = rawPoints(id, range);
        if (points.length === 0) return undefined;
        const increase = counterIncrease(points);
        const seconds = increase.coveredMs / 1000;
        return {
          key,
          resolution: "raw",
          total: increase.total,
          resets: increase.resets,
          peakRate: increase.rates.length > 0 ? Math.max(...increase.rates) : 0,
          meanRate: seconds > 0 ? Number(increase.total) / seconds : 0,
          p95Rate: percentile(increase.rates, 95) ?? 0,
          coveredMs: increase.coveredMs,
        };
      }
      const resolution: "1m" | "1h" = range.from >= newest() - retention.minuteMs ? "1m" : "1h";
      const size = STEP_OF[resolution];
      const rows = stepsIn.all(id, size, range.from - (range.from % size), range.to) as StepRow[];
      if (rows.length === 0) return undefined;
      const total = rows.reduce((sum, row) => sum + BigInt(row.delta ?? "0"), 0n);
      const covered = rows.reduce((sum, row) => sum + Number(row.covered), 0);
      const rates = rows
        .filter((row) => Number(row.covered) > 0)
        .map((row) => Number(BigInt(row.delta ?? "0")) / (Number(row.covered) / 1000));
      return {
        key,
        resolution,
        total,
        resets: rows.reduce((sum, row) => sum + Number(row.resets), 0),
        peakRate: rates.length > 0 ? Math.max(...rates) : 0,
        meanRate: covered > 0 ? Number(total) / (covered / 1000) : 0,
        p95Rate: percentile(rates, 95) ?? 0,
        coveredMs: covered,
      };
    },
    async events(range, hostId): Promise<HistoryEvent[]> {
      const rows = (
        hostId === undefined
          ? db
              .prepare("SELECT * FROM events WHERE at <= ? AND COALESCE(end, at) >= ? ORDER BY at")
              .all(range.to, range.from)
          : db
              .prepare(
                "SELECT * FROM events WHERE host = ? AND at <= ? AND COALESCE(end, at) >= ? ORDER BY at",
              )
              .all(hostId, range.to, range.from)
      ) as Array<Record<string, string | number | null>>;
      return rows.map((row) => {
        const event: HistoryEvent = {
          hostId: String(row.host),
          kind: row.kind as HistoryEvent["kind"],
          at: Number(row.at),
          summary: String(row.summary),
        };
        if (row.end !== null) event.end = Number(row.end);
        if (row.who !== null) event.who = String(row.who);
        if (row.before !== null) event.before = String(row.before);
        if (row.after !== null) event.after = String(row.after);
        if (row.audit_id !== null) event.auditId = String(row.audit_id);
        if (row.reason !== null) event.reason = row.reason as NonNullable<HistoryEvent["reason"]>;
        return event;
      });
    },
    async summary(): Promise<HistorySummary> {
      const hosts = db
        .prepare(
          `SELECT s.host AS host, COUNT(DISTINCT s.id) AS series,
             MIN(COALESCE((SELECT MIN(start) FROM chunks c WHERE c.series = s.id), (SELECT MIN(at) FROM rollups r WHERE r.series = s.id))) AS first,
             MAX((SELECT MAX(end) FROM chunks c WHERE c.series = s.id)) AS last
           FROM series s GROUP BY s.host ORDER BY s.host`,
        )
        .all() as Array<{ host: string; series: number; first: number | null; last: number | null }>;
      const size = (file: string) => {
        try {
          return statSync(file).size;
        } catch {
          return 0;
        }
      };
      const status = options.writerStatus?.();
      return {
        hosts: hosts.map((row) => ({
          hostId: row.host,
          from: Number(row.first ?? 0),
          to: Number(row.last ?? 0),
          series: Number(row.series),
        })),
        bytesOnDisk: size(options.file) + size(`${options.file}-wal`) + size(`${options.file}-shm`),
        writing:
          status === undefined
            ? { state: "not-writing", reason: "read only here: the writer is another process, or none runs" }
            : status.state === "writing"
              ? { state: "writing" }
              : { state: "not-writing", reason: status.reason },
      };
    },
  };
}
