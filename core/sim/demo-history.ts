/**
 * The demo's history: a simulated last 7 days of the demo cluster's IPVS directors, answered as a
 * HistoryQuery so the range views and the report dialog work on a first launch. It is computed,
 * never stored: nothing of it reaches the operator's history store.
 *
 * Deterministic: every figure is a function of the absolute time and the series (a seeded hash, a
 * daily curve around the simulator's own load), so two queries over the same range agree and a
 * total over a range equals the sum of its steps at any resolution. The week holds what an
 * operator looks for in a report: an action (a backend drained for 40 minutes and put back, with
 * who), counters reset by `ipvsadm -Z`, a gap while the director was unreachable (it rebooted, so
 * its counters restarted too), and on the DR director a sampler restart and a drift alert.
 */
import type {
  CounterSummary,
  HistoryEvent,
  HistoryQuery,
  HistorySummary,
  Resolution,
  SeriesAnswer,
  SeriesPoint,
  SeriesQuery,
  TimeRange,
} from "../history/history-query.ts";
import { isCounter, type Metric, type SeriesKey } from "../history/series-key.ts";
import { backendKey, serviceKey } from "../../shared/service-key.ts";
import { createDemoCluster, type DemoHost } from "./demo-cluster.ts";

export const DEMO_HISTORY_DAYS = 7;
/** The simulated sampling interval (the live demo samples every 2 s; 10 s keeps a week cheap to compute). */
export const DEMO_SAMPLE_MS = 10_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const RAW_KEPT_MS = 48 * HOUR_MS;

const TOTAL_METRICS = ["conns", "inPkts", "outPkts", "inBytes", "outBytes"] as const;
type TotalMetric = (typeof TOTAL_METRICS)[number];

type Backend = { key: string; weight: number };
type Service = {
  key: string;
  cps: number;
  perConn: Record<TotalMetric, number>;
  activeSeconds: number;
  inactiveSeconds: number;
  jitter: number;
  backends: Backend[];
  totalWeight: number;
};
type Outage = { from: number; to: number };
type HostModel = {
  hostId: string;
  /** NAT: replies cross the director, so both directions of its NIC carry the traffic. */
  nat: boolean;
  nic: { name: string; speedMbps: number };
  services: Service[];
  outages: Outage[];
  /** Times the counters restarted (ipvsadm -Z, the reboot behind an outage). */
  resets: number[];
  /** A backend set to weight 0 for a while. */
  drain?: { service: string; backend: string; from: number; to: number };
  events: HistoryEvent[];
};

/** A float in [0, 1) from integers (a 32-bit mix): the noise of one series at one instant. */
function noise(seed: number, index: number): number {
  let t = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index, 0xc2b2ae35)) >>> 0;
  t = Math.imul(t ^ (t >>> 16), 0x7feb352d);
  t = Math.imul(t ^ (t >>> 15), 0x846ca68b);
  return ((t ^ (t >>> 16)) >>> 0) / 4294967296;
}

function textSeed(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}

/** Load over the day, 0.35 at night to 1 (the simulator's live load) mid-afternoon UTC. */
function dailyLoad(at: number): number {
  const phase = ((at % DAY_MS) / DAY_MS - 0.375) * 2 * Math.PI;
  return 0.35 + 0.65 * (0.5 + 0.5 * Math.sin(phase));
}

function hostModel(host: DemoHost, anchor: number): HostModel | undefined {
  if (!host.ipvs) return undefined;
  const nic = host.nics.find((candidate) => candidate.name !== "lo");
  const services: Service[] = host.ipvs.services.map((service) => ({
    key: serviceKey({ ...service, protocol: service.fwmark ? "fwmark" : service.protocol }),
    cps: service.load.cps,
    perConn: { conns: 1, ...service.load.perConn },
    activeSeconds: service.load.activeSeconds,
    inactiveSeconds: service.load.inactiveSeconds,
    jitter: Math.max(0.03, service.load.jitter),
    // Reversed: the kernel lists the newest first; the views list them as added.
    backends: [...service.dests].reverse().map((dest) => ({ key: backendKey(dest), weight: dest.weight })),
    totalWeight: service.dests.reduce((sum, dest) => sum + dest.weight, 0),
  }));
  const model: HostModel = {
    hostId: host.name,
    nat: host.role === "ipvs-nat",
    nic: { name: nic?.name ?? "eth0", speedMbps: nic?.speedMbps ?? 1000 },
    services,
    outages: [],
    resets: [],
    events: [],
  };
  const first = services[0];
  if (model.nat && first && first.backends.length > 2) {
    const backend = (first.backends[2] as Backend).key;
    const drain = { service: first.key, backend, from: anchor - 26 * HOUR_MS, to: anchor - 26 * HOUR_MS + 40 * MINUTE_MS };
    model.drain = drain;
    const outage = { from: anchor - 74 * HOUR_MS, to: anchor - 74 * HOUR_MS + 45 * MINUTE_MS };
    model.outages.push(outage);
    const zeroed = anchor - 50 * HOUR_MS;
    model.resets.push(outage.to, zeroed);
    model.events.push(
      {
        hostId: host.name,
        kind: "action",
        at: drain.from,
        end: drain.from + 4_000,
        summary: `drain ${backend} in ${drain.service} (weight 100 to 0)`,
        who: "demo-operator",
        before: "weight 100",
        after: "weight 0",
        auditId: "demo-drain-1",
      },
      {
        hostId: host.name,
        kind: "action",
        at: drain.to,
        end: drain.to + 4_000,
        summary: `restore ${backend} in ${drain.service} (weight 0 to 100)`,
        who: "demo-operator",
        before: "weight 0",
        after: "weight 100",
        auditId: "demo-restore-1",
      },
      {
        hostId: host.name,
        kind: "gap",
        at: outage.from,
        end: outage.to,
        summary: "host unreachable (the director rebooted; its counters restarted)",
        reason: "host-unreachable",
      },
      { hostId: host.name, kind: "gap", at: zeroed, summary: "counters reset (ipvsadm -Z)", reason: "counters-reset" },
    );
  } else if (first && first.backends.length > 1) {
    const restart = { from: anchor - 100 * HOUR_MS, to: anchor - 100 * HOUR_MS + 5 * MINUTE_MS };
    model.outages.push(restart);
    const backend = (first.backends[1] as Backend).key;
    model.events.push(
      {
        hostId: host.name,
        kind: "gap",
        at: restart.from,
        end: restart.to,
        summary: "sampler restarted",
        reason: "sampler-restarted",
      },
      {
        hostId: host.name,
        kind: "drift-alert",
        at: anchor - 9 * HOUR_MS,
        summary: `weight of ${backend} in ${first.key} changed outside Fulcrum (100 to 50)`,
      },
    );
  }
  return model;
}

/** A backend's share of its service's new connections at an instant (weights, the drain). */
function shareOf(model: HostModel, service: Service, backend: string, at: number): number {
  const drain = model.drain;
  const draining = drain !== undefined && drain.service === service.key && at >= drain.from && at < drain.to;
  if (draining && drain.backend === backend) return 0;
  const weightOf = (key: string) => service.backends.find((b) => b.key === key)?.weight ?? 0;
  const total = service.totalWeight - (draining ? weightOf(drain.backend) : 0);
  return total > 0 ? weightOf(backend) / total : 0;
}

/** One series' sampler: the counter increase or the gauge value of the sample taken at `at`. */
type Sampler = (at: number, sampleMs: number) => number;

function backendConnsPerSecond(model: HostModel, service: Service, backend: string, at: number): number {
  const seed = textSeed(`${model.hostId}|${service.key}|${backend}`);
  const wobble = 1 + service.jitter * (2 * noise(seed, Math.floor(at / MINUTE_MS)) - 1);
  return service.cps * dailyLoad(at) * shareOf(model, service, backend, at) * wobble;
}

function samplerOf(model: HostModel, key: SeriesKey): Sampler | undefined {
  const s = key.subject;
  const metric = key.metric;
  const service = "service" in s ? model.services.find((candidate) => candidate.key === s.service) : undefined;
  const counterOf = (cps: (at: number) => number, perConn: number): Sampler => (at, sampleMs) =>
    Math.round(cps(at) * (sampleMs / 1000) * perConn);
  if (s.kind === "ipvs-backend" && service) {
    if (!service.backends.some((b) => b.key === s.backend)) return undefined;
    const cps = (at: number) => backendConnsPerSecond(model, service, s.backend, at);
    if ((TOTAL_METRICS as readonly Metric[]).includes(metric)) return counterOf(cps, service.perConn[metric as TotalMetric]);
    if (metric === "activeConns") return (at) => Math.round(cps(at) * service.activeSeconds);
    if (metric === "inactiveConns") return (at) => Math.round(cps(at) * service.inactiveSeconds);
    if (metric === "weight") return (at) => (shareOf(model, service, s.backend, at) > 0 ? (service.backends.find((b) => b.key === s.backend) as Backend).weight : 0);
    return undefined;
  }
  if (s.kind === "ipvs-service" && service) {
    const parts = service.backends.map((b) => samplerOf(model, { subject: { ...s, kind: "ipvs-backend", backend: b.key }, metric }));
    if (parts.some((part) => part === undefined) || metric === "weight" || parts.length === 0) return undefined;
    return (at, sampleMs) => parts.reduce((sum, part) => sum + (part as Sampler)(at, sampleMs), 0);
  }
  if (s.kind === "nic" && s.nic === model.nic.name) {
    if (metric === "speedMbps") return () => model.nic.speedMbps;
    if (metric !== "rxBytes" && metric !== "txBytes") return undefined;
    const totals = (field: TotalMetric) =>
      model.services.map((svc) => samplerOf(model, { subject: { kind: "ipvs-service", hostId: model.hostId, service: svc.key }, metric: field }) as Sampler);
    const inBytes = totals("inBytes");
    const outBytes = totals("outBytes");
    const sum = (parts: Sampler[], at: number, ms: number) => parts.reduce((total, part) => total + part(at, ms), 0);
    // Background traffic (ssh, monitoring, ARP): about 40 kB/s each way.
    const background = (at: number, ms: number) => Math.round(40_000 * (ms / 1000) * (0.8 + 0.4 * noise(7, Math.floor(at / DEMO_SAMPLE_MS))));
    if (model.nat) return (at, ms) => sum(inBytes, at, ms) + sum(outBytes, at, ms) + background(at, ms);
    // DR: requests come in through the director; replies leave from the backends directly.
    if (metric === "rxBytes") return (at, ms) => sum(inBytes, at, ms) + background(at, ms);
    return (at, ms) => Math.round(sum(inBytes, at, ms) * 1.02) + background(at, ms);
  }
  return undefined;
}

function keysOf(model: HostModel): SeriesKey[] {
  const hostId = model.hostId;
  const keys: SeriesKey[] = [];
  for (const service of model.services) {
    for (const metric of [...TOTAL_METRICS, "activeConns", "inactiveConns"] as const)
      keys.push({ subject: { kind: "ipvs-service", hostId, service: service.key }, metric });
    for (const backend of service.backends)
      for (const metric of [...TOTAL_METRICS, "activeConns", "inactiveConns", "weight"] as const)
        keys.push({ subject: { kind: "ipvs-backend", hostId, service: service.key, backend: backend.key }, metric });
  }
  for (const metric of ["rxBytes", "txBytes", "speedMbps"] as const)
    keys.push({ subject: { kind: "nic", hostId, nic: model.nic.name }, metric });
  return keys;
}

type Sample = { at: number; value: number };

export interface DemoHistoryOptions {
  /** When the demo started: the simulated week ends here and goes on with the clock. */
  startedAt: number;
  now?: () => number;
  seed?: number;
}

export function createDemoHistory(options: DemoHistoryOptions): HistoryQuery {
  const now = options.now ?? Date.now;
  // Events sit on whole hours before the start, so they stay where they are while the demo runs.
  const anchor = Math.floor(options.startedAt / HOUR_MS) * HOUR_MS;
  const begins = anchor - DEMO_HISTORY_DAYS * DAY_MS;
  const cluster = createDemoCluster(options.startedAt, options.seed);
  const models = new Map<string, HostModel>();
  for (const host of cluster.hosts) {
    const model = hostModel(host, anchor);
    if (model) models.set(model.hostId, model);
  }
  const newest = () => Math.floor(now() / DEMO_SAMPLE_MS) * DEMO_SAMPLE_MS;
  const down = (model: HostModel, at: number) => model.outages.some((o) => at >= o.from && at < o.to);

  /** The samples of a series in [from, to] on a grid of sampleMs (raw: 10 s; rollups: 1 min). */
  function samples(model: HostModel, sampler: Sampler, range: TimeRange, sampleMs: number): Sample[] {
    const out: Sample[] = [];
    const first = Math.max(begins, Math.ceil(range.from / sampleMs) * sampleMs);
    const last = Math.min(newest(), range.to);
    for (let at = first; at <= last; at += sampleMs) {
      if (!down(model, at)) out.push({ at, value: sampler(at, sampleMs) });
    }
    return out;
  }

  const resolutionFor = (range: TimeRange, stepMs: number): Resolution => {
    if (stepMs < MINUTE_MS && range.from >= newest() - RAW_KEPT_MS) return "raw";
    if (stepMs < HOUR_MS) return "1m";
    return "1h";
  };

  function bin(key: SeriesKey, list: Sample[], sampleMs: number, stepMs: number, origin: number): SeriesPoint[] {
    const counter = isCounter(key.metric);
    const bins = new Map<number, { at: number; values: number[] }>();
    for (const sample of list) {
      const at = origin + Math.floor((sample.at - origin) / stepMs) * stepMs;
      let entry = bins.get(at);
      if (!entry) bins.set(at, (entry = { at, values: [] }));
      entry.values.push(sample.value);
    }
    return [...bins.values()].map(({ at, values }) => {
      const sum = values.reduce((total, value) => total + value, 0);
      const point: SeriesPoint = {
        at,
        stepMs,
        min: Math.min(...values),
        max: Math.max(...values),
        mean: sum / values.length,
        last: values.at(-1) as number,
      };
      if (counter) {
        point.delta = BigInt(sum);
        point.rate = sum / ((values.length * sampleMs) / 1000);
      }
      return point;
    });
  }

  return {
    async listSeries(filter) {
      const model = models.get(filter.hostId);
      if (!model) return [];
      return keysOf(model).filter((key) => filter.kind === undefined || key.subject.kind === filter.kind);
    },
    async series(query: SeriesQuery): Promise<SeriesAnswer> {
      const model = models.get(query.key.subject.hostId);
      const sampler = model && samplerOf(model, query.key);
      if (!model || !sampler) return { key: query.key, resolution: "raw", points: [] };
      const stepMs = Math.max(1, Math.ceil((query.range.to - query.range.from) / Math.max(1, query.points)));
      const resolution = resolutionFor(query.range, stepMs);
      if (resolution === "raw") {
        const list = samples(model, sampler, query.range, DEMO_SAMPLE_MS);
        return { key: query.key, resolution, points: bin(query.key, list, DEMO_SAMPLE_MS, Math.max(stepMs, DEMO_SAMPLE_MS), query.range.from) };
      }
      const size = resolution === "1m" ? MINUTE_MS : HOUR_MS;
      const width = Math.max(size, Math.ceil(stepMs / size) * size);
      const list = samples(model, sampler, query.range, MINUTE_MS);
      return { key: query.key, resolution, points: bin(query.key, list, MINUTE_MS, width, 0) };
    },
    async counterSummary(key, range): Promise<CounterSummary | undefined> {
      const model = models.get(key.subject.hostId);
      const sampler = model && isCounter(key.metric) ? samplerOf(model, key) : undefined;
      if (!model || !sampler) return undefined;
      const resolution: Resolution = range.from >= newest() - RAW_KEPT_MS ? "raw" : "1m";
      const sampleMs = resolution === "raw" ? DEMO_SAMPLE_MS : MINUTE_MS;
      const list = samples(model, sampler, range, sampleMs);
      if (list.length === 0) return undefined;
      const rates = list.map((sample) => sample.value / (sampleMs / 1000)).sort((a, b) => a - b);
      const total = list.reduce((sum, sample) => sum + sample.value, 0);
      return {
        key,
        resolution,
        total: BigInt(total),
        resets: model.resets.filter((at) => at > range.from && at <= range.to).length,
        peakRate: rates.at(-1) as number,
        meanRate: total / ((list.length * sampleMs) / 1000),
        p95Rate: rates[Math.max(0, Math.ceil(0.95 * rates.length) - 1)] as number,
        coveredMs: list.length * sampleMs,
      };
    },
    async events(range, hostId) {
      const all = [...models.values()].flatMap((model) => model.events);
      return all
        .filter((event) => hostId === undefined || event.hostId === hostId)
        .filter((event) => event.at <= range.to && (event.end ?? event.at) >= range.from)
        .sort((a, b) => a.at - b.at);
    },
    async summary(): Promise<HistorySummary> {
      return {
        hosts: [...models.values()].map((model) => ({
          hostId: model.hostId,
          from: begins,
          to: newest(),
          series: keysOf(model).length,
        })),
        bytesOnDisk: 0,
        writing: { state: "not-writing", reason: "demo: simulated history, computed on request and never written" },
      };
    },
  };
}
