/**
 * History's costs, on the real store (node:sqlite in a temporary folder) and a synthetic clock:
 *   ingest   20 hosts x 500 backends at the 2 s kernel refresh, every series of their snapshots
 *            through snapshotPoints, the writer's queue and one flush per round: CPU per
 *            simulated second (% of one core) and bytes per stored point (file size, WAL included)
 *   long     1,000 series at 2 s for FULCRUM_BENCH_HISTORY_DAYS simulated days (default 0.25, said
 *            in the table; 30 for the full figure): database size and write time
 *   queries  one series over 24 h and over the whole range at 1,000 points
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { HostSnapshot } from "../../core/api.ts";
import { historyFolder } from "../../core/history/history-database.ts";
import { openHistoryForWriting } from "../../core/history/history-store.ts";
import type { SeriesKey } from "../../core/history/series-key.ts";
import { snapshotPoints, type SeriesPointIn } from "../../core/history/snapshot-points.ts";
import { printTable } from "../measure.ts";

const HOSTS = 20;
const BACKENDS = 500;
const ROUNDS = 30;
const T0 = Date.UTC(2026, 11, 1);

function snapshot(host: number, round: number): HostSnapshot {
  const services: HostSnapshot["services"] = [];
  for (let s = 0; s < 10; s++) {
    const realServers = [];
    for (let b = 0; b < BACKENDS / 10; b++) {
      const conns = BigInt(round * (b + 3) + host);
      realServers.push({
        address: `10.${host}.${s}.${b + 10}`,
        port: 8080,
        forward: "masq" as const,
        weight: 100,
        activeConns: (b + round) % 50,
        inactiveConns: (b * 3) % 200,
        stats: {
          conns: String(conns),
          inPkts: String(conns * 12n),
          outPkts: String(conns * 16n),
          inBytes: String(conns * 1400n),
          outBytes: String(conns * 30000n),
        },
      });
    }
    services.push({
      protocol: "tcp",
      family: "inet",
      address: `198.18.${host}.${s}`,
      port: 80,
      scheduler: "wlc",
      flags: [],
      realServers,
    });
  }
  const bytes = String(BigInt(round) * 123_456_789n);
  return {
    hostId: `lb${host}`,
    at: T0 + round * 2000,
    sequence: round,
    stale: false,
    services,
    nics: [
      {
        name: "eth0",
        rxBytes: bytes,
        rxPackets: "1",
        rxErrors: "0",
        rxDrops: "0",
        txBytes: bytes,
        txPackets: "1",
        txErrors: "0",
        txDrops: "0",
        speedMbps: 10000,
      },
    ],
    problems: [],
  };
}

function folderBytes(folder: string): number {
  return readdirSync(folder).reduce((sum, name) => sum + statSync(path.join(folder, name)).size, 0);
}

const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

export async function benchHistory(): Promise<void> {
  const days = Number(process.env.FULCRUM_BENCH_HISTORY_DAYS ?? "0.25");
  const dir = mkdtempSync(path.join(tmpdir(), "fulcrum-bench-history-"));
  try {
    // Ingest.
    const ingest = openHistoryForWriting(path.join(dir, "ingest"));
    let points = 0;
    const before = cpuMs();
    for (let round = 0; round < ROUNDS; round++) {
      for (let host = 0; host < HOSTS; host++) {
        const batch = snapshotPoints(snapshot(host, round));
        points += batch.length;
        ingest.writer.append(batch);
      }
      ingest.writer.flush();
    }
    const ingestCpu = cpuMs() - before;
    ingest.close();
    const ingestBytes = folderBytes(historyFolder(path.join(dir, "ingest")));
    const simulatedSeconds = ROUNDS * 2;

    // The long run: 1,000 series at 2 s.
    const long = openHistoryForWriting(path.join(dir, "long"));
    const keys: SeriesKey[] = Array.from({ length: 1000 }, (_, i) => ({
      subject: {
        kind: "ipvs-backend",
        hostId: `lb${i % 20}`,
        service: "198.18.0.1:80",
        backend: `10.0.${Math.floor(i / 20)}.${i % 20}:80`,
      },
      metric: i % 2 === 0 ? "conns" : "activeConns",
    }));
    const steps = Math.floor((days * 86_400) / 2);
    const writeStarted = performance.now();
    let longPoints = 0;
    for (let step = 0; step < steps; step += 30) {
      const batch: SeriesPointIn[] = [];
      for (let k = step; k < Math.min(steps, step + 30); k++)
        for (let i = 0; i < keys.length; i++) {
          const key = keys[i] as SeriesKey;
          batch.push({
            ...key,
            at: T0 + k * 2000,
            value: i % 2 === 0 ? BigInt(k * 7 + i) : BigInt((k + i) % 90),
          });
        }
      longPoints += batch.length;
      long.writer.append(batch);
      long.writer.flush();
    }
    const writeSeconds = (performance.now() - writeStarted) / 1000;
    const end = T0 + steps * 2000;
    const time = async (range: { from: number; to: number }) => {
      const runs: number[] = [];
      for (let i = 0; i < 9; i++) {
        const started = performance.now();
        await long.query.series({ key: keys[i * 2] as SeriesKey, range, points: 1000 });
        runs.push(performance.now() - started);
      }
      return runs.sort((a, b) => a - b)[4] ?? Number.NaN;
    };
    const day = await time({ from: Math.max(T0, end - 86_400_000), to: end });
    const whole = await time({ from: T0, to: end });
    long.close();
    const longBytes = folderBytes(historyFolder(path.join(dir, "long")));
    const projected30 = (longBytes / Math.max(days, 1e-9)) * 30;

    const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
    const ingestPercent = (ingestCpu / (simulatedSeconds * 1000)) * 100;
    const bytesPerPoint = ingestBytes / points;
    printTable(
      `History store (node:sqlite): ingest ${HOSTS} hosts x ${BACKENDS} backends, ${ROUNDS} rounds of 2 s; long run ${days} days x 1,000 series`,
      ["measure", "figure", "target", "verdict"],
      [
        ["ingest CPU, % of one core", `${ingestPercent.toFixed(1)} %`, "< 3 %", verdict(ingestPercent < 3)],
        ["ingest points per 2 s round", String(points / ROUNDS), "-", "-"],
        [
          "bytes per raw point on disk (file + WAL)",
          bytesPerPoint.toFixed(2),
          "<= 4",
          verdict(bytesPerPoint <= 4),
        ],
        [
          `write ${days} days x 1,000 series (${longPoints} points)`,
          `${writeSeconds.toFixed(1)} s`,
          "-",
          "-",
        ],
        [`database after ${days} days`, `${(longBytes / 1024 / 1024).toFixed(1)} MiB`, "-", "-"],
        [
          "30-day database, projected linearly",
          `${(projected30 / 1024 / 1024).toFixed(0)} MiB`,
          "< 1 GB",
          verdict(projected30 < 1e9),
        ],
        ["query: one series, 24 h, 1,000 points", `${day.toFixed(1)} ms`, "< 20 ms", verdict(day < 20)],
        [
          `query: one series, whole ${days} days, 1,000 points`,
          `${whole.toFixed(1)} ms`,
          "< 50 ms (30 days)",
          verdict(whole < 50),
        ],
      ],
    );
    if (days < 30)
      console.log(
        `(the long run covered ${days} days; FULCRUM_BENCH_HISTORY_DAYS=30 runs the issue's full 30 days. Raw points older than 48 h are dropped, so beyond 2 days the database grows by its 1-minute steps only, and the linear projection is an upper bound)`,
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
