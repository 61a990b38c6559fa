/**
 * HistoryQuery + scope + range -> ReportDocument. Reads through the HistoryQuery interface only, so
 * the local store and Prometheus give the same report; the only arithmetic here is what the
 * interface does not answer (shares, NIC utilisation against link speed, gap-explicit chart series).
 */
import type {
  CounterSummary,
  HistoryEvent,
  HistoryQuery,
  Resolution,
  SeriesAnswer,
  TimeRange,
} from "../history/history-query.ts";
import { isCounter, seriesKeyText, type Metric, type SeriesKey, type SeriesSubject } from "../history/series-key.ts";
import {
  REPORT_SCHEMA,
  REPORT_VERSION,
  TOTAL_FIELDS,
  type BackendReport,
  type CounterRates,
  type CounterTotals,
  type NicReport,
  type RateFigures,
  type ReportDocument,
  type ReportEvent,
  type ReportSeries,
  type ReportSource,
  type ServiceReport,
  type TotalField,
} from "./report-document.ts";
import { coarsest, percentile, withGaps } from "./series-steps.ts";

export type ReportScope = { hostId: string; service?: string; backend?: string };

export interface ReportOptions {
  scope: ReportScope;
  range: TimeRange;
  source: ReportSource;
  /** About this many steps per chart series (the store picks the resolution from it). */
  chartPoints?: number;
  /** The forward method of a backend when the caller knows it (history does not record it). */
  forwardOf?: (service: string, backend: string) => string | undefined;
  now?: () => number;
}

const DEFAULT_CHART_POINTS = 240;
/** Enough steps that a range inside raw retention is answered from raw samples (utilisation). */
const UTILISATION_POINTS_CAP = 50_000;
const NAT_THRESHOLD = 0.7;

const UNITS: Partial<Record<Metric, string>> = {
  conns: "conns/s",
  inPkts: "packets/s",
  outPkts: "packets/s",
  inBytes: "bytes/s",
  outBytes: "bytes/s",
  rxBytes: "bytes/s",
  txBytes: "bytes/s",
  activeConns: "connections",
  inactiveConns: "connections",
  weight: "weight",
  speedMbps: "Mbit/s",
};
const SERVICE_CHART_METRICS: readonly Metric[] = [...TOTAL_FIELDS, "activeConns"];
const BACKEND_CHART_METRICS: readonly Metric[] = ["conns", "inBytes", "outBytes", "activeConns", "weight"];
const NIC_CHART_METRICS: readonly Metric[] = ["rxBytes", "txBytes", "speedMbps"];

const iso = (ms: number): string => new Date(ms).toISOString();
const ZERO_RATES: RateFigures = { peak: 0, mean: 0, p95: 0 };

type Summaries = Partial<Record<TotalField, CounterSummary>>;

/** Splits "address:port" / "[v6]:port" as formatHostPort writes it. */
export function splitHostPort(text: string): { address: string; port: number } {
  const match = /^(?:\[(.+)\]|([^:]+)):(\d+)$/.exec(text);
  if (!match) return { address: text, port: 0 };
  return { address: (match[1] ?? match[2]) as string, port: Number(match[3]) };
}

function totalsOf(summaries: Summaries): CounterTotals {
  const totals = {} as CounterTotals;
  for (const field of TOTAL_FIELDS) totals[field] = (summaries[field]?.total ?? 0n).toString();
  return totals;
}

function ratesOf(summaries: Summaries): CounterRates {
  const rates = {} as CounterRates;
  for (const field of TOTAL_FIELDS) {
    const s = summaries[field];
    rates[field] = s ? { peak: s.peakRate, mean: s.meanRate, p95: s.p95Rate } : ZERO_RATES;
  }
  return rates;
}

function basisOf(summaries: Summaries): ServiceReport["basis"] {
  const present = Object.values(summaries);
  return {
    resolution: coarsest(present.map((s) => s.resolution)),
    resets: Math.max(0, ...present.map((s) => s.resets)),
    coveredSeconds: Math.max(0, ...present.map((s) => s.coveredMs)) / 1000,
  };
}

function gaugeOf(answer: SeriesAnswer | undefined): { min: number; max: number; last: number; mean: number } | null {
  const points = answer?.points ?? [];
  if (points.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  let weighted = 0;
  let span = 0;
  for (const p of points) {
    min = Math.min(min, p.min);
    max = Math.max(max, p.max);
    weighted += p.mean * p.stepMs;
    span += p.stepMs;
  }
  return { min, max, last: (points.at(-1) as { last: number }).last, mean: span > 0 ? weighted / span : 0 };
}

const share = (part: bigint, whole: bigint): number | null =>
  whole > 0n ? Number((part * 1_000_000n) / whole) / 1_000_000 : null;

function reportSeries(answer: SeriesAnswer): ReportSeries {
  const s = answer.key.subject;
  const counter = isCounter(answer.key.metric);
  const stepMs = answer.points[0]?.stepMs ?? 1000;
  return {
    id: seriesKeyText(answer.key),
    subject: s.kind as ReportSeries["subject"],
    service: "service" in s ? s.service : null,
    backend: s.kind === "ipvs-backend" ? s.backend : null,
    nic: s.kind === "nic" ? s.nic : null,
    metric: answer.key.metric,
    unit: UNITS[answer.key.metric] ?? (counter ? "per second" : "value"),
    resolution: answer.resolution,
    stepSeconds: stepMs / 1000,
    points: withGaps(answer.points, counter).map(([at, value]) => [iso(at), value]),
  };
}

function reportEvent(event: HistoryEvent): ReportEvent {
  return {
    kind: event.kind,
    at: iso(event.at),
    end: event.end !== undefined ? iso(event.end) : null,
    summary: event.summary,
    who: event.who ?? null,
    before: event.before ?? null,
    after: event.after ?? null,
    auditId: event.auditId ?? null,
    reason: event.reason ?? null,
  };
}

/** Utilisation per step: max(rx, tx) bits/s over the link speed recorded at or before the step. */
export function utilisationOf(rx: SeriesAnswer, tx: SeriesAnswer, speed: SeriesAnswer): NicReport["utilisation"] {
  if (speed.points.length === 0) return null;
  const speeds = speed.points;
  const rateAt = new Map<number, { rx: number; tx: number; stepMs: number }>();
  for (const p of rx.points) rateAt.set(p.at, { rx: p.rate ?? 0, tx: 0, stepMs: p.stepMs });
  for (const p of tx.points) {
    const step = rateAt.get(p.at) ?? { rx: 0, tx: 0, stepMs: p.stepMs };
    step.tx = p.rate ?? 0;
    rateAt.set(p.at, step);
  }
  const steps = [...rateAt.entries()].sort((a, b) => a[0] - b[0]);
  const values: number[] = [];
  let aboveMs = 0;
  let s = 0;
  let mbps = (speeds[0] as { last: number }).last;
  for (const [at, step] of steps) {
    // Speed changes rarely; a link renegotiated mid-range counts from its reading on.
    while (s < speeds.length && (speeds[s] as { at: number }).at <= at) mbps = (speeds[s++] as { last: number }).last;
    if (!(mbps > 0)) continue;
    const utilisation = (Math.max(step.rx, step.tx) * 8) / (mbps * 1_000_000);
    values.push(utilisation);
    if (utilisation > NAT_THRESHOLD) aboveMs += step.stepMs;
  }
  if (values.length === 0) return null;
  return {
    peakPercent: Math.max(...values) * 100,
    p95Percent: percentile(values, 95) * 100,
    minutesAbove70: aboveMs / 60_000,
    resolution: coarsest([rx.resolution, tx.resolution]),
  };
}

/** Natural order, so 10.0.0.2 comes before 10.0.0.10 and eth2 before eth10. */
const byKey = (a: string, b: string): number => a.localeCompare(b, "en", { numeric: true });

type Keys = { service: string; serviceKeys: SeriesKey[]; backends: Map<string, SeriesKey[]> };

function groupKeys(keys: readonly SeriesKey[], scope: ReportScope): { services: Keys[]; nics: Map<string, SeriesKey[]> } {
  const services = new Map<string, Keys>();
  const nics = new Map<string, SeriesKey[]>();
  const serviceOf = (service: string): Keys => {
    let entry = services.get(service);
    if (!entry) services.set(service, (entry = { service, serviceKeys: [], backends: new Map() }));
    return entry;
  };
  for (const key of keys) {
    const s: SeriesSubject = key.subject;
    if (s.hostId !== scope.hostId) continue;
    if (s.kind === "nic") nics.set(s.nic, [...(nics.get(s.nic) ?? []), key]);
    if (s.kind !== "ipvs-service" && s.kind !== "ipvs-backend") continue;
    if (scope.service !== undefined && s.service !== scope.service) continue;
    const entry = serviceOf(s.service);
    if (s.kind === "ipvs-service") entry.serviceKeys.push(key);
    else entry.backends.set(s.backend, [...(entry.backends.get(s.backend) ?? []), key]);
  }
  const sorted = [...services.values()].sort((a, b) => byKey(a.service, b.service));
  return { services: sorted, nics };
}

const findKey = (keys: readonly SeriesKey[], metric: Metric): SeriesKey | undefined =>
  keys.find((key) => key.metric === metric);

export async function buildReport(history: HistoryQuery, options: ReportOptions): Promise<ReportDocument> {
  const { scope, range } = options;
  const chartPoints = options.chartPoints ?? DEFAULT_CHART_POINTS;
  const resolutions: Resolution[] = [];
  const chartResolutions: Resolution[] = [];
  const series: ReportSeries[] = [];

  const summaries = async (keys: readonly SeriesKey[]): Promise<Summaries> => {
    const out: Summaries = {};
    await Promise.all(
      TOTAL_FIELDS.map(async (field) => {
        const key = findKey(keys, field);
        const summary = key && (await history.counterSummary(key, range));
        if (summary) {
          out[field] = summary;
          resolutions.push(summary.resolution);
        }
      }),
    );
    return out;
  };
  const chart = async (keys: readonly SeriesKey[], metric: Metric, keep: boolean): Promise<SeriesAnswer | undefined> => {
    const key = findKey(keys, metric);
    if (!key) return undefined;
    const answer = await history.series({ key, range, points: chartPoints });
    if (keep) {
      chartResolutions.push(answer.resolution);
      series.push(reportSeries(answer));
    }
    return answer;
  };

  const grouped = groupKeys(await history.listSeries({ hostId: scope.hostId }), scope);
  const services: ServiceReport[] = [];
  for (const group of grouped.services) {
    const serviceSummaries = await summaries(group.serviceKeys);
    const serviceAnswers = new Map<Metric, SeriesAnswer | undefined>();
    for (const metric of SERVICE_CHART_METRICS) serviceAnswers.set(metric, await chart(group.serviceKeys, metric, true));

    const backendRows: Array<{ backend: string; summaries: Summaries; weight: ReturnType<typeof gaugeOf> }> = [];
    for (const [backend, keys] of [...group.backends.entries()].sort((a, b) => byKey(a[0], b[0]))) {
      const inScope = scope.backend === undefined || scope.backend === backend;
      const backendSummaries = await summaries(keys);
      let weightAnswer: SeriesAnswer | undefined;
      // Out of scope, only the weight is read (for the shares); in scope, every chart series.
      for (const metric of inScope ? BACKEND_CHART_METRICS : (["weight"] as const)) {
        const answer = await chart(keys, metric, inScope);
        if (metric === "weight") weightAnswer = answer;
      }
      backendRows.push({ backend, summaries: backendSummaries, weight: gaugeOf(weightAnswer) });
    }
    // Shares are against every backend of the service, also when the scope is one backend.
    const sum = (field: TotalField): bigint =>
      backendRows.reduce((acc, row) => acc + (row.summaries[field]?.total ?? 0n), 0n);
    const connsAll = sum("conns");
    const bytesAll = sum("inBytes") + sum("outBytes");
    const weightAll = backendRows.reduce((acc, row) => acc + (row.weight?.mean ?? 0), 0);
    const backends: BackendReport[] = backendRows
      .filter((row) => scope.backend === undefined || row.backend === scope.backend)
      .map((row) => {
        const bytes = (row.summaries.inBytes?.total ?? 0n) + (row.summaries.outBytes?.total ?? 0n);
        return {
          backend: row.backend,
          ...splitHostPort(row.backend),
          forward: options.forwardOf?.(group.service, row.backend) ?? null,
          weight: row.weight && { min: row.weight.min, max: row.weight.max, last: row.weight.last },
          totals: totalsOf(row.summaries),
          rates: ratesOf(row.summaries),
          basis: basisOf(row.summaries),
          share: {
            conns: share(row.summaries.conns?.total ?? 0n, connsAll),
            bytes: share(bytes, bytesAll),
            weight: row.weight && weightAll > 0 ? row.weight.mean / weightAll : null,
          },
        };
      });
    const active = gaugeOf(serviceAnswers.get("activeConns"));
    services.push({
      service: group.service,
      totals: totalsOf(serviceSummaries),
      rates: ratesOf(serviceSummaries),
      basis: basisOf(serviceSummaries),
      activeConns: active && { min: active.min, max: active.max, last: active.last },
      backends,
    });
  }

  const nics: NicReport[] = [];
  for (const [nic, keys] of [...grouped.nics.entries()].sort((a, b) => byKey(a[0], b[0]))) {
    for (const metric of NIC_CHART_METRICS) await chart(keys, metric, true);
    const rxKey = findKey(keys, "rxBytes");
    const txKey = findKey(keys, "txBytes");
    const speedKey = findKey(keys, "speedMbps");
    const points = Math.min(UTILISATION_POINTS_CAP, Math.max(chartPoints, Math.ceil((range.to - range.from) / 1000)));
    const fine = async (key: SeriesKey | undefined): Promise<SeriesAnswer | undefined> =>
      key && history.series({ key, range, points });
    const [rx, tx, speed] = await Promise.all([fine(rxKey), fine(txKey), fine(speedKey)]);
    const bits = async (key: SeriesKey | undefined): Promise<RateFigures> => {
      const s = key && (await history.counterSummary(key, range));
      if (!s) return ZERO_RATES;
      resolutions.push(s.resolution);
      return { peak: s.peakRate * 8, mean: s.meanRate * 8, p95: s.p95Rate * 8 };
    };
    const empty = (key: SeriesKey): SeriesAnswer => ({ key, resolution: "raw", points: [] });
    const anyKey = (rxKey ?? txKey ?? speedKey) as SeriesKey;
    nics.push({
      nic,
      speedMbps: speed?.points.at(-1)?.last ?? null,
      rxBitsPerSecond: await bits(rxKey),
      txBitsPerSecond: await bits(txKey),
      utilisation: utilisationOf(rx ?? empty(anyKey), tx ?? empty(anyKey), speed ?? empty(anyKey)),
    });
  }

  const events = (await history.events(range, scope.hostId)).sort((a, b) => a.at - b.at).map(reportEvent);
  const figures = coarsest(resolutions);
  return {
    schema: REPORT_SCHEMA,
    version: REPORT_VERSION,
    generatedAt: iso((options.now ?? Date.now)()),
    source: options.source,
    scope: { hostId: scope.hostId, service: scope.service ?? null, backend: scope.backend ?? null },
    range: { from: iso(range.from), to: iso(range.to) },
    resolution: { figures, fromRollups: figures !== "raw", charts: coarsest(chartResolutions) },
    services,
    nics,
    events,
    series,
  };
}

/** A report has data when any figure covers time or any chart has a step. */
export function reportHasData(report: ReportDocument): boolean {
  const covered = report.services.some(
    (s) => s.basis.coveredSeconds > 0 || s.backends.some((b) => b.basis.coveredSeconds > 0),
  );
  return covered || report.series.some((s) => s.points.some(([, value]) => value !== null));
}
