/**
 * A host as a Prometheus knows it, in the shape of an SSH snapshot (`fulcrum snapshot --json`),
 * with what Prometheus does not have as null, never as zero. Two sources, told apart in `source`:
 *
 *   fulcrum        Fulcrum's own exporter (core/metrics), by the `host` label: everything it
 *                  samples, counters included; forwarding method and scheduler from its _info series.
 *   node_exporter  its ipvs and netdev collectors, by the `instance` label: per backend active and
 *                  inactive connections and weight only (no forwarding method, no per-backend
 *                  counters: node_exporter reads /proc/net/ip_vs), host totals, NIC counters and speed.
 *
 * Prometheus keeps float64: a counter above 2^53 comes back rounded, and is then listed in the
 * counters' `inexact` as the SSH snapshot does for ipvsadm's abbreviated figures. Pure.
 */
import type { InstantSample } from "./prometheus-client.ts";

export type PrometheusExporter = "fulcrum" | "node_exporter";

type CounterField = "conns" | "inPkts" | "outPkts" | "inBytes" | "outBytes";
export type PromCounters = Record<CounterField, string> & { inexact?: CounterField[] };

export type PromBackend = {
  address: string;
  port: number;
  forward: string | null;
  weight: number | null;
  activeConns: number | null;
  inactiveConns: number | null;
  stats: PromCounters | null;
  rates: null;
};

export type PromService = {
  protocol: "tcp" | "udp" | "sctp" | "fwmark";
  family: "inet" | "inet6";
  address?: string;
  port?: number;
  fwmark?: number;
  scheduler: string | null;
  flags: string[] | null;
  stats: PromCounters | null;
  rates: null;
  realServers: PromBackend[];
};

export type PromNic = {
  name: string;
  rxBytes: string | null;
  txBytes: string | null;
  rxPackets: string | null;
  txPackets: string | null;
  rxErrors: string | null;
  txErrors: string | null;
  rxDrops: string | null;
  txDrops: string | null;
  speedMbps: number | null;
};

export type PromHaproxyServer = {
  proxy: string;
  name: string;
  type: "server";
  status: string | null;
  sessions: number | null;
  totalSessions: string | null;
  bytesIn: string | null;
  bytesOut: string | null;
  weight: number | null;
};

export type PromVrrpInstance = {
  name: string;
  state: string | null;
  priority: number | null;
  effectivePriority: number | null;
  virtualIps: null;
};

export type PrometheusSnapshot = {
  host: string;
  source: { kind: "prometheus"; url: string; exporter: PrometheusExporter; evaluatedAt: string };
  hostId: string;
  /** Epoch ms of the newest sample Prometheus holds for the host. */
  at: number | null;
  sequence: null;
  /** Fulcrum's exporter says whether its own sample was stale; node_exporter cannot. */
  stale: boolean | null;
  services: PromService[];
  nics: PromNic[];
  haproxy: PromHaproxyServer[] | null;
  vrrp: { running: null; instances: PromVrrpInstance[] } | null;
  /** node_exporter's host totals (node_ipvs_*_total); null from Fulcrum's exporter (sum its services). */
  ipvsTotals: PromCounters | null;
  problems: [];
};

/** A Prometheus value as exact u64 text when it is one, else rounded (and said inexact). */
function u64Text(value: string): { text: string; exact: boolean } {
  if (/^\d+$/.test(value)) return { text: value, exact: Number(value) <= Number.MAX_SAFE_INTEGER };
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) return { text: "0", exact: false };
  return { text: BigInt(Math.round(number)).toString(), exact: number <= Number.MAX_SAFE_INTEGER };
}

function numberOf(value: string): number {
  return Number(value);
}

type ServiceKey = string;

function serviceIdentity(
  metric: Record<string, string>,
): { key: ServiceKey; service: Omit<PromService, "realServers"> } | undefined {
  const proto = (metric.proto ?? "").toUpperCase();
  if (proto === "FWM") {
    const mark = parseInt(metric.local_mark ?? "", 16);
    if (!Number.isFinite(mark)) return undefined;
    return {
      key: `FWM|${mark}`,
      service: {
        protocol: "fwmark",
        family: "inet",
        fwmark: mark,
        scheduler: null,
        flags: null,
        stats: null,
        rates: null,
      },
    };
  }
  const protocol = proto === "TCP" ? "tcp" : proto === "UDP" ? "udp" : proto === "SCTP" ? "sctp" : undefined;
  const address = metric.local_address;
  const port = Number(metric.local_port);
  if (!protocol || !address || !Number.isInteger(port)) return undefined;
  return {
    key: `${protocol}|${address}|${port}`,
    service: {
      protocol,
      family: address.includes(":") ? "inet6" : "inet",
      address,
      port,
      scheduler: null,
      flags: null,
      stats: null,
      rates: null,
    },
  };
}

class Table {
  readonly services = new Map<ServiceKey, PromService>();
  service(metric: Record<string, string>): PromService | undefined {
    const identity = serviceIdentity(metric);
    if (!identity) return undefined;
    let service = this.services.get(identity.key);
    if (!service) {
      service = { ...identity.service, realServers: [] };
      this.services.set(identity.key, service);
    }
    return service;
  }
  backend(metric: Record<string, string>): PromBackend | undefined {
    const service = this.service(metric);
    const address = metric.remote_address;
    const port = Number(metric.remote_port);
    if (!service || !address || !Number.isInteger(port)) return undefined;
    let backend = service.realServers.find(
      (candidate) => candidate.address === address && candidate.port === port,
    );
    if (!backend) {
      backend = {
        address,
        port,
        forward: null,
        weight: null,
        activeConns: null,
        inactiveConns: null,
        stats: null,
        rates: null,
      };
      service.realServers.push(backend);
    }
    return backend;
  }
}

function setCounter(target: { stats: PromCounters | null }, field: CounterField, value: string): void {
  target.stats ??= { conns: "0", inPkts: "0", outPkts: "0", inBytes: "0", outBytes: "0" };
  const { text, exact } = u64Text(value);
  target.stats[field] = text;
  if (!exact) target.stats.inexact = [...new Set([...(target.stats.inexact ?? []), field])];
}

const IPVS_COUNTER_SUFFIX: Record<string, CounterField> = {
  connections_total: "conns",
  incoming_packets_total: "inPkts",
  outgoing_packets_total: "outPkts",
  incoming_bytes_total: "inBytes",
  outgoing_bytes_total: "outBytes",
};

const NIC_FIELD: Record<string, keyof Omit<PromNic, "name" | "speedMbps">> = {
  receive_bytes_total: "rxBytes",
  transmit_bytes_total: "txBytes",
  receive_packets_total: "rxPackets",
  transmit_packets_total: "txPackets",
  receive_errors_total: "rxErrors",
  receive_errs_total: "rxErrors",
  transmit_errors_total: "txErrors",
  transmit_errs_total: "txErrors",
  receive_drop_total: "rxDrops",
  transmit_drop_total: "txDrops",
};

function nicOf(nics: Map<string, PromNic>, name: string): PromNic {
  let nic = nics.get(name);
  if (!nic) {
    nic = {
      name,
      rxBytes: null,
      txBytes: null,
      rxPackets: null,
      txPackets: null,
      rxErrors: null,
      txErrors: null,
      rxDrops: null,
      txDrops: null,
      speedMbps: null,
    };
    nics.set(name, nic);
  }
  return nic;
}

function sortServices(services: Iterable<PromService>): PromService[] {
  const list = [...services];
  for (const service of list)
    service.realServers.sort((a, b) => a.address.localeCompare(b.address) || a.port - b.port);
  return list.sort(
    (a, b) =>
      a.protocol.localeCompare(b.protocol) ||
      (a.address ?? "").localeCompare(b.address ?? "") ||
      (a.port ?? 0) - (b.port ?? 0) ||
      (a.fwmark ?? 0) - (b.fwmark ?? 0),
  );
}

export type PrometheusSnapshotInput = {
  host: string;
  url: string;
  exporter: PrometheusExporter;
  samples: readonly InstantSample[];
  evaluatedAt: number;
};

export function prometheusSnapshot(input: PrometheusSnapshotInput): PrometheusSnapshot {
  const table = new Table();
  const nics = new Map<string, PromNic>();
  const haproxy = new Map<string, PromHaproxyServer>();
  const vrrp = new Map<string, PromVrrpInstance>();
  let ipvsTotals: PromCounters | null = null;
  let stale: boolean | null = null;
  let newest = 0;
  const prefix = input.exporter === "fulcrum" ? "fulcrum_" : "node_";

  for (const sample of input.samples) {
    const name = sample.metric.__name__ ?? "";
    if (!name.startsWith(prefix)) continue;
    const [seconds, value] = sample.value;
    newest = Math.max(newest, seconds * 1000);
    const m = sample.metric;
    const rest = name.slice(prefix.length);
    let match: RegExpExecArray | null;
    if ((match = /^ipvs_backend_(.+)$/.exec(rest))) {
      const backend = table.backend(m);
      if (!backend) continue;
      const field = IPVS_COUNTER_SUFFIX[match[1] ?? ""];
      if (field) setCounter(backend, field, value);
      else if (match[1] === "connections_active") backend.activeConns = numberOf(value);
      else if (match[1] === "connections_inactive") backend.inactiveConns = numberOf(value);
      else if (match[1] === "weight") backend.weight = numberOf(value);
      else if (match[1] === "info") backend.forward = m.forward ?? null;
    } else if ((match = /^ipvs_service_(.+)$/.exec(rest))) {
      const service = table.service(m);
      if (!service) continue;
      const field = IPVS_COUNTER_SUFFIX[match[1] ?? ""];
      if (field) setCounter(service, field, value);
      else if (match[1] === "info") {
        service.scheduler = m.scheduler ?? null;
        service.flags = m.flags ? m.flags.split(",").filter(Boolean) : [];
      }
    } else if (
      (match =
        /^ipvs_(connections|incoming_packets|outgoing_packets|incoming_bytes|outgoing_bytes)_total$/.exec(
          rest,
        ))
    ) {
      const holder: { stats: PromCounters | null } = { stats: ipvsTotals };
      setCounter(holder, IPVS_COUNTER_SUFFIX[`${match[1]}_total`] as CounterField, value);
      ipvsTotals = holder.stats;
    } else if ((match = /^(?:nic|network)_(.+)$/.exec(rest)) && m.device) {
      const nic = nicOf(nics, m.device);
      if (match[1] === "speed_bytes") nic.speedMbps = numberOf(value) / 125_000;
      const field = NIC_FIELD[match[1] ?? ""];
      if (field) nic[field] = u64Text(value).text;
    } else if ((match = /^haproxy_server_(.+)$/.exec(rest)) && m.proxy && m.server) {
      const key = `${m.proxy}/${m.server}`;
      let server = haproxy.get(key);
      if (!server) {
        server = {
          proxy: m.proxy,
          name: m.server,
          type: "server",
          status: null,
          sessions: null,
          totalSessions: null,
          bytesIn: null,
          bytesOut: null,
          weight: null,
        };
        haproxy.set(key, server);
      }
      if (match[1] === "sessions_total") server.totalSessions = u64Text(value).text;
      else if (match[1] === "bytes_in_total") server.bytesIn = u64Text(value).text;
      else if (match[1] === "bytes_out_total") server.bytesOut = u64Text(value).text;
      else if (match[1] === "current_sessions") server.sessions = numberOf(value);
      else if (match[1] === "weight") server.weight = numberOf(value);
      else if (match[1] === "status" && value === "1") server.status = m.state ?? null;
    } else if ((match = /^vrrp_(.+)$/.exec(rest)) && m.instance) {
      let instance = vrrp.get(m.instance);
      if (!instance) {
        instance = {
          name: m.instance,
          state: null,
          priority: null,
          effectivePriority: null,
          virtualIps: null,
        };
        vrrp.set(m.instance, instance);
      }
      if (match[1] === "state" && value === "1") instance.state = m.state ?? null;
      else if (match[1] === "priority") instance.priority = numberOf(value);
      else if (match[1] === "effective_priority") instance.effectivePriority = numberOf(value);
    } else if (rest === "host_up") {
      stale = value !== "1";
    }
  }

  return {
    host: input.host,
    source: {
      kind: "prometheus",
      url: input.url,
      exporter: input.exporter,
      evaluatedAt: new Date(input.evaluatedAt).toISOString(),
    },
    hostId: input.host,
    at: newest > 0 ? Math.round(newest) : null,
    sequence: null,
    stale,
    services: sortServices(table.services.values()),
    nics: [...nics.values()].sort((a, b) => a.name.localeCompare(b.name)),
    haproxy: input.exporter === "fulcrum" ? [...haproxy.values()] : null,
    vrrp: input.exporter === "fulcrum" ? { running: null, instances: [...vrrp.values()] } : null,
    ipvsTotals,
    problems: [],
  };
}
