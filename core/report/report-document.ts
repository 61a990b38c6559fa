/**
 * The traffic report as data: one versioned JSON document (docs/reports.md describes every field)
 * that the CSV, HTML and PDF writers all render, so the four formats can never disagree.
 * Counter totals are u64 decimal strings (core/api.ts's U64, as `fulcrum snapshot --json` writes
 * them); rates are numbers per second; times are ISO 8601 UTC.
 */
import { z } from "zod";
import { U64 } from "../api.ts";

export const REPORT_SCHEMA = "fulcrum-traffic-report";
export const REPORT_VERSION = 1;

const IsoTime = z.iso.datetime();
const Resolution = z.enum(["raw", "1m", "1h"]);

/** Where the figures were read: the local node:sqlite store, a Prometheus server, or the demo cluster's simulated week (core/sim/demo-history.ts). */
export const ReportSource = z.enum(["local store", "prometheus", "demo"]);
export type ReportSource = z.infer<typeof ReportSource>;

/** The five IPVS counters, summed over the range with resets accounted for. */
export const CounterTotals = z.object({
  conns: U64,
  inPkts: U64,
  outPkts: U64,
  inBytes: U64,
  outBytes: U64,
});
export type CounterTotals = z.infer<typeof CounterTotals>;
export const TOTAL_FIELDS = ["conns", "inPkts", "outPkts", "inBytes", "outBytes"] as const;
export type TotalField = (typeof TOTAL_FIELDS)[number];

/** Per-second rates of one counter over the range. */
export const RateFigures = z.object({ peak: z.number(), mean: z.number(), p95: z.number() });
export type RateFigures = z.infer<typeof RateFigures>;

/** Rates of the five counters (conns/s, packets/s, bytes/s). */
export const CounterRates = z.object({
  conns: RateFigures,
  inPkts: RateFigures,
  outPkts: RateFigures,
  inBytes: RateFigures,
  outBytes: RateFigures,
});
export type CounterRates = z.infer<typeof CounterRates>;

/** What the figures of one subject were computed from. */
export const FigureBasis = z.object({
  /** The coarsest resolution any of its figures came from ("raw" = exact from raw samples). */
  resolution: Resolution,
  /** Counter resets seen in the range (ipvsadm -Z, reboot, backend removed and added back). */
  resets: z.number().int().nonnegative(),
  /** Seconds of the range the subject has data for (the range minus gaps). */
  coveredSeconds: z.number().nonnegative(),
});

export const GaugeFigures = z.object({ min: z.number(), max: z.number(), last: z.number() });

export const BackendReport = z.object({
  /** "address:port" as formatHostPort writes it (IPv6 in brackets). */
  backend: z.string(),
  address: z.string(),
  port: z.number().int().min(0).max(65535),
  /** The forward method when the caller knew it (history does not record it); null otherwise. */
  forward: z.string().nullable(),
  /** The weight over the range; null when no weight was recorded. */
  weight: GaugeFigures.nullable(),
  totals: CounterTotals,
  rates: CounterRates,
  basis: FigureBasis,
  /** This backend's share of the service's connections and bytes (0..1), and of its mean weight. */
  share: z.object({
    conns: z.number().nullable(),
    bytes: z.number().nullable(),
    weight: z.number().nullable(),
  }),
});
export type BackendReport = z.infer<typeof BackendReport>;

export const ServiceReport = z.object({
  /** The service's key as the CLI takes it ("203.0.113.80:80", "udp:...", "fwm:1"). */
  service: z.string(),
  totals: CounterTotals,
  rates: CounterRates,
  basis: FigureBasis,
  activeConns: GaugeFigures.nullable(),
  backends: z.array(BackendReport),
});
export type ServiceReport = z.infer<typeof ServiceReport>;

export const NicReport = z.object({
  nic: z.string(),
  /** Link speed in Mbit/s (the last recorded); null when the host does not know it. */
  speedMbps: z.number().nullable(),
  /** Bits per second, receive and transmit. */
  rxBitsPerSecond: RateFigures,
  txBitsPerSecond: RateFigures,
  /** Utilisation = max(rx, tx) bits/s over link speed, per chart step; null without a link speed. */
  utilisation: z
    .object({
      peakPercent: z.number(),
      p95Percent: z.number(),
      /** Minutes of the range in steps above 70 % (exact at raw resolution; step means from rollups). */
      minutesAbove70: z.number(),
      resolution: Resolution,
    })
    .nullable(),
});
export type NicReport = z.infer<typeof NicReport>;

export const ReportEvent = z.object({
  kind: z.enum(["action", "vrrp-transition", "drift-alert", "gap"]),
  at: IsoTime,
  end: IsoTime.nullable(),
  summary: z.string(),
  who: z.string().nullable(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  auditId: z.string().nullable(),
  reason: z.enum(["host-unreachable", "sampler-restarted", "counters-reset", "recorder-stopped"]).nullable(),
});
export type ReportEvent = z.infer<typeof ReportEvent>;

/** One step of a chart series: its start, and the value (null = a gap: draw nothing there). */
export const ReportPoint = z.tuple([IsoTime, z.number().nullable()]);

export const ReportSeries = z.object({
  /** The series' key text (core/history/series-key.ts's seriesKeyText). */
  id: z.string(),
  subject: z.enum(["ipvs-service", "ipvs-backend", "nic"]),
  service: z.string().nullable(),
  backend: z.string().nullable(),
  nic: z.string().nullable(),
  metric: z.string(),
  /** What `value` is: a counter's rate per second ("bytes/s") or a gauge's mean over the step. */
  unit: z.string(),
  resolution: Resolution,
  stepSeconds: z.number().positive(),
  points: z.array(ReportPoint),
});
export type ReportSeries = z.infer<typeof ReportSeries>;

export const ReportDocument = z.object({
  schema: z.literal(REPORT_SCHEMA),
  version: z.literal(REPORT_VERSION),
  generatedAt: IsoTime,
  source: ReportSource,
  scope: z.object({ hostId: z.string(), service: z.string().nullable(), backend: z.string().nullable() }),
  range: z.object({ from: IsoTime, to: IsoTime }),
  /** The coarsest resolution of any figure, and whether any figure came from rollups. */
  resolution: z.object({ figures: Resolution, fromRollups: z.boolean(), charts: Resolution }),
  services: z.array(ServiceReport),
  nics: z.array(NicReport),
  events: z.array(ReportEvent),
  series: z.array(ReportSeries),
});
export type ReportDocument = z.infer<typeof ReportDocument>;
