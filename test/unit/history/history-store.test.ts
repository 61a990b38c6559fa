/**
 * A known traffic pattern through the real store (node:sqlite in a temporary folder) on a
 * synthetic clock: a counter with a reset and a gap in it, read back at every resolution; totals
 * checked exactly and p95 against a brute-force computation over the same samples.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterEach, describe, expect, it } from "vitest";
import { counterIncrease, percentile } from "../../../core/history/counter-increase.ts";
import { HistoryError, historyDatabasePath } from "../../../core/history/history-database.ts";
import { openHistoryForReading, openHistoryForWriting } from "../../../core/history/history-store.ts";
import type { SeriesKey } from "../../../core/history/series-key.ts";
import type { SeriesPointIn } from "../../../core/history/snapshot-points.ts";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
function dataFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), "fulcrum-history-"));
  folders.push(folder);
  return folder;
}

const T0 = Date.UTC(2026, 11, 1, 0, 0, 0);
const conns: SeriesKey = {
  subject: { kind: "ipvs-backend", hostId: "lb1", service: "203.0.113.10:80", backend: "192.0.2.11:80" },
  metric: "conns",
};
const weight: SeriesKey = { subject: conns.subject, metric: "weight" };

/**
 * 3 hours at 2 s: conns rise by i % 7 per sample; a reset (ipvsadm -Z) at 01:00 starts again from
 * 5; no sample at all from 01:30 to 01:40 (the host was unreachable). Weight 3, then 0 from 02:00.
 */
function pattern(): { points: SeriesPointIn[]; counter: Array<{ at: number; value: bigint }> } {
  const points: SeriesPointIn[] = [];
  const counter: Array<{ at: number; value: bigint }> = [];
  let value = 1_000_000n;
  for (let at = T0, i = 0; at < T0 + 3 * 3600_000; at += 2000, i++) {
    if (at >= T0 + 5400_000 && at < T0 + 6000_000) continue;
    value = at === T0 + 3600_000 ? 5n : value + BigInt(i % 7);
    counter.push({ at, value });
    points.push({ ...conns, at, value });
    points.push({ ...weight, at, value: at >= T0 + 7200_000 ? 0n : 3n });
  }
  return { points, counter };
}

describe("the history store", () => {
  it("totals a counter exactly across a reset and a gap, at every resolution, with p95 as brute force gives it", async () => {
    const folder = dataFolder();
    const history = openHistoryForWriting(folder);
    const { points, counter } = pattern();
    // Written as the recorder does: a batch every flush, here every 30 s of samples.
    for (let i = 0; i < points.length; i += 30) {
      history.writer.append(points.slice(i, i + 30));
      expect(history.writer.flush().state).toBe("writing");
    }
    const range = { from: T0, to: T0 + 3 * 3600_000 };
    const expected = counterIncrease(counter);
    expect(expected.resets).toBe(1);

    const summary = await history.query.counterSummary(conns, range);
    expect(summary).toMatchObject({ resolution: "raw", total: expected.total, resets: 1 });
    expect(summary?.p95Rate).toBeCloseTo(percentile(expected.rates, 95) ?? -1, 9);
    expect(summary?.peakRate).toBe(Math.max(...expected.rates));

    // Raw at 1,000 points (10.8 s steps), 1-minute and 1-hour steps: the same exact total.
    for (const [pointsWanted, resolution] of [
      [1000, "raw"],
      [100, "1m"],
      [2, "1h"],
    ] as const) {
      const answer = await history.query.series({ key: conns, range, points: pointsWanted });
      expect(answer.resolution, `${pointsWanted} points`).toBe(resolution);
      const total = answer.points.reduce((sum, point) => sum + (point.delta ?? 0n), 0n);
      expect(total, resolution).toBe(expected.total);
      // The gap is a gap: no step inside 01:30-01:40 at the raw and minute resolutions.
      if (resolution !== "1h")
        expect(
          answer.points.filter(
            (point) =>
              point.at >= T0 + 5400_000 + answer.points[0]!.stepMs &&
              point.at + point.stepMs <= T0 + 6000_000,
          ),
        ).toEqual([]);
    }

    const gauge = await history.query.series({ key: weight, range, points: 3 });
    expect(gauge.points.map((point) => [point.min, point.max, point.last])).toEqual([
      [3, 3, 3],
      [3, 3, 3],
      [0, 0, 0],
    ]);
    history.close();
  });

  it("keeps about 4 bytes per raw point on disk or less", () => {
    const folder = dataFolder();
    const history = openHistoryForWriting(folder);
    const { points } = pattern();
    history.writer.append(points);
    history.writer.flush();
    history.close();
    const db = new DatabaseSync(historyDatabasePath(folder), { readOnly: true });
    const { bytes } = db.prepare("SELECT SUM(LENGTH(data)) AS bytes FROM chunks").get() as { bytes: number };
    db.close();
    expect(bytes / points.length).toBeLessThan(4);
  });

  it("lets one writer per data folder, and refuses a database from a newer Fulcrum without touching it", async () => {
    const folder = dataFolder();
    const first = openHistoryForWriting(folder);
    expect(() => openHistoryForWriting(folder)).toThrow(expect.objectContaining({ problem: "writer-busy" }));
    first.writer.append(pattern().points.slice(0, 100));
    first.writer.flush();
    // A reader reads while the writer holds the folder.
    const reader = openHistoryForReading(folder);
    expect((await reader.query.summary()).hosts).toEqual([
      expect.objectContaining({ hostId: "lb1", series: 2 }),
    ]);
    reader.close();
    first.close();

    const db = new DatabaseSync(historyDatabasePath(folder));
    db.exec("PRAGMA user_version = 99");
    db.close();
    let refused: unknown;
    try {
      openHistoryForWriting(folder);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(HistoryError);
    expect(refused).toMatchObject({
      problem: "newer-version",
      message: expect.stringMatching(/newer Fulcrum \(history schema 99/),
    });
    const again = new DatabaseSync(historyDatabasePath(folder), { readOnly: true });
    expect((again.prepare("PRAGMA user_version").get() as { user_version: number }).user_version).toBe(99);
    again.close();
  });

  it("drops raw points past their retention in small steps, and the minute steps keep the totals", async () => {
    const folder = dataFolder();
    const history = openHistoryForWriting(folder, {
      retention: { rawMs: 3600_000, minuteMs: 90 * 86_400_000, hourMs: 730 * 86_400_000 },
    });
    const { points, counter } = pattern();
    for (let i = 0; i < points.length; i += 500) {
      history.writer.append(points.slice(i, i + 500));
      history.writer.flush();
    }
    const range = { from: T0, to: T0 + 3 * 3600_000 };
    const summary = await history.query.counterSummary(conns, range);
    expect(summary?.resolution).toBe("1m");
    expect(summary?.total).toBe(counterIncrease(counter).total);
    const raw = await history.query.series({
      key: conns,
      range: { from: T0, to: T0 + 600_000 },
      points: 300,
    });
    expect(raw.resolution).toBe("1m");
    history.close();
  });
});
