/**
 * The one writer of a data folder's history. append() only queues (the live path never waits
 * for the disk); flush() writes everything queued in one transaction: each touched series' open
 * chunk re-encoded, its 1-minute and 1-hour steps updated, then a bounded slice of retention.
 * A failed write (a full disk, a read-only folder) keeps the queue (bounded: the oldest points go
 * first, and are counted) and says why in status(); the next flush tries again, so writing
 * resumes by itself when space returns.
 */
import type { DatabaseSync, StatementSync } from "node:sqlite";
import { encodeChunk, decodeChunk, type ChunkPoint } from "./chunk-codec.ts";
import type { HistoryEvent } from "./history-query.ts";
import { isCounter, seriesKeyText, type SeriesKey } from "./series-key.ts";
import type { SeriesPointIn } from "./snapshot-points.ts";

export type RetentionPolicy = { rawMs: number; minuteMs: number; hourMs: number };

export const DEFAULT_RETENTION: RetentionPolicy = {
  rawMs: 48 * 3600_000,
  minuteMs: 90 * 24 * 3600_000,
  hourMs: 2 * 365 * 24 * 3600_000,
};

/** A chunk closes at this many points or at the end of its hour, whichever comes first. */
const CHUNK_POINTS = 240;
const CHUNK_BLOCK_MS = 3600_000;
export const ROLLUP_STEPS = [60_000, 3600_000] as const;
/** Queued points kept while the disk refuses writes (about 10 minutes of 20 x 500 backends at 2 s). */
const MAX_QUEUED = 2_000_000;
/** Rows retention deletes per flush: small steps, never a long lock. */
const RETENTION_BATCH = 500;

export type WriterStatus =
  | { state: "writing"; lastFlushAt?: number; pointsWritten: number }
  | {
      state: "not-writing";
      reason: string;
      since: number;
      queued: number;
      dropped: number;
      pointsWritten: number;
    };

type Bucket = {
  step: number;
  at: number;
  min: number;
  max: number;
  sum: number;
  count: number;
  last: number;
  delta: bigint;
  resets: number;
  covered: number;
};

type SeriesState = {
  id: number;
  counter: boolean;
  open: { start: number; points: ChunkPoint[] } | undefined;
  last: ChunkPoint | undefined;
  buckets: Map<string, Bucket>;
  dirty: boolean;
  /** Chunks closed since the last flush, to write once. */
  closed: Array<{ start: number; points: ChunkPoint[] }>;
  /** Buckets touched since the last flush, by step. */
  touched: Set<string>;
};

export class HistoryWriter {
  readonly #db: DatabaseSync;
  readonly #retention: RetentionPolicy;
  readonly #series = new Map<string, SeriesState>();
  #queue: SeriesPointIn[] = [];
  #events: HistoryEvent[] = [];
  #status: WriterStatus = { state: "writing", pointsWritten: 0 };
  #dropped = 0;
  #newest = 0;
  readonly #statements: Record<string, StatementSync>;

  constructor(db: DatabaseSync, retention: RetentionPolicy = DEFAULT_RETENTION) {
    this.#db = db;
    this.#retention = retention;
    this.#statements = {
      findSeries: db.prepare("SELECT id FROM series WHERE key = ?"),
      addSeries: db.prepare("INSERT INTO series (key, host, kind, subject, metric) VALUES (?, ?, ?, ?, ?)"),
      lastChunk: db.prepare("SELECT start, data FROM chunks WHERE series = ? ORDER BY start DESC LIMIT 1"),
      putChunk: db.prepare(
        "INSERT INTO chunks (series, start, end, count, data) VALUES (?, ?, ?, ?, ?) ON CONFLICT (series, start) DO UPDATE SET end = excluded.end, count = excluded.count, data = excluded.data",
      ),
      getBucket: db.prepare(
        "SELECT at, min, max, sum, count, last, delta, resets, covered FROM rollups WHERE series = ? AND step = ? AND at = ?",
      ),
      putBucket: db.prepare(
        "INSERT INTO rollups (series, step, at, min, max, sum, count, last, delta, resets, covered) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (series, step, at) DO UPDATE SET min = excluded.min, max = excluded.max, sum = excluded.sum, count = excluded.count, last = excluded.last, delta = excluded.delta, resets = excluded.resets, covered = excluded.covered",
      ),
      addEvent: db.prepare(
        "INSERT INTO events (host, kind, at, end, summary, who, before, after, audit_id, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (audit_id) DO NOTHING",
      ),
      dropChunks: db.prepare(
        "DELETE FROM chunks WHERE (series, start) IN (SELECT series, start FROM chunks WHERE end < ? LIMIT ?)",
      ),
      dropRollups: db.prepare(
        "DELETE FROM rollups WHERE (series, step, at) IN (SELECT series, step, at FROM rollups WHERE step = ? AND at < ? LIMIT ?)",
      ),
    };
  }

  /** Queues points; never touches the disk. */
  append(points: readonly SeriesPointIn[]): void {
    for (const point of points) this.#queue.push(point);
    const over = this.#queue.length - MAX_QUEUED;
    if (over > 0) {
      this.#queue.splice(0, over);
      this.#dropped += over;
    }
  }

  appendEvent(event: HistoryEvent): void {
    this.#events.push(event);
  }

  status(): WriterStatus {
    return this.#status;
  }

  /** Writes what is queued in one transaction; on failure keeps it queued and says why. */
  flush(now: number = Date.now()): WriterStatus {
    if (this.#queue.length === 0 && this.#events.length === 0) return this.#status;
    const points = this.#queue;
    const events = this.#events;
    let begun = false;
    try {
      this.#db.exec("BEGIN IMMEDIATE");
      begun = true;
      for (const point of points) this.#add(point);
      for (const state of this.#series.values()) this.#write(state);
      for (const event of events) this.#writeEvent(event);
      this.#retain();
      this.#db.exec("COMMIT");
      begun = false;
      this.#queue = [];
      this.#events = [];
      for (const state of this.#series.values()) {
        state.dirty = false;
        state.closed = [];
        state.touched.clear();
      }
      this.#status = {
        state: "writing",
        lastFlushAt: now,
        pointsWritten: this.#status.pointsWritten + points.length,
      };
    } catch (error) {
      if (begun) {
        try {
          this.#db.exec("ROLLBACK");
        } catch {
          // the transaction is gone with the failed write
        }
      }
      // In-memory series state ran ahead of what was committed: forget it, it is reloaded from disk.
      this.#series.clear();
      const reason = (error as Error).message;
      const since = this.#status.state === "not-writing" ? this.#status.since : now;
      this.#status = {
        state: "not-writing",
        reason: `history is not being written: ${reason}`,
        since,
        queued: this.#queue.length,
        dropped: this.#dropped,
        pointsWritten: this.#status.pointsWritten,
      };
    }
    return this.#status;
  }

  #state(key: SeriesKey): SeriesState {
    const text = seriesKeyText(key);
    let state = this.#series.get(text);
    if (state) return state;
    const found = this.#statements.findSeries!.get(text) as { id: number } | undefined;
    let id: number;
    if (found) id = Number(found.id);
    else {
      const result = this.#statements.addSeries!.run(
        text,
        key.subject.hostId,
        key.subject.kind,
        JSON.stringify(key.subject),
        key.metric,
      );
      id = Number(result.lastInsertRowid);
    }
    state = {
      id,
      counter: isCounter(key.metric),
      open: undefined,
      last: undefined,
      buckets: new Map(),
      dirty: false,
      closed: [],
      touched: new Set(),
    };
    const last = this.#statements.lastChunk!.get(id) as { start: number; data: Uint8Array } | undefined;
    if (last) {
      const points = decodeChunk(last.data);
      state.last = points.at(-1);
      if (points.length < CHUNK_POINTS) state.open = { start: Number(last.start), points };
    }
    this.#series.set(text, state);
    return state;
  }

  #bucket(state: SeriesState, step: number, at: number): Bucket {
    const start = at - (at % step);
    const key = `${step}:${start}`;
    let bucket = state.buckets.get(key);
    if (bucket) return bucket;
    const row = this.#statements.getBucket!.get(state.id, step, start) as
      | {
          min: number;
          max: number;
          sum: number;
          count: number;
          last: number;
          delta: string | null;
          resets: number;
          covered: number;
        }
      | undefined;
    bucket = row
      ? {
          step,
          at: start,
          min: row.min,
          max: row.max,
          sum: row.sum,
          count: Number(row.count),
          last: row.last,
          delta: BigInt(row.delta ?? "0"),
          resets: Number(row.resets),
          covered: Number(row.covered),
        }
      : {
          step,
          at: start,
          min: Infinity,
          max: -Infinity,
          sum: 0,
          count: 0,
          last: 0,
          delta: 0n,
          resets: 0,
          covered: 0,
        };
    // Only the current steps stay in memory: older ones are final once written.
    for (const [other, old] of state.buckets)
      if (old.step === step && old.at < start - step && !state.touched.has(other))
        state.buckets.delete(other);
    state.buckets.set(key, bucket);
    return bucket;
  }

  #add(point: SeriesPointIn): void {
    const state = this.#state({ subject: point.subject, metric: point.metric });
    const previous = state.last;
    if (previous && point.at <= previous.at) return; // the same sample twice, or a clock step back
    const chunkPoint = { at: point.at, value: point.value };
    const open = state.open;
    if (
      !open ||
      open.points.length >= CHUNK_POINTS ||
      Math.floor(open.start / CHUNK_BLOCK_MS) !== Math.floor(point.at / CHUNK_BLOCK_MS)
    ) {
      if (open) state.closed.push(open);
      state.open = { start: point.at, points: [chunkPoint] };
    } else open.points.push(chunkPoint);
    let rise = 0n;
    let reset = false;
    if (previous && state.counter) {
      rise = point.value >= previous.value ? point.value - previous.value : point.value;
      reset = point.value < previous.value;
    }
    const value = Number(point.value);
    for (const step of ROLLUP_STEPS) {
      const bucket = this.#bucket(state, step, point.at);
      bucket.min = Math.min(bucket.min, value);
      bucket.max = Math.max(bucket.max, value);
      bucket.sum += value;
      bucket.count++;
      bucket.last = value;
      if (previous) {
        bucket.delta += rise;
        bucket.covered += point.at - previous.at;
        if (reset) bucket.resets++;
      }
      state.touched.add(`${step}:${bucket.at}`);
    }
    state.last = chunkPoint;
    state.dirty = true;
    this.#newest = Math.max(this.#newest, point.at);
  }

  #write(state: SeriesState): void {
    if (!state.dirty) return;
    for (const chunk of [...state.closed, ...(state.open ? [state.open] : [])]) {
      const last = chunk.points.at(-1) as ChunkPoint;
      this.#statements.putChunk!.run(
        state.id,
        chunk.start,
        last.at,
        chunk.points.length,
        encodeChunk(chunk.points),
      );
    }
    for (const key of state.touched) {
      const bucket = state.buckets.get(key);
      if (!bucket) continue;
      this.#statements.putBucket!.run(
        state.id,
        bucket.step,
        bucket.at,
        bucket.min,
        bucket.max,
        bucket.sum,
        bucket.count,
        bucket.last,
        state.counter ? bucket.delta.toString() : null,
        bucket.resets,
        bucket.covered,
      );
    }
  }

  #writeEvent(event: HistoryEvent): void {
    this.#statements.addEvent!.run(
      event.hostId,
      event.kind,
      event.at,
      event.end ?? null,
      event.summary,
      event.who ?? null,
      event.before ?? null,
      event.after ?? null,
      event.auditId ?? null,
      event.reason ?? null,
    );
  }

  /** A bounded slice of retention, on the data's own clock (the newest point written). */
  #retain(): void {
    if (this.#newest === 0) return;
    this.#statements.dropChunks!.run(this.#newest - this.#retention.rawMs, RETENTION_BATCH);
    this.#statements.dropRollups!.run(60_000, this.#newest - this.#retention.minuteMs, RETENTION_BATCH);
    this.#statements.dropRollups!.run(3600_000, this.#newest - this.#retention.hourMs, RETENTION_BATCH);
  }
}
