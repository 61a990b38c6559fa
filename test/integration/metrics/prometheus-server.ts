/**
 * Real Prometheus (Debian's 2.42) and node_exporter (1.5) for the metrics tests: started on
 * 127.0.0.1 on free ports, in a temporary folder, each killed by its PID afterwards (also when a
 * test fails, through the cleanup registry). Queries go through Prometheus's HTTP API.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../harness/free-port.ts";
import { killQuietly, registerCleanup, removeDirSync } from "../harness/cleanup-registry.ts";

export const PROMETHEUS = "/usr/bin/prometheus";
export const NODE_EXPORTER = "/usr/bin/prometheus-node-exporter";

export type Daemon = { url: string; dir: string; pid: number | undefined; stop(): Promise<void> };

async function startDaemon(
  file: string,
  args: (dir: string, port: number) => string[],
  ready: string,
): Promise<Daemon> {
  const dir = mkdtempSync(path.join(tmpdir(), "fulcrum-prom-"));
  const port = await freePort("127.0.0.1");
  const child = spawn(file, args(dir, port), { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-20_000)));
  const stop = registerCleanup({
    run: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        if (child.pid !== undefined) killQuietly(child.pid);
      }
      removeDirSync(dir);
    },
    runSync: () => {
      if (child.pid !== undefined) killQuietly(child.pid);
      removeDirSync(dir);
    },
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${file} exited ${child.exitCode}: ${log}`);
    const answer = await fetch(`${url}${ready}`).catch(() => undefined);
    if (answer?.ok) break;
    if (Date.now() > deadline) throw new Error(`${file} not ready within 20 s: ${log}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, dir, pid: child.pid, stop };
}

/** node_exporter with only the ipvs collector, reading `procfsDir` (net/ip_vs, net/ip_vs_stats). */
export function startNodeExporter(procfsDir: string): Promise<Daemon> {
  return startDaemon(
    NODE_EXPORTER,
    (_dir, port) => [
      "--collector.disable-defaults",
      "--collector.ipvs",
      `--path.procfs=${procfsDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    "/metrics",
  );
}

/** Prometheus scraping each job's targets (host:port, path /metrics), every second unless told. */
export function startPrometheus(
  targets: Record<string, string | string[]>,
  options: { scrapeIntervalSeconds?: number } = {},
): Promise<Daemon> {
  const interval = options.scrapeIntervalSeconds ?? 1;
  return startDaemon(
    PROMETHEUS,
    (dir, port) => {
      const jobs = Object.entries(targets)
        .map(
          ([job, target]) =>
            `  - job_name: ${job}\n    static_configs:\n      - targets: [${[target]
              .flat()
              .map((t) => `"${t}"`)
              .join(", ")}]\n`,
        )
        .join("");
      const config = path.join(dir, "prometheus.yml");
      writeFileSync(
        config,
        `global:\n  scrape_interval: ${interval}s\n  scrape_timeout: ${Math.max(1, interval - 1)}s\nscrape_configs:\n${jobs}`,
      );
      return [
        `--config.file=${config}`,
        `--storage.tsdb.path=${path.join(dir, "data")}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ];
    },
    "/-/ready",
  );
}

export type VectorSample = { metric: Record<string, string>; value: [number, string] };

export async function instantQuery(prometheus: Daemon, query: string): Promise<VectorSample[]> {
  const answer = await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(query)}`);
  const body = (await answer.json()) as { status: string; data?: { result: VectorSample[] }; error?: string };
  if (body.status !== "success" || !body.data)
    throw new Error(`query ${query} failed: ${body.error ?? answer.status}`);
  return body.data.result;
}

/** Polls until the query returns at least `count` samples (each scrape is 1 s apart), bounded. */
export async function waitForSamples(
  prometheus: Daemon,
  query: string,
  count: number,
): Promise<VectorSample[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const result = await instantQuery(prometheus, query);
    if (result.length >= count) return result;
    if (Date.now() > deadline)
      throw new Error(`${query}: ${result.length} samples after 20 s, wanted ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
