/**
 * `fulcrum snapshot --prometheus`: a host read back from a real Prometheus (Debian's 2.42) that
 * scrapes Fulcrum's exporter and a real node_exporter (1.5) over captured IPVS tables. What comes
 * back must be what was put in, absent figures null; a Prometheus that is down, slow or answers
 * garbage is a clear message, never a crash or a hang.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
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
import { createPrometheusClient } from "../../../core/prometheus/prometheus-client.ts";
import type { PrometheusSnapshot } from "../../../core/prometheus/prometheus-snapshot.ts";
import { FLEET_QUERIES, type FleetHost } from "../../../core/prometheus/fleet-overview.ts";
import { executable, missingPrerequisites } from "../../support/prerequisites.ts";
import { removeDirSync } from "../harness/cleanup-registry.ts";
import { FULCRUM, REPO } from "../harness/fulcrum-cli.ts";
import { freePort } from "../harness/free-port.ts";
import {
  NODE_EXPORTER,
  PROMETHEUS,
  startNodeExporter,
  startPrometheus,
  waitForSamples,
  type Daemon,
} from "./prometheus-server.ts";

const LAB = path.resolve(import.meta.dirname, "../../fixtures/lab");
const lab = (name: string) => readFileSync(path.join(LAB, name), "utf8");

function fulcrum(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [FULCRUM, ...args], { cwd: REPO, timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const skip = missingPrerequisites(
  executable(PROMETHEUS, "prometheus"),
  executable(NODE_EXPORTER, "prometheus-node-exporter"),
);

describe.skipIf(skip)("fulcrum snapshot --prometheus", () => {
  const procfs = mkdtempSync(path.join(tmpdir(), "fulcrum-procfs-"));
  const listing = parseIpvsadmList(lab("ipvsadm-Ln-stats-exact.txt"));
  const proc = parseProcIpVs(lab("proc-net-ip_vs.txt"));
  const recorded: HostSnapshot = {
    hostId: "lb-lab",
    at: Date.now(),
    sequence: 1,
    stale: false,
    services: servicesWire(listing.services),
    nics: [
      {
        name: "eth0",
        rxBytes: "123456789",
        rxPackets: "1000",
        rxErrors: "0",
        rxDrops: "1",
        txBytes: "987654321",
        txPackets: "2000",
        txErrors: "0",
        txDrops: "0",
        speedMbps: 1000,
      },
    ],
    problems: [],
  };
  let exporter: MetricsServer | undefined;
  let nodeExporter: Daemon | undefined;
  let prometheus: Daemon | undefined;
  const servers: Server[] = [];

  beforeAll(async () => {
    mkdirSync(path.join(procfs, "net"));
    writeFileSync(path.join(procfs, "net/ip_vs"), lab("proc-net-ip_vs.txt"));
    writeFileSync(path.join(procfs, "net/ip_vs_stats"), lab("proc-net-ip_vs_stats.txt"));
    const port = await freePort("127.0.0.1");
    exporter = await startMetricsServer({ host: "127.0.0.1", port }, async () =>
      writeExposition(
        snapshotMetrics([{ ...recorded, at: Date.now() }], { aggregate: "backend", now: Date.now() }),
      ),
    );
    nodeExporter = await startNodeExporter(procfs);
    prometheus = await startPrometheus({
      fulcrum: `127.0.0.1:${port}`,
      node: new URL(nodeExporter.url).host,
    });
    await waitForSamples(prometheus, 'fulcrum_ipvs_backend_info{host="lb-lab"}', 10);
    await waitForSamples(prometheus, "node_ipvs_backend_weight", 10);
  }, 60_000);

  afterAll(async () => {
    await exporter?.close();
    await prometheus?.stop();
    await nodeExporter?.stop();
    for (const server of servers) server.close();
    removeDirSync(procfs);
  });

  it("from Fulcrum's exporter: every service, backend, counter and forwarding method as the SSH snapshot had it", async () => {
    const run = await fulcrum(["snapshot", "--prometheus", prometheus!.url, "lb-lab", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const snapshot = JSON.parse(run.stdout) as PrometheusSnapshot;
    expect(snapshot.source).toMatchObject({ kind: "prometheus", exporter: "fulcrum" });
    expect(snapshot.stale).toBe(false);
    const key = (s: { protocol: string; address?: string; port?: number; fwmark?: number }) =>
      `${s.protocol}|${s.address ?? ""}|${s.port ?? ""}|${s.fwmark ?? ""}`;
    expect(snapshot.services.map(key).sort()).toEqual(recorded.services.map(key).sort());
    expect(recorded.services.length).toBeGreaterThan(3);
    for (const want of recorded.services) {
      const got = snapshot.services.find((service) => key(service) === key(want));
      expect(got?.stats, key(want)).toEqual(want.stats);
      // The --stats listing prints no scheduler; Prometheus drops an empty label, so it is unknown (null).
      expect(got?.scheduler).toBe(want.scheduler === "" ? null : want.scheduler);
      expect(got?.realServers.length).toBe(want.realServers.length);
      for (const backend of want.realServers) {
        const other = got?.realServers.find(
          (rs) => rs.address === backend.address && rs.port === backend.port,
        );
        expect(other, `${key(want)} ${backend.address}:${backend.port}`).toMatchObject({
          forward: backend.forward,
          weight: backend.weight,
          activeConns: backend.activeConns,
          inactiveConns: backend.inactiveConns,
          stats: backend.stats,
        });
      }
    }
    expect(snapshot.nics).toEqual([
      expect.objectContaining({
        name: "eth0",
        rxBytes: "123456789",
        txBytes: "987654321",
        rxDrops: "1",
        speedMbps: 1000,
      }),
    ]);
  });

  it("from node_exporter: backends' gauges as /proc/net/ip_vs had them, and null for what it does not have", async () => {
    const run = await fulcrum(["snapshot", "--prometheus", prometheus!.url, "127.0.0.1", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const snapshot = JSON.parse(run.stdout) as PrometheusSnapshot;
    expect(snapshot.source.exporter).toBe("node_exporter");
    const tcp = snapshot.services.find(
      (service) => service.address === "203.0.113.10" && service.port === 80,
    );
    const want = proc.services.find((service) => service.address === "203.0.113.10" && service.port === 80);
    expect(want?.realServers.length).toBe(3);
    expect(
      tcp?.realServers.map((rs) => [
        rs.address,
        rs.weight,
        rs.activeConns,
        rs.inactiveConns,
        rs.forward,
        rs.stats,
      ]),
    ).toEqual(
      [...(want?.realServers ?? [])]
        .sort((a, b) => a.address.localeCompare(b.address))
        .map((rs) => [rs.address, rs.weight, rs.activeConns, rs.inactiveConns, null, null]),
    );
    expect(tcp?.scheduler).toBeNull();
    expect(snapshot.ipvsTotals?.conns).toMatch(/^\d+$/);
    expect(snapshot.haproxy).toBeNull();
  });

  it("fulcrum fleet: one row per director from each source, in a fixed number of queries", async () => {
    const run = await fulcrum(["fleet", "--prometheus", prometheus!.url, "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const { hosts } = JSON.parse(run.stdout) as { hosts: FleetHost[] };
    const ours = hosts.find((host) => host.id === "lb-lab");
    const backends = recorded.services.flatMap((service) => service.realServers);
    expect(backends.length).toBeGreaterThan(10);
    expect(ours).toMatchObject({
      source: "fulcrum",
      up: true,
      backends: backends.length,
      weightedBackends: backends.filter((backend) => backend.weight > 0).length,
      activeConns: backends.reduce((sum, backend) => sum + backend.activeConns, 0),
      vrrp: [],
    });
    // The counters do not move between scrapes here: zero rates, which are known (not null).
    expect(ours?.cps).toBe(0);
    const node = hosts.find((host) => host.source === "node_exporter");
    const procBackends = proc.services
      .filter((service) => service.protocol !== "sctp")
      .flatMap((service) => service.realServers);
    expect(node).toMatchObject({
      id: new URL(nodeExporter!.url).host,
      up: true,
      // node_exporter files the SCTP service's 3 backends under the service before it (see metrics-exporter.test.ts).
      backends: procBackends.length + 3,
      nicUtilisation: null,
      vrrp: null,
    });
    expect(FLEET_QUERIES.length).toBe(20);

    const table = await fulcrum(["fleet", "--prometheus", prometheus!.url]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^HOST\s+SOURCE\s+STATE/);
    expect(table.stdout).toMatch(/^lb-lab\s+fulcrum\s+up\s/m);
  });

  it("an unknown host says which hosts Prometheus knows, and exits 1", async () => {
    const run = await fulcrum(["snapshot", "--prometheus", prometheus!.url, "lb-nowhere", "--json"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no Fulcrum series with host="lb-nowhere".*it knows: .*lb-lab/);
    expect(run.stderr).toContain("[unknown-instance]");
  });

  it("a Prometheus that is down, answers garbage, or never answers: a clear problem each, no hang", async () => {
    const closedPort = await freePort("127.0.0.1");
    const down = await fulcrum(["snapshot", "--prometheus", `http://127.0.0.1:${closedPort}`, "lb-lab"]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/cannot be reached: ECONNREFUSED \[unreachable\]/);

    const start = async (handler: Parameters<typeof createServer>[1]) => {
      const server = createServer(handler);
      servers.push(server);
      const port = await freePort("127.0.0.1");
      await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
      return `http://127.0.0.1:${port}`;
    };
    const garbage = await start((_request, response) => response.end("<html>a proxy's login page</html>"));
    await expect(createPrometheusClient({ url: garbage }).instant("up")).rejects.toMatchObject({
      problem: "not-prometheus",
    });
    const denied = await start((_request, response) => response.writeHead(401).end());
    await expect(createPrometheusClient({ url: denied }).instant("up")).rejects.toMatchObject({
      problem: "http-status",
      message: expect.stringMatching(/HTTP 401 \(check the token or password\)/),
    });
    const silent = await start(() => undefined);
    await expect(createPrometheusClient({ url: silent, timeoutMs: 300 }).instant("up")).rejects.toMatchObject(
      {
        problem: "timeout",
      },
    );
    const huge = await start((_request, response) =>
      response.end(`{"status":"success","data":"${"x".repeat(5000)}"}`),
    );
    await expect(createPrometheusClient({ url: huge, maxBytes: 1000 }).instant("up")).rejects.toMatchObject({
      problem: "not-prometheus",
    });
    await expect(createPrometheusClient({ url: prometheus!.url }).instant("sum(")).rejects.toMatchObject({
      problem: "query-failed",
    });
    const bad = await fulcrum(["snapshot", "--prometheus", "ftp://x", "lb-lab"]);
    expect(bad.code).toBe(2);
  }, 30_000);
});
