/**
 * The `--metrics ADDR:PORT` flags that `fulcrum serve` (and `fulcrum record`) share: serve the
 * followed hosts' latest samples as Prometheus metrics (core/metrics), on loopback unless
 * `--metrics-remote` says otherwise; `--metrics-aggregate vip` keeps one set of series per
 * virtual service instead of per backend.
 */
import type { HostSnapshot } from "../core/api.ts";
import { writeExposition } from "../core/metrics/exposition-text.ts";
import {
  MetricsListenError,
  parseMetricsListen,
  startMetricsServer,
} from "../core/metrics/metrics-server.ts";
import { snapshotMetrics, type MetricsAggregation } from "../core/metrics/snapshot-metrics.ts";
import { UsageError } from "./exit-codes.ts";
import type { ParsedFlags } from "./flags.ts";

export const METRICS_VALUE_FLAGS = ["--metrics", "--metrics-aggregate"] as const;
export const METRICS_BOOLEAN_FLAGS = ["--metrics-remote"] as const;

export const METRICS_USAGE =
  "--metrics ADDR:PORT (serve /metrics for Prometheus; loopback unless --metrics-remote) " +
  "--metrics-aggregate backend|vip";

export type MetricsEndpoint = { url: string; close(): Promise<void> };

/** `latest` gives the last snapshot of each followed real host (never a demo host's) at scrape time. */
export async function startMetricsEndpoint(
  flags: ParsedFlags,
  latest: () => Promise<HostSnapshot[]>,
): Promise<MetricsEndpoint | undefined> {
  const listenText = flags.values.get("--metrics")?.[0];
  const aggregateText = flags.values.get("--metrics-aggregate")?.[0] ?? "backend";
  const remote = flags.booleans.has("--metrics-remote");
  if (listenText === undefined) {
    if (flags.values.has("--metrics-aggregate") || remote)
      throw new UsageError("--metrics-aggregate and --metrics-remote go with --metrics ADDR:PORT");
    return undefined;
  }
  if (aggregateText !== "backend" && aggregateText !== "vip")
    throw new UsageError("--metrics-aggregate takes backend or vip");
  const aggregate: MetricsAggregation = aggregateText;
  let listen;
  try {
    listen = parseMetricsListen(listenText, remote);
  } catch (error) {
    if (error instanceof MetricsListenError) throw new UsageError(error.message);
    throw error;
  }
  const server = await startMetricsServer(listen, async () =>
    writeExposition(snapshotMetrics(await latest(), { aggregate, now: Date.now() })),
  );
  return server;
}
