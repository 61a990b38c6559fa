/**
 * What a history series is: one figure of one thing on one host. The contract between the
 * recorder/store (which write and read series) and the report builder and the views (which ask for
 * them). Pure types and one key codec; no I/O.
 *
 * Counters are cumulative and exact (bigint, u64 as the kernel or HAProxy keeps them); totals over a
 * range are differences of counters, summed over the segments between resets. Gauges are what a
 * sample shows at its instant (connections, weight, link speed).
 */

/** What a series belongs to. Service and backend keys are shared/service-key.ts's. */
export type SeriesSubject =
  /** An IPVS virtual service: `service` is shared/service-key.ts's serviceKey: "203.0.113.80:80" (tcp), "udp:...", "fwm:1". */
  | { kind: "ipvs-service"; hostId: string; service: string }
  /** A real server in a virtual service: `backend` is shared/service-key.ts's backendKey ("192.0.2.11:80", "[2001:db8::1]:80"). */
  | { kind: "ipvs-backend"; hostId: string; service: string; backend: string }
  | { kind: "nic"; hostId: string; nic: string }
  /** An HAProxy row: proxy and name as `show stat` gives them (type server, frontend or backend). */
  | { kind: "haproxy"; hostId: string; proxy: string; name: string }
  | { kind: "nginx"; hostId: string }
  | { kind: "vrrp"; hostId: string; instance: string };

export type CounterMetric =
  /** IPVS: the five counters of `ipvsadm -Ln --stats --exact`. */
  | "conns"
  | "inPkts"
  | "outPkts"
  | "inBytes"
  | "outBytes"
  /** NIC: /proc/net/dev. */
  | "rxBytes"
  | "txBytes"
  | "rxPackets"
  | "txPackets"
  /** HAProxy: stot, bin, bout. nginx: accepts, handled, requests. */
  | "totalSessions"
  | "bytesIn"
  | "bytesOut"
  | "accepts"
  | "handled"
  | "requests";

export type GaugeMetric =
  | "activeConns"
  | "inactiveConns"
  | "weight"
  /** NIC link speed in Mbit/s (absent when the host does not know it). */
  | "speedMbps"
  /** HAProxy current sessions; nginx active/reading/writing/waiting. */
  | "sessions"
  | "active"
  | "reading"
  | "writing"
  | "waiting"
  /** VRRP: 1 when the instance is MASTER, 0 otherwise; and its effective priority. */
  | "master"
  | "priority";

export type Metric = CounterMetric | GaugeMetric;

export const COUNTER_METRICS: ReadonlySet<Metric> = new Set<Metric>([
  "conns",
  "inPkts",
  "outPkts",
  "inBytes",
  "outBytes",
  "rxBytes",
  "txBytes",
  "rxPackets",
  "txPackets",
  "totalSessions",
  "bytesIn",
  "bytesOut",
  "accepts",
  "handled",
  "requests",
]);

export function isCounter(metric: Metric): metric is CounterMetric {
  return COUNTER_METRICS.has(metric);
}

export type SeriesKey = { subject: SeriesSubject; metric: Metric };

/** One stable text form per series (the store's index key); the same subject always gives the same text. */
export function seriesKeyText(key: SeriesKey): string {
  const s = key.subject;
  switch (s.kind) {
    case "ipvs-service":
      return `${s.hostId}|ipvs-service|${s.service}|${key.metric}`;
    case "ipvs-backend":
      return `${s.hostId}|ipvs-backend|${s.service}|${s.backend}|${key.metric}`;
    case "nic":
      return `${s.hostId}|nic|${s.nic}|${key.metric}`;
    case "haproxy":
      return `${s.hostId}|haproxy|${s.proxy}|${s.name}|${key.metric}`;
    case "nginx":
      return `${s.hostId}|nginx|${key.metric}`;
    case "vrrp":
      return `${s.hostId}|vrrp|${s.instance}|${key.metric}`;
  }
}
