/**
 * What Fulcrum exports to Prometheus from the snapshots it samples. node_exporter's `ipvs`
 * collector reads /proc/net/ip_vs only: per backend it has active/inactive connections and weight,
 * and host totals, but no per-backend connections, packets or bytes. Those come from
 * `ipvsadm -Ln --stats --exact`, which Fulcrum samples, so they are what this adds.
 *
 * Labels match node_exporter's where they overlap (checked against the real node_exporter 1.5 in
 * test/integration/metrics): local_address, local_port, local_mark (8 hex digits for a fwmark
 * service, else empty; local_address empty and local_port "0" then), proto (TCP, UDP, SCTP, FWM),
 * remote_address, remote_port; plus `host`, the alias Fulcrum samples.
 *
 * Cardinality per director: 9 series per backend and 7 per service (a 500-backend director with 10
 * services: 4,570 IPVS series). `aggregate: "vip"` keeps the per-service series only (the service
 * line's counters are the kernel's own sums), with active/inactive connections and weight summed
 * over its backends: 10 series per service. The info series carry what is text (scheduler, flags,
 * forwarding method) as labels with the value 1, as Prometheus's `_info` convention has it.
 */
import type { HostSnapshot } from "../api.ts";
import type { Labels, MetricFamily, MetricSample } from "./exposition-text.ts";

type Service = HostSnapshot["services"][number];
type Backend = Service["realServers"][number];
type Counters = NonNullable<Service["stats"]>;

export type MetricsAggregation = "backend" | "vip";

export type SnapshotMetricsOptions = {
  aggregate: MetricsAggregation;
  /** Epoch ms now, to say how old each host's last sample is. */
  now: number;
};

const COUNTERS: ReadonlyArray<{ field: keyof Omit<Counters, "inexact">; suffix: string; help: string }> = [
  { field: "conns", suffix: "connections_total", help: "connections scheduled" },
  { field: "inPkts", suffix: "incoming_packets_total", help: "incoming packets" },
  { field: "outPkts", suffix: "outgoing_packets_total", help: "outgoing packets" },
  { field: "inBytes", suffix: "incoming_bytes_total", help: "incoming bytes" },
  { field: "outBytes", suffix: "outgoing_bytes_total", help: "outgoing bytes" },
];

const VRRP_STATES = ["MASTER", "BACKUP", "FAULT", "INIT", "STOP"] as const;
const HAPROXY_STATES = ["UP", "DOWN", "DRAIN", "MAINT", "NOLB", "OTHER"] as const;

function serviceLabels(host: string, service: Service): Labels {
  if (service.protocol === "fwmark") {
    return {
      host,
      local_address: "",
      local_port: "0",
      local_mark: (service.fwmark ?? 0).toString(16).toUpperCase().padStart(8, "0"),
      proto: "FWM",
    };
  }
  return {
    host,
    local_address: service.address ?? "",
    local_port: String(service.port ?? 0),
    local_mark: "",
    proto: service.protocol.toUpperCase(),
  };
}

function backendLabels(host: string, service: Service, backend: Backend): Labels {
  return {
    ...serviceLabels(host, service),
    remote_address: backend.address,
    remote_port: String(backend.port),
  };
}

class Families {
  private readonly byName = new Map<string, MetricFamily>();
  add(name: string, type: MetricFamily["type"], help: string, labels: Labels, value: string | number): void {
    let family = this.byName.get(name);
    if (!family) {
      family = { name, type, help, samples: [] };
      this.byName.set(name, family);
    }
    const sample: MetricSample = { labels, value: String(value) };
    family.samples.push(sample);
  }
  list(): MetricFamily[] {
    return [...this.byName.values()];
  }
}

function addIpvs(families: Families, snapshot: HostSnapshot, aggregate: MetricsAggregation): void {
  const host = snapshot.hostId;
  for (const service of snapshot.services) {
    const labels = serviceLabels(host, service);
    if (service.stats) {
      for (const counter of COUNTERS) {
        families.add(
          `fulcrum_ipvs_service_${counter.suffix}`,
          "counter",
          `IPVS virtual service: ${counter.help} (ipvsadm -Ln --stats --exact)`,
          labels,
          service.stats[counter.field],
        );
      }
    }
    families.add(
      "fulcrum_ipvs_service_info",
      "gauge",
      "IPVS virtual service: 1, with its scheduler and flags (as ipvsadm -Ln shows them) as labels",
      {
        ...labels,
        scheduler: service.scheduler,
        persistent: service.persistent === undefined ? "" : String(service.persistent),
        flags: service.flags.join(","),
      },
      1,
    );
    families.add(
      "fulcrum_ipvs_service_backends",
      "gauge",
      "IPVS virtual service: real servers in its table",
      labels,
      service.realServers.length,
    );
    if (aggregate === "vip") {
      const sum = (pick: (backend: Backend) => number) =>
        service.realServers.reduce((total, backend) => total + pick(backend), 0);
      families.add(
        "fulcrum_ipvs_service_connections_active",
        "gauge",
        "IPVS virtual service: active connections, summed over its real servers",
        labels,
        sum((backend) => backend.activeConns),
      );
      families.add(
        "fulcrum_ipvs_service_connections_inactive",
        "gauge",
        "IPVS virtual service: inactive connections, summed over its real servers",
        labels,
        sum((backend) => backend.inactiveConns),
      );
      families.add(
        "fulcrum_ipvs_service_weight",
        "gauge",
        "IPVS virtual service: weights of its real servers, summed",
        labels,
        sum((backend) => backend.weight),
      );
      continue;
    }
    for (const backend of service.realServers) {
      const rsLabels = backendLabels(host, service, backend);
      if (backend.stats) {
        for (const counter of COUNTERS) {
          families.add(
            `fulcrum_ipvs_backend_${counter.suffix}`,
            "counter",
            `IPVS real server: ${counter.help} (ipvsadm -Ln --stats --exact)`,
            rsLabels,
            backend.stats[counter.field],
          );
        }
      }
      families.add(
        "fulcrum_ipvs_backend_connections_active",
        "gauge",
        "IPVS real server: active connections",
        rsLabels,
        backend.activeConns,
      );
      families.add(
        "fulcrum_ipvs_backend_connections_inactive",
        "gauge",
        "IPVS real server: inactive connections",
        rsLabels,
        backend.inactiveConns,
      );
      families.add(
        "fulcrum_ipvs_backend_weight",
        "gauge",
        "IPVS real server: weight",
        rsLabels,
        backend.weight,
      );
      families.add(
        "fulcrum_ipvs_backend_info",
        "gauge",
        "IPVS real server: 1, with its forwarding method (masq = NAT, route = DR, tunnel = TUN) as a label",
        { ...rsLabels, forward: backend.forward },
        1,
      );
    }
  }
}

function addNics(families: Families, snapshot: HostSnapshot): void {
  for (const nic of snapshot.nics) {
    const labels = { host: snapshot.hostId, device: nic.name };
    const counters: Array<[string, string, string]> = [
      ["receive_bytes_total", nic.rxBytes, "bytes received"],
      ["transmit_bytes_total", nic.txBytes, "bytes sent"],
      ["receive_packets_total", nic.rxPackets, "packets received"],
      ["transmit_packets_total", nic.txPackets, "packets sent"],
      ["receive_errors_total", nic.rxErrors, "receive errors"],
      ["transmit_errors_total", nic.txErrors, "transmit errors"],
      ["receive_drop_total", nic.rxDrops, "received packets dropped"],
      ["transmit_drop_total", nic.txDrops, "packets dropped on send"],
    ];
    for (const [suffix, value, help] of counters) {
      families.add(`fulcrum_nic_${suffix}`, "counter", `NIC: ${help} (/proc/net/dev)`, labels, value);
    }
    if (nic.speedMbps !== undefined && nic.speedMbps > 0) {
      families.add(
        "fulcrum_nic_speed_bytes",
        "gauge",
        "NIC: link speed in bytes per second (as node_exporter's node_network_speed_bytes)",
        labels,
        nic.speedMbps * 125_000,
      );
    }
  }
}

/** HAProxy's status text ("UP 1/3", "DOWN (agent)", "no check") as one of a closed set of states. */
export function haproxyState(status: string): (typeof HAPROXY_STATES)[number] {
  const word = status.trim().split(/\s+/)[0]?.toUpperCase() ?? "";
  if (status.trim().toLowerCase() === "no check") return "UP";
  return (HAPROXY_STATES as readonly string[]).includes(word)
    ? (word as (typeof HAPROXY_STATES)[number])
    : "OTHER";
}

function addHaproxy(families: Families, snapshot: HostSnapshot): void {
  for (const row of snapshot.haproxy ?? []) {
    if (row.type !== "server") continue;
    const labels = { host: snapshot.hostId, proxy: row.proxy, server: row.name };
    families.add(
      "fulcrum_haproxy_server_sessions_total",
      "counter",
      "HAProxy server: sessions (stot)",
      labels,
      row.totalSessions,
    );
    families.add(
      "fulcrum_haproxy_server_bytes_in_total",
      "counter",
      "HAProxy server: bytes in (bin)",
      labels,
      row.bytesIn,
    );
    families.add(
      "fulcrum_haproxy_server_bytes_out_total",
      "counter",
      "HAProxy server: bytes out (bout)",
      labels,
      row.bytesOut,
    );
    families.add(
      "fulcrum_haproxy_server_current_sessions",
      "gauge",
      "HAProxy server: current sessions (scur)",
      labels,
      row.sessions,
    );
    if (row.weight !== undefined)
      families.add("fulcrum_haproxy_server_weight", "gauge", "HAProxy server: weight", labels, row.weight);
    const state = haproxyState(row.status);
    for (const candidate of HAPROXY_STATES) {
      families.add(
        "fulcrum_haproxy_server_status",
        "gauge",
        "HAProxy server: 1 for its current state (OTHER: a status outside the others)",
        { ...labels, state: candidate },
        candidate === state ? 1 : 0,
      );
    }
  }
}

function addVrrp(families: Families, snapshot: HostSnapshot): void {
  for (const instance of snapshot.vrrp?.instances ?? []) {
    const labels = { host: snapshot.hostId, instance: instance.name };
    const state = instance.state.toUpperCase();
    for (const candidate of VRRP_STATES) {
      families.add(
        "fulcrum_vrrp_state",
        "gauge",
        "keepalived VRRP instance: 1 for its current state",
        { ...labels, state: candidate },
        candidate === state ? 1 : 0,
      );
    }
    if (instance.priority !== undefined)
      families.add(
        "fulcrum_vrrp_priority",
        "gauge",
        "keepalived VRRP instance: configured priority",
        labels,
        instance.priority,
      );
    if (instance.effectivePriority !== undefined)
      families.add(
        "fulcrum_vrrp_effective_priority",
        "gauge",
        "keepalived VRRP instance: effective priority (after track weights)",
        labels,
        instance.effectivePriority,
      );
  }
}

/**
 * The families for the latest snapshot of each host. A host whose last snapshot is stale keeps its
 * last values (counters must not vanish between scrapes) and says so in fulcrum_host_up 0.
 */
export function snapshotMetrics(
  snapshots: readonly HostSnapshot[],
  options: SnapshotMetricsOptions,
): MetricFamily[] {
  const families = new Families();
  for (const snapshot of snapshots) {
    const host = { host: snapshot.hostId };
    families.add(
      "fulcrum_host_up",
      "gauge",
      "1 when Fulcrum's last sample of the host is current, 0 when it is stale",
      host,
      snapshot.stale ? 0 : 1,
    );
    families.add(
      "fulcrum_host_sample_age_seconds",
      "gauge",
      "Seconds since Fulcrum last read a sample from the host",
      host,
      Math.max(0, (options.now - snapshot.at) / 1000).toFixed(3),
    );
    families.add(
      "fulcrum_host_section_problems",
      "gauge",
      "Sections of the host's last sample that failed (command or parse); the rest still holds",
      host,
      snapshot.problems.length,
    );
    addIpvs(families, snapshot, options.aggregate);
    addNics(families, snapshot);
    addHaproxy(families, snapshot);
    addVrrp(families, snapshot);
  }
  return families.list();
}
