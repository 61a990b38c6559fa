/**
 * Every director a site's Prometheus knows, one row each, in a fixed number of PromQL queries
 * whatever the fleet's size (FLEET_QUERIES: aggregations `by (host)` / `by (instance)`, never one
 * query per host). Rows come from Fulcrum's exporter (`host` label: everything) and from
 * node_exporter's ipvs collector (`instance`: backends, weights and connections; host totals of
 * bytes), each row naming its source; a figure its source lacks is null, never zero.
 */
import type { InstantSample, PrometheusClient } from "./prometheus-client.ts";

export type FleetSource = "fulcrum" | "node_exporter";

export type FleetHost = {
  /** The `host` label (Fulcrum's exporter) or the `instance` label (node_exporter). */
  id: string;
  source: FleetSource;
  /** Fulcrum's exporter: is its last sample of the host current? node_exporter: is the target up? */
  up: boolean | null;
  /** Seconds since Prometheus last stored a sample of this host. */
  ageSeconds: number | null;
  backends: number | null;
  weightedBackends: number | null;
  activeConns: number | null;
  inactiveConns: number | null;
  /** New connections per second over the last minute, all services. */
  cps: number | null;
  /** Bytes per second in and out through IPVS over the last minute, all services. */
  inBps: number | null;
  outBps: number | null;
  /** The busiest NIC's transmit rate against its link speed (0..1+). */
  nicUtilisation: number | null;
  vrrp: Array<{ instance: string; state: string }> | null;
};

type Query = { name: string; promql: string };

const F = "fulcrum";
export const FLEET_QUERIES: readonly Query[] = [
  { name: "up", promql: `${F}_host_up` },
  { name: "age", promql: `time() - timestamp(${F}_host_up)` },
  { name: "backends", promql: `count by (host) (${F}_ipvs_backend_weight)` },
  { name: "weighted", promql: `count by (host) (${F}_ipvs_backend_weight > 0)` },
  { name: "active", promql: `sum by (host) (${F}_ipvs_backend_connections_active)` },
  { name: "inactive", promql: `sum by (host) (${F}_ipvs_backend_connections_inactive)` },
  { name: "cps", promql: `sum by (host) (rate(${F}_ipvs_service_connections_total[1m]))` },
  { name: "inBps", promql: `sum by (host) (rate(${F}_ipvs_service_incoming_bytes_total[1m]))` },
  { name: "outBps", promql: `sum by (host) (rate(${F}_ipvs_service_outgoing_bytes_total[1m]))` },
  {
    name: "nic",
    promql: `max by (host) (rate(${F}_nic_transmit_bytes_total[1m]) / on (host, device) ${F}_nic_speed_bytes)`,
  },
  { name: "vrrp", promql: `${F}_vrrp_state == 1` },
  {
    name: "nodeUp",
    promql: `max by (instance) (up) and on (instance) count by (instance) (node_ipvs_backend_weight)`,
  },
  { name: "nodeAge", promql: `max by (instance) (time() - timestamp(node_ipvs_connections_total))` },
  { name: "nodeBackends", promql: `count by (instance) (node_ipvs_backend_weight)` },
  { name: "nodeWeighted", promql: `count by (instance) (node_ipvs_backend_weight > 0)` },
  { name: "nodeActive", promql: `sum by (instance) (node_ipvs_backend_connections_active)` },
  { name: "nodeInactive", promql: `sum by (instance) (node_ipvs_backend_connections_inactive)` },
  { name: "nodeCps", promql: `sum by (instance) (rate(node_ipvs_connections_total[1m]))` },
  { name: "nodeInBps", promql: `sum by (instance) (rate(node_ipvs_incoming_bytes_total[1m]))` },
  { name: "nodeOutBps", promql: `sum by (instance) (rate(node_ipvs_outgoing_bytes_total[1m]))` },
];

function emptyRow(id: string, source: FleetSource): FleetHost {
  return {
    id,
    source,
    up: null,
    ageSeconds: null,
    backends: null,
    weightedBackends: null,
    activeConns: null,
    inactiveConns: null,
    cps: null,
    inBps: null,
    outBps: null,
    nicUtilisation: null,
    vrrp: null,
  };
}

/** Pure: the queries' answers (by query name) as rows, Fulcrum's hosts first, each sorted by id. */
export function fleetRows(answers: ReadonlyMap<string, readonly InstantSample[]>): FleetHost[] {
  const rows = new Map<string, FleetHost>();
  const row = (id: string, source: FleetSource) => {
    const key = `${source}|${id}`;
    let found = rows.get(key);
    if (!found) {
      found = emptyRow(id, source);
      rows.set(key, found);
    }
    return found;
  };
  const each = (
    name: string,
    source: FleetSource,
    apply: (host: FleetHost, value: number, sample: InstantSample) => void,
  ) => {
    const label = source === "fulcrum" ? "host" : "instance";
    for (const sample of answers.get(name) ?? []) {
      const id = sample.metric[label];
      if (id) apply(row(id, source), Number(sample.value[1]), sample);
    }
  };
  each("up", "fulcrum", (host, value) => (host.up = value === 1));
  each("age", "fulcrum", (host, value) => (host.ageSeconds = value));
  each("nodeUp", "node_exporter", (host, value) => (host.up = value === 1));
  each("nodeAge", "node_exporter", (host, value) => (host.ageSeconds = value));
  for (const [source, prefix] of [
    ["fulcrum", ""],
    ["node_exporter", "node"],
  ] as const) {
    const name = (base: string) => (prefix ? `${prefix}${base[0]?.toUpperCase()}${base.slice(1)}` : base);
    each(name("backends"), source, (host, value) => (host.backends = value));
    each(name("weighted"), source, (host, value) => (host.weightedBackends = value));
    each(name("active"), source, (host, value) => (host.activeConns = value));
    each(name("inactive"), source, (host, value) => (host.inactiveConns = value));
    each(name("cps"), source, (host, value) => (host.cps = value));
    each(name("inBps"), source, (host, value) => (host.inBps = value));
    each(name("outBps"), source, (host, value) => (host.outBps = value));
  }
  each("nic", "fulcrum", (host, value) => (host.nicUtilisation = Number.isFinite(value) ? value : null));
  each("vrrp", "fulcrum", (host, _value, sample) => {
    host.vrrp = [
      ...(host.vrrp ?? []),
      { instance: sample.metric.instance ?? "", state: sample.metric.state ?? "" },
    ];
  });
  // Fulcrum samples keepalived wherever it runs: no VRRP series from its exporter means no instance.
  for (const host of rows.values()) if (host.source === "fulcrum" && host.vrrp === null) host.vrrp = [];
  // A host with weights but no weighted backend shows 0 weighted, not "unknown".
  for (const host of rows.values())
    if (host.backends !== null && host.weightedBackends === null) host.weightedBackends = 0;
  return [...rows.values()].sort((a, b) =>
    a.source === b.source ? a.id.localeCompare(b.id) : a.source === "fulcrum" ? -1 : 1,
  );
}

export async function readFleet(client: PrometheusClient, now: number = Date.now()): Promise<FleetHost[]> {
  const answers = await Promise.all(FLEET_QUERIES.map((query) => client.instant(query.promql, now)));
  return fleetRows(new Map(FLEET_QUERIES.map((query, i) => [query.name, answers[i] ?? []])));
}
