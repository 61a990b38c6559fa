/**
 * History read from a site's Prometheus, behind the same HistoryQuery as the local store, so the
 * range views and reports do not know which one answered. It reads what Fulcrum's exporter
 * (core/metrics) put there, by the `host` label.
 *
 * Exactness: over a range of up to RAW_WINDOW_MS the raw samples are read (a range-vector query)
 * and counted here exactly (counter-increase.ts: resets count from zero; no extrapolation, unlike
 * PromQL's increase()), so totals equal the local store's for the same scrapes. Longer ranges use
 * PromQL's increase() and *_over_time() per step, and the answer's resolution says so ("1m" for a
 * step under an hour, "1h" above). Prometheus keeps float64: counters above 2^53 come back rounded.
 * Prometheus keeps no events: events() is empty and a report says where its events came from.
 */
import { parseIpvsBackendTarget, parseServiceTarget } from "../commands/target-spec.ts";
import { counterIncrease, percentile, type CounterSample } from "../history/counter-increase.ts";
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
import {
  isCounter,
  seriesKeyText,
  type Metric,
  type SeriesKey,
  type SeriesSubject,
} from "../history/series-key.ts";
import { backendKey, serviceKey } from "../../shared/service-key.ts";
import { MAX_POINTS_PER_SERIES, type PrometheusClient, type RangeSeries } from "./prometheus-client.ts";
import { promString } from "./read-prometheus-snapshot.ts";

/** Ranges up to this long are read as raw samples and counted exactly. */
export const RAW_WINDOW_MS = 6 * 3600_000;

type Selector = { name: string; labels: Record<string, string>; scale: number };

const IPVS_METRIC: Partial<Record<Metric, string>> = {
  conns: "connections_total",
  inPkts: "incoming_packets_total",
  outPkts: "outgoing_packets_total",
  inBytes: "incoming_bytes_total",
  outBytes: "outgoing_bytes_total",
  activeConns: "connections_active",
  inactiveConns: "connections_inactive",
  weight: "weight",
};

const NIC_METRIC: Partial<Record<Metric, string>> = {
  rxBytes: "receive_bytes_total",
  txBytes: "transmit_bytes_total",
  rxPackets: "receive_packets_total",
  txPackets: "transmit_packets_total",
};

const HAPROXY_METRIC: Partial<Record<Metric, string>> = {
  totalSessions: "sessions_total",
  bytesIn: "bytes_in_total",
  bytesOut: "bytes_out_total",
  sessions: "current_sessions",
  weight: "weight",
};

function serviceLabels(service: string): Record<string, string> {
  const target = parseServiceTarget(service);
  if (target.kind !== "ipvs") throw new Error(`${service} is not an IPVS service`);
  if (target.protocol === "fwmark")
    return { proto: "FWM", local_mark: Number(target.fwmark).toString(16).toUpperCase().padStart(8, "0") };
  return {
    proto: target.protocol.toUpperCase(),
    local_address: target.address,
    local_port: String(target.port),
  };
}

/** The exporter's series for a history series; undefined when the exporter has no such figure. */
export function selectorOf(key: SeriesKey): Selector | undefined {
  const s: SeriesSubject = key.subject;
  const host = { host: s.hostId };
  switch (s.kind) {
    case "ipvs-backend": {
      const metric = IPVS_METRIC[key.metric];
      if (!metric) return undefined;
      const backend = parseIpvsBackendTarget(s.backend);
      return {
        name: `fulcrum_ipvs_backend_${metric}`,
        labels: {
          ...host,
          ...serviceLabels(s.service),
          remote_address: backend.address,
          remote_port: String(backend.port),
        },
        scale: 1,
      };
    }
    case "ipvs-service": {
      const metric = IPVS_METRIC[key.metric];
      return metric
        ? {
            name: `fulcrum_ipvs_service_${metric}`,
            labels: { ...host, ...serviceLabels(s.service) },
            scale: 1,
          }
        : undefined;
    }
    case "nic": {
      if (key.metric === "speedMbps")
        return { name: "fulcrum_nic_speed_bytes", labels: { ...host, device: s.nic }, scale: 1 / 125_000 };
      const metric = NIC_METRIC[key.metric];
      return metric
        ? { name: `fulcrum_nic_${metric}`, labels: { ...host, device: s.nic }, scale: 1 }
        : undefined;
    }
    case "haproxy": {
      const metric = HAPROXY_METRIC[key.metric];
      return metric
        ? {
            name: `fulcrum_haproxy_server_${metric}`,
            labels: { ...host, proxy: s.proxy, server: s.name },
            scale: 1,
          }
        : undefined;
    }
    case "vrrp":
      if (key.metric === "master")
        return {
          name: "fulcrum_vrrp_state",
          labels: { ...host, instance: s.instance, state: "MASTER" },
          scale: 1,
        };
      if (key.metric === "priority")
        return {
          name: "fulcrum_vrrp_effective_priority",
          labels: { ...host, instance: s.instance },
          scale: 1,
        };
      return undefined;
    case "nginx":
      return undefined;
  }
}

function reverse(map: Partial<Record<Metric, string>>): Map<string, Metric> {
  return new Map(Object.entries(map).map(([metric, name]) => [name as string, metric as Metric]));
}
const IPVS_BY_NAME = reverse(IPVS_METRIC);
const NIC_BY_NAME = reverse(NIC_METRIC);
const HAPROXY_BY_NAME = reverse(HAPROXY_METRIC);

function serviceKeyOfLabels(labels: Record<string, string>): string | undefined {
  const proto = labels.proto ?? "";
  if (proto === "FWM")
    return serviceKey({ protocol: "fwmark", family: "inet", fwmark: parseInt(labels.local_mark ?? "", 16) });
  const protocol = proto === "TCP" ? "tcp" : proto === "UDP" ? "udp" : proto === "SCTP" ? "sctp" : undefined;
  const address = labels.local_address;
  if (!protocol || !address) return undefined;
  return serviceKey({
    protocol,
    family: address.includes(":") ? "inet6" : "inet",
    address,
    port: Number(labels.local_port),
  });
}

/** The history series an exporter series is, or undefined for one history does not keep (info, status). */
export function seriesKeyOfLabels(hostId: string, labels: Record<string, string>): SeriesKey | undefined {
  const name = labels.__name__ ?? "";
  let match: RegExpExecArray | null;
  if ((match = /^fulcrum_ipvs_backend_(.+)$/.exec(name))) {
    const metric = IPVS_BY_NAME.get(match[1] ?? "");
    const service = serviceKeyOfLabels(labels);
    if (!metric || !service || !labels.remote_address) return undefined;
    const backend = backendKey({ address: labels.remote_address, port: Number(labels.remote_port) });
    return { subject: { kind: "ipvs-backend", hostId, service, backend }, metric };
  }
  if ((match = /^fulcrum_ipvs_service_(.+)$/.exec(name))) {
    const metric = IPVS_BY_NAME.get(match[1] ?? "");
    const service = serviceKeyOfLabels(labels);
    return metric && service ? { subject: { kind: "ipvs-service", hostId, service }, metric } : undefined;
  }
  if ((match = /^fulcrum_nic_(.+)$/.exec(name)) && labels.device) {
    const metric = match[1] === "speed_bytes" ? "speedMbps" : NIC_BY_NAME.get(match[1] ?? "");
    return metric ? { subject: { kind: "nic", hostId, nic: labels.device }, metric } : undefined;
  }
  if ((match = /^fulcrum_haproxy_server_(.+)$/.exec(name)) && labels.proxy && labels.server) {
    const metric = HAPROXY_BY_NAME.get(match[1] ?? "");
    return metric
      ? { subject: { kind: "haproxy", hostId, proxy: labels.proxy, name: labels.server }, metric }
      : undefined;
  }
  if (name === "fulcrum_vrrp_state" && labels.instance && labels.state === "MASTER")
    return { subject: { kind: "vrrp", hostId, instance: labels.instance }, metric: "master" };
  if (name === "fulcrum_vrrp_effective_priority" && labels.instance)
    return { subject: { kind: "vrrp", hostId, instance: labels.instance }, metric: "priority" };
  return undefined;
}

function selectorText(selector: Selector): string {
  const labels = Object.entries(selector.labels).map(([name, value]) => `${name}=${promString(value)}`);
  return `${selector.name}{${labels.join(",")}}`;
}

/** One series out of several with the same labels (two recorders, a moved exporter): the fullest. */
function fullest(series: readonly RangeSeries[]): RangeSeries | undefined {
  return [...series].sort((a, b) => b.values.length - a.values.length)[0];
}

function toBigint(value: string): bigint {
  if (/^\d+$/.test(value)) return BigInt(value);
  const number = Number(value);
  return Number.isFinite(number) && number > 0 ? BigInt(Math.round(number)) : 0n;
}

function resolutionOfStep(stepMs: number, raw: boolean): Resolution {
  if (raw) return "raw";
  return stepMs < 3600_000 ? "1m" : "1h";
}

export function createPrometheusHistory(client: PrometheusClient): HistoryQuery {
  async function rawSamples(
    selector: Selector,
    range: TimeRange,
  ): Promise<Array<{ at: number; value: string }>> {
    const series = fullest(await client.samples(selectorText(selector), range.from, range.to));
    return (series?.values ?? []).map(([at, value]) => ({ at: at * 1000, value }));
  }

  return {
    async listSeries(filter) {
      const answer = await client.instant(
        `group by (__name__, proto, local_address, local_port, local_mark, remote_address, remote_port, device, proxy, server, instance, state) ({__name__=~"fulcrum_(ipvs_backend|ipvs_service|nic|haproxy_server|vrrp)_.+",host=${promString(filter.hostId)}})`,
      );
      const keys = new Map<string, SeriesKey>();
      for (const sample of answer) {
        const key = seriesKeyOfLabels(filter.hostId, sample.metric);
        if (key && (filter.kind === undefined || key.subject.kind === filter.kind))
          keys.set(seriesKeyText(key), key);
      }
      return [...keys.values()];
    },
    async series(query: SeriesQuery): Promise<SeriesAnswer> {
      const selector = selectorOf(query.key);
      if (!selector) return { key: query.key, resolution: "raw", points: [] };
      const rangeMs = query.range.to - query.range.from;
      let stepMs = Math.max(1000, Math.ceil(rangeMs / Math.max(1, query.points) / 1000) * 1000);
      stepMs = Math.max(stepMs, Math.ceil(rangeMs / 1000 / MAX_POINTS_PER_SERIES) * 1000);
      if (rangeMs <= RAW_WINDOW_MS) {
        const samples = await rawSamples(selector, query.range);
        return {
          key: query.key,
          resolution: "raw",
          points: binSamples(samples, query.range.from, stepMs, isCounter(query.key.metric), selector.scale),
        };
      }
      return {
        key: query.key,
        resolution: resolutionOfStep(stepMs, false),
        points: await steppedPoints(client, selector, query, stepMs),
      };
    },
    async counterSummary(key, range): Promise<CounterSummary | undefined> {
      const selector = selectorOf(key);
      if (!selector || !isCounter(key.metric)) return undefined;
      if (range.to - range.from <= RAW_WINDOW_MS) {
        const samples = (await rawSamples(selector, range)).map((sample): CounterSample => ({
          at: sample.at,
          value: toBigint(sample.value),
        }));
        if (samples.length === 0) return undefined;
        const increase = counterIncrease(samples);
        const seconds = increase.coveredMs / 1000;
        return {
          key,
          resolution: "raw",
          total: increase.total,
          resets: increase.resets,
          peakRate: increase.rates.length > 0 ? Math.max(...increase.rates) : 0,
          meanRate: seconds > 0 ? Number(increase.total) / seconds : 0,
          p95Rate: percentile(increase.rates, 95) ?? 0,
          coveredMs: increase.coveredMs,
        };
      }
      const answer = await this.series({ key, range, points: 1000 });
      if (answer.points.length === 0) return undefined;
      const rates = answer.points.map((point) => point.rate ?? 0);
      const total = answer.points.reduce((sum, point) => sum + (point.delta ?? 0n), 0n);
      const covered = answer.points.reduce((sum, point) => sum + point.stepMs, 0);
      return {
        key,
        resolution: answer.resolution,
        total,
        resets: 0,
        peakRate: Math.max(...rates),
        meanRate: covered > 0 ? Number(total) / (covered / 1000) : 0,
        p95Rate: percentile(rates, 95) ?? 0,
        coveredMs: covered,
      };
    },
    async events(): Promise<HistoryEvent[]> {
      return [];
    },
    async summary(): Promise<HistorySummary> {
      const hosts = await client.instant('count by (host) ({__name__=~"fulcrum_.+",host!=""})');
      const now = Date.now();
      return {
        hosts: hosts.map((sample) => ({
          hostId: sample.metric.host ?? "",
          from: now,
          to: now,
          series: Number(sample.value[1]),
        })),
        bytesOnDisk: 0,
        writing: { state: "not-writing", reason: `read-only source: Prometheus at ${client.url}` },
      };
    },
  };
}

function binSamples(
  samples: ReadonlyArray<{ at: number; value: string }>,
  from: number,
  stepMs: number,
  counter: boolean,
  scale: number,
): SeriesPoint[] {
  const bins = new Map<number, { values: number[]; delta: bigint; last: number }>();
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i] as { at: number; value: string };
    const start = from + Math.floor((sample.at - from) / stepMs) * stepMs;
    let bin = bins.get(start);
    if (!bin) {
      bin = { values: [], delta: 0n, last: 0 };
      bins.set(start, bin);
    }
    const value = Number(sample.value) * scale;
    bin.values.push(value);
    bin.last = value;
    if (counter && i > 0) {
      const before = toBigint((samples[i - 1] as { value: string }).value);
      const after = toBigint(sample.value);
      bin.delta += after >= before ? after - before : after;
    }
  }
  return [...bins.entries()]
    .sort(([a], [b]) => a - b)
    .map(([at, bin]) => {
      const point: SeriesPoint = {
        at,
        stepMs,
        min: Math.min(...bin.values),
        max: Math.max(...bin.values),
        mean: bin.values.reduce((sum, value) => sum + value, 0) / bin.values.length,
        last: bin.last,
      };
      if (counter) {
        point.delta = bin.delta;
        point.rate = Number(bin.delta) / (stepMs / 1000);
      }
      return point;
    });
}

async function steppedPoints(
  client: PrometheusClient,
  selector: Selector,
  query: SeriesQuery,
  stepMs: number,
): Promise<SeriesPoint[]> {
  const text = selectorText(selector);
  const window = `${stepMs / 1000}s`;
  const step = stepMs / 1000;
  const { from, to } = query.range;
  const counter = isCounter(query.key.metric);
  const [mins, maxes, means, lasts, increases] = await Promise.all([
    client.range(`min_over_time(${text}[${window}])`, from, to, step),
    client.range(`max_over_time(${text}[${window}])`, from, to, step),
    client.range(`avg_over_time(${text}[${window}])`, from, to, step),
    client.range(`last_over_time(${text}[${window}])`, from, to, step),
    counter ? client.range(`increase(${text}[${window}])`, from, to, step) : Promise.resolve([]),
  ]);
  const byTime = (series: RangeSeries[]) =>
    new Map((fullest(series)?.values ?? []).map(([at, value]) => [at * 1000, Number(value)]));
  const min = byTime(mins);
  const max = byTime(maxes);
  const mean = byTime(means);
  const increase = byTime(increases);
  return [...byTime(lasts).entries()]
    .sort(([a], [b]) => a - b)
    .map(([end, last]) => {
      // Prometheus stamps a step with its end; history's points start at theirs.
      const point: SeriesPoint = {
        at: end - stepMs,
        stepMs,
        min: (min.get(end) ?? last) * selector.scale,
        max: (max.get(end) ?? last) * selector.scale,
        mean: (mean.get(end) ?? last) * selector.scale,
        last: last * selector.scale,
      };
      if (counter) {
        const delta = BigInt(Math.max(0, Math.round(increase.get(end) ?? 0)));
        point.delta = delta;
        point.rate = Number(delta) / step;
      }
      return point;
    });
}
