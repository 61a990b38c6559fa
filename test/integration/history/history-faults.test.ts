/**
 * History under faults, with real processes and a real filesystem: a writer killed with SIGKILL
 * mid-write leaves a database that passes PRAGMA integrity_check and lost at most its last batch;
 * a full disk and a read-only folder stop the writing (status says why) but lose nothing queued,
 * and writing resumes by itself when space or write access returns.
 */
import { spawn } from "node:child_process";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterAll, describe, expect, it } from "vitest";
import { createEventHub } from "../../../core/carrier/event-hub.ts";
import { historyDatabasePath } from "../../../core/history/history-database.ts";
import { startHistoryRecorder } from "../../../core/history/history-recorder.ts";
import { openHistoryForReading, openHistoryForWriting } from "../../../core/history/history-store.ts";
import type { SeriesPointIn } from "../../../core/history/snapshot-points.ts";
import { isRoot, missingPrerequisites } from "../../support/prerequisites.ts";
import { killQuietly, registerCleanup, removeDirSync } from "../harness/cleanup-registry.ts";

const subject = {
  kind: "ipvs-backend" as const,
  hostId: "lb1",
  service: "203.0.113.10:80",
  backend: "192.0.2.11:80",
};
const CONNS = { subject, metric: "conns" as const };

function points(from: number, count: number, start: bigint): SeriesPointIn[] {
  return Array.from({ length: count }, (_, i) => ({
    ...CONNS,
    at: from + i * 2000,
    value: start + BigInt(i),
  }));
}

function storedPoints(folder: string): number {
  const db = new DatabaseSync(historyDatabasePath(folder), { readOnly: true });
  try {
    const check = db.prepare("PRAGMA integrity_check").get() as { integrity_check: string };
    expect(check.integrity_check).toBe("ok");
    return Number((db.prepare("SELECT COALESCE(SUM(count), 0) AS n FROM chunks").get() as { n: number }).n);
  } finally {
    db.close();
  }
}

describe("history when the process dies", () => {
  const folder = mkdtempSync(path.join(tmpdir(), "fulcrum-history-kill-"));
  afterAll(() => removeDirSync(folder));

  it("SIGKILL mid-write: the database passes integrity_check and holds every batch it reported committed", async () => {
    const child = spawn(process.execPath, [path.join(import.meta.dirname, "writer-child.ts"), folder], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const kill = (): void => {
      if (child.pid !== undefined) killQuietly(child.pid);
    };
    const dispose = registerCleanup({ run: async () => kill(), runSync: kill });
    let committed = 0;
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no 20 commits in 30 s: ${stderr}`)), 30_000);
      child.stdout.on("data", (chunk: Buffer) => {
        const last = /committed (\d+)\n$/.exec(chunk.toString());
        if (last) committed = Number(last[1]);
        if (committed >= 10_000) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    // Killed while it keeps writing: the next batch is somewhere between append and commit.
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    await dispose();
    const stored = storedPoints(folder);
    expect(stored).toBeGreaterThanOrEqual(committed);
    expect(stored - committed).toBeLessThanOrEqual(500 * 2);
    // The dead writer's lock is taken over, and writing goes on from where it stopped.
    const again = openHistoryForWriting(folder);
    // A day on (inside raw retention: 48 h), the counter still rising.
    again.writer.append(points(Date.UTC(2026, 11, 2), 10, 10n ** 9n));
    expect(again.writer.flush().state).toBe("writing");
    again.close();
    expect(storedPoints(folder)).toBe(stored + 10);
  }, 60_000);
});

const skip = missingPrerequisites(isRoot);

describe.skipIf(skip)("history on a disk that fills up or turns read-only (a real tmpfs)", () => {
  const mountPoint = mkdtempSync(path.join(tmpdir(), "fulcrum-history-disk-"));
  const readOnlyPoint = mkdtempSync(path.join(tmpdir(), "fulcrum-history-ro-"));
  const mounts: string[] = [];
  afterAll(() => {
    for (const point of mounts) execFileSync("umount", ["-l", point]);
    rmSync(mountPoint, { recursive: true, force: true });
    rmSync(readOnlyPoint, { recursive: true, force: true });
  });

  it("says why it is not writing, keeps what is queued, and resumes when space and write access return", async () => {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", mountPoint]);
    mounts.push(mountPoint);
    const history = openHistoryForWriting(mountPoint);
    const T0 = Date.UTC(2026, 11, 1);
    history.writer.append(points(T0, 1000, 0n));
    expect(history.writer.flush().state).toBe("writing");

    // Fill the disk to the last byte.
    const filler = path.join(mountPoint, "filler");
    try {
      execFileSync("dd", ["if=/dev/zero", `of=${filler}`, "bs=4k"], { stdio: "ignore" });
    } catch {
      // dd ends with "No space left on device": that is the point
    }
    // Enough new series that the write needs new pages.
    const many: SeriesPointIn[] = [];
    for (let b = 0; b < 400; b++)
      many.push(
        ...points(T0 + 2_000_000, 20, 0n).map((point) => ({
          ...point,
          subject: { ...subject, backend: `192.0.2.${b % 250}:${8000 + b}` },
        })),
      );
    history.writer.append(many);
    const full = history.writer.flush();
    expect(full).toMatchObject({ state: "not-writing", reason: expect.stringMatching(/full/i) });
    expect(full.state === "not-writing" && full.queued).toBe(many.length);

    rmSync(filler);
    const resumed = history.writer.flush();
    expect(resumed.state).toBe("writing");
    const reader = openHistoryForReading(mountPoint);
    expect((await reader.query.listSeries({ hostId: "lb1" })).length).toBe(401);
    reader.close();

    history.close();
    expect(storedPoints(mountPoint)).toBe(1000 + many.length);
  }, 60_000);

  it("a read-only data folder: the recorder says why, samples keep flowing, and it starts writing once it can", async () => {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=2m,ro", "tmpfs", readOnlyPoint]);
    mounts.push(readOnlyPoint);
    const events = createEventHub({ validatePayloads: false });
    const delivered: string[] = [];
    events.subscribe((event) => delivered.push(event));
    let clock = Date.UTC(2026, 11, 1);
    const recorder = startHistoryRecorder({
      dataFolder: readOnlyPoint,
      events,
      flushMs: 60_000,
      retryOpenMs: 1000,
      now: () => clock,
    });
    expect(recorder.status()).toMatchObject({
      state: "not-writing",
      reason: expect.stringMatching(/read-only|readonly|EROFS/i),
    });
    const sample = (at: number, conns: number) =>
      events.emit("sampleReceived", {
        hostId: "lb1",
        at,
        sequence: at,
        stale: false,
        services: [
          {
            protocol: "tcp",
            family: "inet",
            address: "203.0.113.10",
            port: 80,
            scheduler: "rr",
            flags: [],
            stats: { conns: String(conns), inPkts: "1", outPkts: "1", inBytes: "1", outBytes: "1" },
            realServers: [],
          },
        ],
        nics: [],
        problems: [],
      });
    sample(clock, 10);
    expect(delivered).toEqual(["sampleReceived"]);
    execFileSync("mount", ["-o", "remount,rw", readOnlyPoint]);
    clock += 2000;
    recorder.flush();
    expect(recorder.status()).toMatchObject({ state: "writing" });
    sample(clock, 14);
    recorder.flush();
    const summary = await recorder
      .query()
      ?.counterSummary(
        { subject: { kind: "ipvs-service", hostId: "lb1", service: "203.0.113.10:80" }, metric: "conns" },
        { from: clock - 10_000, to: clock },
      );
    // Only what arrived once it could write is history: one sample, so no increase yet.
    expect(summary).toMatchObject({ total: 0n, resolution: "raw" });
    recorder.stop();
  }, 30_000);
});
