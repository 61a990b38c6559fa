/**
 * Fulcrum's /metrics, scraped by a real Prometheus (Debian's 2.42), beside a real node_exporter
 * (1.5) reading the same IPVS table from a captured /proc/net/ip_vs. What Prometheus stores must be
 * what Fulcrum read, and where Fulcrum and node_exporter export the same figure their labels and
 * values must match, so a site's dashboards can join the two.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HostSnapshot } from "../../../core/api.ts";
import { servicesWire } from "../../../core/live/services-wire.ts";
import { writeExposition } from "../../../core/metrics/exposition-text.ts";
import { startMetricsServer, type MetricsServer } from "../../../core/metrics/metrics-server.ts";
import { snapshotMetrics } from "../../../core/metrics/snapshot-metrics.ts";
import { parseIpvsadmList } from "../../../core/parse/ipvs/ipvsadm-list.ts";
import { parseProcIpVs } from "../../../core/parse/ipvs/proc-ip-vs.ts";
import { executable, missingPrerequisites } from "../../support/prerequisites.ts";
import { removeDirSync } from "../harness/cleanup-registry.ts";
import { freePort } from "../harness/free-port.ts";
import {
  NODE_EXPORTER,
  PROMETHEUS,
  startNodeExporter,
  startPrometheus,
  waitForSamples,
  type Daemon,
  type VectorSample,
} from "./prometheus-server.ts";

const LAB = path.resolve(import.meta.dirname, "../../fixtures/lab");
const lab = (name: string) => readFileSync(path.join(LAB, name), "utf8");

function snapshotOf(hostId: string, services: HostSnapshot["services"]): HostSnapshot {
  return { hostId, at: Date.now(), sequence: 1, stale: false, services, nics: [], problems: [] };
}

const skip = missingPrerequisites(
  executable(PROMETHEUS, "prometheus"),
  executable(NODE_EXPORTER, "prometheus-node-exporter"),
);

describe.skipIf(skip)("Fulcrum's metrics in a real Prometheus", () => {
  const procfs = mkdtempSync(path.join(tmpdir(), "fulcrum-procfs-"));
  const fromProc = snapshotOf("lab-proc", servicesWire(parseProcIpVs(lab("proc-net-ip_vs.txt")).services));
  const fromStats = snapshotOf(
    "lab-stats",
    servicesWire(parseIpvsadmList(lab("ipvsadm-Ln-stats-exact.txt")).services),
  );
  let exporter: MetricsServer | undefined;
  let nodeExporter: Daemon | undefined;
  let prometheus: Daemon | undefined;

  beforeAll(async () => {
    mkdirSync(path.join(procfs, "net"));
    writeFileSync(path.join(procfs, "net/ip_vs"), lab("proc-net-ip_vs.txt"));
    writeFileSync(path.join(procfs, "net/ip_vs_stats"), lab("proc-net-ip_vs_stats.txt"));
    const port = await freePort("127.0.0.1");
    exporter = await startMetricsServer({ host: "127.0.0.1", port }, async () =>
      writeExposition(snapshotMetrics([fromProc, fromStats], { aggregate: "backend", now: Date.now() })),
    );
    nodeExporter = await startNodeExporter(procfs);
    prometheus = await startPrometheus({
      fulcrum: `127.0.0.1:${port}`,
      node: new URL(nodeExporter.url).host,
    });
  }, 60_000);

  afterAll(async () => {
    await exporter?.close();
    await prometheus?.stop();
    await nodeExporter?.stop();
    removeDirSync(procfs);
  });

  /** The labels both exporters share, as one comparable text. */
  const backendKey = (sample: VectorSample) =>
    ["proto", "local_address", "local_port", "local_mark", "remote_address", "remote_port"]
      .map((name) => `${name}=${sample.metric[name] ?? ""}`)
      .join(",");

  it.each([
    ["node_ipvs_backend_connections_active", "fulcrum_ipvs_backend_connections_active"],
    ["node_ipvs_backend_connections_inactive", "fulcrum_ipvs_backend_connections_inactive"],
    ["node_ipvs_backend_weight", "fulcrum_ipvs_backend_weight"],
  ])("%s and %s: the same backends under the same labels, with the same values", async (node, ours) => {
    const theirs = await waitForSamples(prometheus!, node, 1);
    const mine = await waitForSamples(prometheus!, `${ours}{host="lab-proc"}`, 1);
    expect(theirs.length).toBeGreaterThan(20);
    const mineByKey = new Map(mine.map((sample) => [backendKey(sample), sample.value[1]]));
    const unmatched = theirs.filter((sample) => !mineByKey.has(backendKey(sample)));
    for (const sample of theirs) {
      if (mineByKey.has(backendKey(sample)))
        expect(mineByKey.get(backendKey(sample)), backendKey(sample)).toBe(sample.value[1]);
    }
    // node_exporter 1.5 (procfs) skips an SCTP service's line but not its destinations, so it files
    // them under the service before it: here 203.0.113.70:5000's backends appear as :5000 backends
    // of 203.0.113.60:80. Those are the only series it has that Fulcrum does not, and Fulcrum has
    // them under their own SCTP service.
    const sctpBackends = mine.filter((sample) => sample.metric.proto === "SCTP");
    expect(sctpBackends.length).toBe(3);
    expect(
      unmatched.map((sample) => `${sample.metric.remote_address}:${sample.metric.remote_port}`).sort(),
    ).toEqual(
      sctpBackends.map((sample) => `${sample.metric.remote_address}:${sample.metric.remote_port}`).sort(),
    );
    expect(mine.length).toBe(theirs.length);
  });

  it("per-backend packets and bytes, which node_exporter cannot give, arrive exactly as ipvsadm --stats --exact printed them", async () => {
    const bytes = await waitForSamples(
      prometheus!,
      'fulcrum_ipvs_backend_incoming_bytes_total{host="lab-stats"}',
      1,
    );
    const expected = fromStats.services.flatMap((service) =>
      service.realServers.map((backend) => ({
        key:
          service.protocol === "fwmark"
            ? `FWM :0 -> ${backend.address}:${backend.port} mark ${service.fwmark}`
            : `${service.protocol.toUpperCase()} ${service.address}:${service.port} -> ${backend.address}:${backend.port}`,
        value: backend.stats?.inBytes,
      })),
    );
    expect(expected.length).toBeGreaterThan(10);
    expect(expected.some((row) => row.value !== "0")).toBe(true);
    const got = new Map(
      bytes.map((sample) => [
        sample.metric.proto === "FWM"
          ? `FWM :0 -> ${sample.metric.remote_address}:${sample.metric.remote_port} mark ${parseInt(sample.metric.local_mark ?? "", 16)}`
          : `${sample.metric.proto} ${sample.metric.local_address}:${sample.metric.local_port} -> ${sample.metric.remote_address}:${sample.metric.remote_port}`,
        sample.value[1],
      ]),
    );
    for (const row of expected) expect(got.get(row.key), row.key).toBe(row.value);
    const [conns] = await waitForSamples(
      prometheus!,
      'fulcrum_ipvs_service_connections_total{host="lab-stats",local_address="203.0.113.10",local_port="80",proto="TCP"}',
      1,
    );
    expect(conns?.value[1]).toBe("40");
  });

  it("answers only GET and HEAD of /metrics", async () => {
    const url = exporter!.url;
    expect((await fetch(url.replace("/metrics", "/"))).status).toBe(404);
    expect((await fetch(url, { method: "POST", body: "x" })).status).toBe(405);
    const head = await fetch(url, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(await head.text()).toBe("");
  });
});
