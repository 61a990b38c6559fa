/**
 * The fleet on Prometheus: 300 directors x 50 backends, exported by ten simulated Fulcrum
 * exporters on loopback (30 hosts each, core/metrics' own exposition, counters rising every
 * scrape) and recorded by a real Prometheus (Debian's 2.42, scraping every 5 s). Then
 * `readFleet` (what `fulcrum fleet` and the overview run) refreshes the whole fleet repeatedly.
 * Targets: a refresh under 1 s, a number of queries that does not grow with the fleet, and this
 * process under 400 MB.
 */
import { readFileSync } from "node:fs";
import type { HostSnapshot } from "../../core/api.ts";
import { writeExposition } from "../../core/metrics/exposition-text.ts";
import { startMetricsServer, type MetricsServer } from "../../core/metrics/metrics-server.ts";
import { snapshotMetrics } from "../../core/metrics/snapshot-metrics.ts";
import { createPrometheusClient } from "../../core/prometheus/prometheus-client.ts";
import { FLEET_QUERIES, readFleet } from "../../core/prometheus/fleet-overview.ts";
import { freePort } from "../../test/integration/harness/free-port.ts";
import { startPrometheus, type Daemon } from "../../test/integration/metrics/prometheus-server.ts";
import { printTable } from "../measure.ts";

const DIRECTORS = 300;
const BACKENDS = 50;
const EXPORTERS = 10;
const SCRAPE_SECONDS = 5;
const REFRESHES = 15;
const TARGET_REFRESH_MS = 1000;
const TARGET_RSS_BYTES = 400 * 1024 * 1024;

function director(index: number, scrape: number): HostSnapshot {
  const services: HostSnapshot["services"] = [];
  for (let s = 0; s < 2; s++) {
    const realServers: HostSnapshot["services"][number]["realServers"] = [];
    for (let b = 0; b < BACKENDS / 2; b++) {
      const conns = BigInt(scrape * (b + 1) * 3 + index);
      const stats = {
        conns: String(conns),
        inPkts: String(conns * 7n),
        outPkts: String(conns * 6n),
        inBytes: String(conns * 900n),
        outBytes: String(conns * 15_000n),
      };
      realServers.push({
        address: `10.${index >> 8}.${index & 255}.${b + 10}`,
        port: 80 + s,
        forward: index % 3 === 0 ? ("route" as const) : ("masq" as const),
        weight: b === 0 ? 0 : 1 + (b % 5),
        activeConns: (b * 7 + scrape) % 40,
        inactiveConns: (b * 11) % 90,
        stats,
      });
    }
    const total = (field: "conns" | "inPkts" | "outPkts" | "inBytes" | "outBytes") =>
      String(realServers.reduce((sum, rs) => sum + BigInt(rs.stats?.[field] ?? "0"), 0n));
    services.push({
      protocol: "tcp",
      family: "inet",
      address: `203.0.${index >> 8}.${index & 255}`,
      port: 80 + s,
      scheduler: "wlc",
      flags: [],
      stats: {
        conns: total("conns"),
        inPkts: total("inPkts"),
        outPkts: total("outPkts"),
        inBytes: total("inBytes"),
        outBytes: total("outBytes"),
      },
      realServers,
    });
  }
  const bytes = String(BigInt(scrape) * 50_000_000n + BigInt(index));
  return {
    hostId: `lb${String(index).padStart(3, "0")}`,
    at: Date.now(),
    sequence: scrape,
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
        speedMbps: 10_000,
      },
    ],
    vrrp: {
      running: true,
      instances: [
        {
          name: "VI_1",
          state: index % 2 === 0 ? "MASTER" : "BACKUP",
          priority: 100,
          effectivePriority: 100,
          virtualIps: [],
        },
      ],
    },
    problems: [],
  };
}

function rssOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

export async function benchFleet(): Promise<void> {
  const exporters: MetricsServer[] = [];
  let prometheus: Daemon | undefined;
  let peakRss = 0;
  const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
  const rssTimer = setInterval(sampleRss, 200);
  try {
    const addresses: string[] = [];
    const perExporter = DIRECTORS / EXPORTERS;
    for (let e = 0; e < EXPORTERS; e++) {
      const port = await freePort("127.0.0.1");
      let scrape = 0;
      exporters.push(
        await startMetricsServer({ host: "127.0.0.1", port }, async () => {
          scrape++;
          const snapshots = Array.from({ length: perExporter }, (_, i) =>
            director(e * perExporter + i, scrape),
          );
          return writeExposition(snapshotMetrics(snapshots, { aggregate: "backend", now: Date.now() }));
        }),
      );
      addresses.push(`127.0.0.1:${port}`);
    }
    prometheus = await startPrometheus({ fleet: addresses }, { scrapeIntervalSeconds: SCRAPE_SECONDS });
    const client = createPrometheusClient({ url: prometheus.url, timeoutMs: 30_000 });
    const deadline = Date.now() + 180_000;
    for (;;) {
      const rated = await client.instant("count(rate(fulcrum_ipvs_service_connections_total[1m]))");
      if (Number(rated[0]?.value[1] ?? 0) >= DIRECTORS * 2) break;
      if (Date.now() > deadline)
        throw new Error("Prometheus did not hold two scrapes of the fleet within 180 s");
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const series = Number((await client.instant('count({__name__=~"fulcrum_.+"})'))[0]?.value[1] ?? 0);
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < REFRESHES; i++) {
      const started = performance.now();
      rows = (await readFleet(client)).length;
      times.push(performance.now() - started);
      sampleRss();
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
    const p95 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)] ?? Number.NaN;
    const ok = (pass: boolean) => (pass ? "met" : "MISSED");
    printTable(
      `Fleet on Prometheus: ${DIRECTORS} directors x ${BACKENDS} backends, ${series} series in a real Prometheus (${EXPORTERS} simulated exporters, ${SCRAPE_SECONDS} s scrapes), ${REFRESHES} refreshes`,
      ["measure", "figure", "target", "verdict"],
      [
        ["rows per refresh", String(rows), String(DIRECTORS), ok(rows === DIRECTORS)],
        [
          "refresh, median",
          `${median.toFixed(0)} ms`,
          `< ${TARGET_REFRESH_MS} ms`,
          ok(median < TARGET_REFRESH_MS),
        ],
        ["refresh, p95", `${p95.toFixed(0)} ms`, `< ${TARGET_REFRESH_MS} ms`, ok(p95 < TARGET_REFRESH_MS)],
        ["PromQL queries per refresh", String(FLEET_QUERIES.length), "fixed (not per host)", "met"],
        [
          "this process, peak RSS",
          mib(peakRss),
          `< ${mib(TARGET_RSS_BYTES)}`,
          ok(peakRss < TARGET_RSS_BYTES),
        ],
        ["Prometheus RSS (for information)", mib(rssOf(prometheus.pid)), "-", "-"],
      ],
    );
    console.log(
      "(this process also runs the ten simulated exporters, so its RSS is an upper bound of the app's)",
    );
  } finally {
    clearInterval(rssTimer);
    await Promise.all(exporters.map((exporter) => exporter.close()));
    await prometheus?.stop();
  }
}
