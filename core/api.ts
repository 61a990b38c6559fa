/**
 * The one typed contract between the core (behind Electron's main process or the browser-mode
 * server) and the renderer. Every request and event is a zod schema; the receiving side always
 * validates. Values are in their JSON form (DESIGN.md §3): u64 counters are decimal strings, so the
 * same payload crosses Electron IPC, a WebSocket and the CLI's --json output unchanged.
 *
 * The renderer imports only types from this file (and the names list), never the core behind it.
 */
import { z } from "zod";
import { HaproxyIntentWireSchema } from "./actions/haproxy/haproxy-intent-record.ts";
import { ActionIntentSchema, AuditEntrySchema, BackendStateSchema } from "./audit/audit-entry.ts";
import { ChangeEntrySchema } from "./audit/change-entry.ts";
import { AlertKindSchema, ApiErrorCodeSchema, ProblemCodeSchema, type ApiErrorCode } from "./api-codes.ts";

export {
  AlertKindSchema,
  ApiErrorCodeSchema,
  HandlerErrorCodeSchema,
  ProblemCodeSchema,
  type ApiErrorCode,
  type HandlerErrorCode,
  type ProblemCode,
} from "./api-codes.ts";
import {
  ApplyOutcomeSchema,
  CommandStatusSchema,
  GuardHitSchema,
  PlanWarningSchema,
  RefusalCodeSchema,
} from "./actions/action-codes.ts";

export {
  ApplyOutcomeSchema,
  CommandStatusSchema,
  GuardCodeSchema,
  RefusalCodeSchema,
  WarningCodeSchema,
  type GuardCode,
  type RefusalCode,
  type WarningCode,
} from "./actions/action-codes.ts";

/** A u64 counter as decimal text (never a JS number: busy directors pass 2^53). */
export const U64 = z.string().regex(/^\d{1,20}$/, "a decimal u64");

const counterField = z.enum(["conns", "inPkts", "outPkts", "inBytes", "outBytes"]);
export const CountersSchema = z.object({
  conns: U64,
  inPkts: U64,
  outPkts: U64,
  inBytes: U64,
  outBytes: U64,
  inexact: z.array(counterField).optional(),
});

const rateField = z.enum(["cps", "inPps", "outPps", "inBps", "outBps"]);
export const RatesSchema = z.object({
  cps: z.number(),
  inPps: z.number(),
  outPps: z.number(),
  inBps: z.number(),
  outBps: z.number(),
  inexact: z.array(rateField).optional(),
});

export const ForwardMethodSchema = z.enum([
  "masq",
  "route",
  "tunnel",
  "local",
  "bypass",
  "fullnat",
  "snat",
  "unknown",
]);

export const RealServerSchema = z.object({
  address: z.string(),
  port: z.number().int(),
  forward: ForwardMethodSchema,
  forwardRaw: z.string().optional(),
  weight: z.number().int(),
  activeConns: z.number().int(),
  inactiveConns: z.number().int(),
  persistConns: z.number().int().optional(),
  upperThreshold: z.number().int().optional(),
  lowerThreshold: z.number().int().optional(),
  tunnelInfo: z.string().optional(),
  stats: CountersSchema.optional(),
  rates: RatesSchema.optional(),
});

export const VirtualServiceSchema = z.object({
  protocol: z.enum(["tcp", "udp", "sctp", "fwmark"]),
  family: z.enum(["inet", "inet6"]),
  address: z.string().optional(),
  port: z.number().int().optional(),
  fwmark: z.number().int().optional(),
  scheduler: z.string(),
  persistent: z.number().optional(),
  netmask: z.string().optional(),
  pe: z.string().optional(),
  flags: z.array(z.string()),
  stats: CountersSchema.optional(),
  rates: RatesSchema.optional(),
  realServers: z.array(RealServerSchema),
});

export const NicSampleSchema = z.object({
  name: z.string(),
  rxBytes: U64,
  rxPackets: U64,
  rxErrors: U64,
  rxDrops: U64,
  txBytes: U64,
  txPackets: U64,
  txErrors: U64,
  txDrops: U64,
  speedMbps: z.number().optional(),
});

export const ProblemSchema = z.object({
  code: ProblemCodeSchema,
  message: z.string(),
  /** SHA256:... of the presented host key, for unknown-hostkey and hostkey-changed. */
  fingerprint: z.string().optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const SessionPhaseSchema = z.enum(["idle", "connecting", "ready", "retrying", "failed", "closed"]);
export const SessionStateSchema = z.object({
  phase: SessionPhaseSchema,
  /** Epoch ms of the next attempt, when retrying. */
  retryAt: z.number().optional(),
  problem: ProblemSchema.optional(),
});
export type SessionState = z.infer<typeof SessionStateSchema>;

export const HostSummarySchema = z.object({
  id: z.string(),
  label: z.string(),
  /** "demo" hosts are simulated in-process and always marked as such in the UI. */
  kind: z.enum(["demo", "ssh"]),
  production: z.boolean(),
  state: SessionStateSchema,
});
export type HostSummary = z.infer<typeof HostSummarySchema>;

export const HaproxyRowSchema = z.object({
  proxy: z.string(),
  name: z.string(),
  type: z.enum(["frontend", "backend", "server", "listener"]),
  status: z.string(),
  sessions: z.number(),
  totalSessions: U64,
  bytesIn: U64,
  bytesOut: U64,
  weight: z.number().optional(),
  checkStatus: z.string().optional(),
  /** Sessions per second and bytes per second from the last two frames. */
  sessionRate: z.number().optional(),
  inBps: z.number().optional(),
  outBps: z.number().optional(),
});

export const SectionProblemSchema = z.object({
  section: z.string(),
  kind: z.enum(["command-failed", "parse-failed"]),
  rc: z.number().optional(),
  line: z.number().optional(),
  message: z.string(),
});

export const VrrpSummarySchema = z.object({
  running: z.boolean(),
  instances: z.array(
    z.object({
      name: z.string(),
      state: z.string(),
      priority: z.number().optional(),
      effectivePriority: z.number().optional(),
      virtualIps: z.array(z.string()),
    }),
  ),
});

export const HostSnapshotSchema = z.object({
  hostId: z.string(),
  /** Epoch ms on the console's clock when the frame was read. */
  at: z.number(),
  /** Sequence number of the frame from the host's sampling loop. */
  sequence: z.number().int(),
  stale: z.boolean(),
  services: z.array(VirtualServiceSchema),
  nics: z.array(NicSampleSchema),
  /** Per-NIC rates in bytes/s, keyed by NIC name, when two frames were seen. */
  nicRates: z
    .record(
      z.string(),
      z.object({
        rxBps: z.number(),
        txBps: z.number(),
        /** Share of the link speed in bits (0..1+), when the speed is known. */
        rxUtilisation: z.number().optional(),
        txUtilisation: z.number().optional(),
      }),
    )
    .optional(),
  /** Where the IPVS table came from: ipvsadm (with counters) or /proc/net/ip_vs (no counters). */
  ipvsSource: z.enum(["ipvsadm", "proc"]).optional(),
  haproxy: z.array(HaproxyRowSchema).optional(),
  vrrp: VrrpSummarySchema.optional(),
  /** Sections of the frame that failed; the rest of the snapshot still holds. */
  problems: z.array(SectionProblemSchema),
});
export type HostSnapshot = z.infer<typeof HostSnapshotSchema>;

export const AppInfoSchema = z.object({
  version: z.string(),
  carrier: z.enum(["electron", "browser"]),
  /** True while the built-in demo cluster is the only thing shown. */
  demo: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

const unknownOr = z.union([z.number(), z.literal("unknown")]);

/** An action plan as the preview shows it (core/actions/action-plan.ts), under an id to apply it by. */
export const PlanViewSchema = z.object({
  planId: z.string(),
  hostId: z.string(),
  intent: ActionIntentSchema,
  service: z.string(),
  backend: z.string(),
  /** The exact remote commands, as the shell will receive them. */
  commands: z.array(z.string()),
  before: BackendStateSchema,
  expectedAfter: BackendStateSchema,
  predictions: z.array(
    z.object({
      backend: z.string(),
      weightAfter: z.number(),
      share: unknownOr,
      cps: unknownOr,
      connections: unknownOr,
      inBps: unknownOr,
      outBps: unknownOr,
      capacity: z.number().optional(),
    }),
  ),
  warnings: z.array(PlanWarningSchema),
  confirmedGuards: z.array(GuardHitSchema),
});
export type PlanView = z.infer<typeof PlanViewSchema>;

const PlanRefusalSchema = z.object({
  ok: z.literal(false),
  refusal: z.object({
    code: RefusalCodeSchema,
    message: z.string(),
    /** For confirmation-required: type this (the service key, `haproxy:BACKEND`) to lift the guards. */
    confirmText: z.string().optional(),
    guards: z.array(GuardHitSchema).optional(),
  }),
});

export const PlanReplySchema = z.union([
  z.object({ ok: z.literal(true), plan: PlanViewSchema }),
  PlanRefusalSchema,
]);
export type PlanReply = z.infer<typeof PlanReplySchema>;

const HaproxyAdminSchema = z.enum(["ready", "drain", "maint"]);

/**
 * An HAProxy runtime plan as the preview shows it (core/actions/haproxy/plan-haproxy-action.ts),
 * under an id that applyAction takes like an IPVS plan's. Runtime changes live in HAProxy's memory.
 */
export const HaproxyPlanViewSchema = z.object({
  family: z.literal("haproxy"),
  planId: z.string(),
  hostId: z.string(),
  intent: HaproxyIntentWireSchema,
  /** The admin socket the command goes to. */
  socket: z.string(),
  /** The remote command that carries it, as the shell receives it; the runtime command is its stdin. */
  transport: z.string(),
  /** The exact runtime commands sent on the socket. */
  commands: z.array(z.string()),
  before: z.object({
    admin: HaproxyAdminSchema,
    weight: z.number().int(),
    sessions: z.number().int(),
    agentControlled: z.boolean(),
  }),
  expectedAfter: z.object({ admin: HaproxyAdminSchema, weight: z.number().int() }),
  warnings: z.array(PlanWarningSchema),
  confirmedGuards: z.array(GuardHitSchema),
});
export type HaproxyPlanView = z.output<typeof HaproxyPlanViewSchema>;

export const HaproxyPlanReplySchema = z.union([
  z.object({ ok: z.literal(true), plan: HaproxyPlanViewSchema }),
  PlanRefusalSchema,
]);
export type HaproxyPlanReply = z.output<typeof HaproxyPlanReplySchema>;

export const ActionResultSchema = z.object({
  outcome: ApplyOutcomeSchema,
  message: z.string(),
  /** Why, when the outcome is "refused" (nothing was run). */
  refusal: RefusalCodeSchema.optional(),
  commands: z.array(z.object({ shell: z.string(), status: CommandStatusSchema })),
  /** The audit entry written for this action (undo takes it). */
  auditId: z.string().optional(),
});
export type ActionResult = z.infer<typeof ActionResultSchema>;

export type AuditEntryView = z.infer<typeof AuditEntrySchema>;

/** One line of the audit log: an IPVS entry, or a change entry told apart by its `type` (HAProxy, config edit, failover). */
export const AuditRecordSchema = z.union([AuditEntrySchema, ChangeEntrySchema]);
export type AuditRecordView = z.infer<typeof AuditRecordSchema>;
export type ChangeEntryView = z.infer<typeof ChangeEntrySchema>;

const empty = z.object({}).strict();
const hostRef = z.object({ hostId: z.string().min(1).max(200) }).strict();

/**
 * An ssh alias as ~/.ssh/config names it (the host's id once added). It never begins with "-": a
 * word like "-oProxyCommand=..." is an option to OpenSSH, and no Host line names one. The only
 * alias validator: the CLI (cli/host-session.ts), the API and hosts.json all use this schema.
 */
export const HostAliasSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9_.@:][A-Za-z0-9_.@:%+-]{0,252}$/,
    'an ssh host alias (letters, digits, . _ - @ : % +, not beginning with "-")',
  );

/** What a host's SSH login is waiting for from the operator; the answer goes back by promptId. */
export const CredentialRequestSchema = z.object({
  promptId: z.string(),
  hostId: z.string(),
  kind: z.enum(["passphrase-needed", "password-needed"]),
  /** The encrypted key file, for passphrase-needed. */
  keyFile: z.string().optional(),
  /** `user@host:port` of the hop asking (a jump host may be the one asking). */
  destination: z.string(),
  /** 1 on the first ask; more after a wrong answer. */
  attempt: z.number().int(),
});
export type CredentialRequest = z.infer<typeof CredentialRequestSchema>;

export const HostListSchema = z.object({
  hosts: z.array(HostSummarySchema),
  /** True while the built-in demo cluster is what is shown. */
  demo: z.boolean(),
});
export type HostList = z.infer<typeof HostListSchema>;

// History and reports (core/history/history-query.ts is the one read interface behind these).

const hostIdField = z.string().min(1).max(200);
const subjectText = z.string().min(1).max(300);

/** What a history series belongs to (core/history/series-key.ts's SeriesSubject). */
export const SeriesSubjectSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("ipvs-service"), hostId: hostIdField, service: subjectText }).strict(),
  z
    .object({ kind: z.literal("ipvs-backend"), hostId: hostIdField, service: subjectText, backend: subjectText })
    .strict(),
  z.object({ kind: z.literal("nic"), hostId: hostIdField, nic: subjectText }).strict(),
  z.object({ kind: z.literal("haproxy"), hostId: hostIdField, proxy: subjectText, name: subjectText }).strict(),
  z.object({ kind: z.literal("nginx"), hostId: hostIdField }).strict(),
  z.object({ kind: z.literal("vrrp"), hostId: hostIdField, instance: subjectText }).strict(),
]);

/** The metrics of series-key.ts: counters (cumulative, exact) then gauges. */
export const MetricSchema = z.enum([
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
  "activeConns",
  "inactiveConns",
  "weight",
  "speedMbps",
  "sessions",
  "active",
  "reading",
  "writing",
  "waiting",
  "master",
  "priority",
]);

export const SeriesKeySchema = z.object({ subject: SeriesSubjectSchema, metric: MetricSchema }).strict();

/** raw: each sample as recorded; 1m and 1h: rollups (a figure from these says so). */
export const ResolutionSchema = z.enum(["raw", "1m", "1h"]);

/** Epoch ms UTC, from before to. */
export const TimeRangeSchema = z
  .object({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative() })
  .strict()
  .refine((range) => range.from < range.to, "from must be before to");

/** One step of a series (history-query.ts's SeriesPoint); a counter's delta is a decimal u64. */
export const SeriesPointSchema = z.object({
  at: z.number(),
  stepMs: z.number(),
  min: z.number(),
  max: z.number(),
  mean: z.number(),
  last: z.number(),
  delta: U64.optional(),
  rate: z.number().optional(),
});

export const SeriesAnswerSchema = z.object({
  key: SeriesKeySchema,
  resolution: ResolutionSchema,
  points: z.array(SeriesPointSchema),
});
export type SeriesAnswerView = z.infer<typeof SeriesAnswerSchema>;

export const CounterSummarySchema = z.object({
  key: SeriesKeySchema,
  resolution: ResolutionSchema,
  total: U64,
  resets: z.number().int(),
  peakRate: z.number(),
  meanRate: z.number(),
  p95Rate: z.number(),
  coveredMs: z.number(),
});

export const HistoryEventSchema = z.object({
  hostId: z.string(),
  kind: z.enum(["action", "vrrp-transition", "drift-alert", "gap"]),
  at: z.number(),
  end: z.number().optional(),
  summary: z.string(),
  who: z.string().optional(),
  before: z.string().optional(),
  after: z.string().optional(),
  auditId: z.string().optional(),
  reason: z.enum(["host-unreachable", "sampler-restarted", "counters-reset", "recorder-stopped"]).optional(),
});
export type HistoryEventView = z.infer<typeof HistoryEventSchema>;

/**
 * What history is there to read for a host: the operator's local store, or the demo's simulated
 * week (source "demo", never written anywhere). `writing` is the store's: "not-writing" with the
 * reason when the disk is full, the folder read-only or another Fulcrum records it.
 */
export const HistoryStatusSchema = z.object({
  source: z.enum(["local-store", "demo"]),
  hosts: z.array(z.object({ hostId: z.string(), from: z.number(), to: z.number(), series: z.number().int() })),
  bytesOnDisk: z.number(),
  writing: z.object({ state: z.enum(["writing", "not-writing"]), reason: z.string().optional() }),
});
export type HistoryStatus = z.infer<typeof HistoryStatusSchema>;

export const ReportFormatSchema = z.enum(["csv", "json", "html", "pdf"]);
export type ReportFormat = z.infer<typeof ReportFormatSchema>;

const exportIdField = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "an export id (letters, digits, _ -)");

/**
 * A report for a host, or one service of it, or one backend of that service, over a range.
 * purpose "preview": the HTML comes back to the page whatever the format. purpose "export": the
 * file comes back to the page (browser mode downloads it) or, in the desktop app, main asks where
 * to save it and writes it there.
 */
export const ExportReportRequestSchema = z
  .object({
    exportId: exportIdField,
    hostId: hostIdField,
    service: subjectText.optional(),
    backend: subjectText.optional(),
    range: TimeRangeSchema,
    format: ReportFormatSchema,
    purpose: z.enum(["export", "preview"]),
  })
  .strict()
  .refine((request) => request.backend === undefined || request.service !== undefined, "a backend needs its service");

export const ExportReportReplySchema = z.object({
  /** A file name to offer: host, scope and range in it. */
  fileName: z.string(),
  mimeType: z.string(),
  bytes: z.number().int(),
  /** Where the file went: back to the page (content below), saved by main, or the save was declined. */
  delivered: z.enum(["page", "saved", "not-saved"]),
  /** utf8 for csv/json/html, base64 for pdf; only when delivered to the page. */
  content: z.string().optional(),
  encoding: z.enum(["utf8", "base64"]).optional(),
  savedTo: z.string().optional(),
  /** The coarsest resolution the report's figures came from (raw means exact from samples). */
  figures: ResolutionSchema,
});
export type ExportReportReply = z.infer<typeof ExportReportReplySchema>;

export const ReportExportProgressSchema = z.object({
  exportId: z.string(),
  /** reading history, then writing the file (PDF: printing). */
  phase: z.enum(["reading", "writing"]),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});

/** Requests: intents the renderer asks of the core, each with its reply. */
export const apiRequests = {
  getAppInfo: { request: empty, reply: AppInfoSchema },
  listHosts: { request: empty, reply: z.array(HostSummarySchema) },
  getSnapshot: { request: hostRef, reply: HostSnapshotSchema.nullable() },
  planAction: {
    request: z
      .object({
        hostId: z.string().min(1).max(200),
        intent: ActionIntentSchema,
        confirmation: z.string().max(200).optional(),
      })
      .strict(),
    reply: PlanReplySchema,
  },
  applyAction: {
    request: z.object({ hostId: z.string().min(1).max(200), planId: z.string().min(1).max(100) }).strict(),
    reply: ActionResultSchema,
  },
  undoAction: {
    request: z.object({ hostId: z.string().min(1).max(200), auditId: z.string().min(1).max(100) }).strict(),
    reply: ActionResultSchema,
  },
  listAudit: {
    request: z.object({ hostId: z.string().min(1).max(200).optional() }).strict(),
    reply: z.array(AuditRecordSchema),
  },
  /** Plan an HAProxy server's state or weight change; applyAction and undoAction then take it like any plan. */
  planHaproxyAction: {
    request: z
      .object({
        hostId: z.string().min(1).max(200),
        intent: HaproxyIntentWireSchema,
        confirmation: z.string().max(200).optional(),
      })
      .strict(),
    reply: HaproxyPlanReplySchema,
  },
  /** Follow a host by its ~/.ssh/config alias; kept in the data folder's host list. */
  addHost: {
    request: z.object({ alias: HostAliasSchema, production: z.boolean() }).strict(),
    reply: HostSummarySchema,
  },
  /** Stop following a host and forget it (its audit entries stay). */
  removeHost: { request: hostRef, reply: z.object({ removed: z.boolean() }) },
  /**
   * The operator checked the fingerprint a host presented (unknown-hostkey) and trusts it: recorded
   * in Fulcrum's trust store, then the host connects. A changed key is never accepted this way.
   */
  trustHostKey: {
    request: z
      .object({ hostId: z.string().min(1).max(200), fingerprint: z.string().min(1).max(200) })
      .strict(),
    reply: SessionStateSchema,
  },
  /** Try a failed host again (after fixing a key, sudo or the network). */
  retryHost: { request: hostRef, reply: SessionStateSchema },
  /** Prompts still waiting for an answer (for a console opened after they were asked). */
  listCredentialRequests: { request: empty, reply: z.array(CredentialRequestSchema) },
  /** Answer a credentialRequested prompt; no secret means "skip this key / give up on passwords". */
  answerCredential: {
    request: z
      .object({ promptId: z.string().min(1).max(100), secret: z.string().max(4096).optional() })
      .strict(),
    reply: z.object({ accepted: z.boolean() }),
  },
  /** What history there is for a host (the demo's simulated week for a demo host) and whether it is written now. */
  historyStatus: { request: hostRef, reply: HistoryStatusSchema },
  /** HistoryQuery.listSeries: the series recorded for a host, optionally of one subject kind. */
  historyListSeries: {
    request: z
      .object({ hostId: hostIdField, kind: z.enum(["ipvs-service", "ipvs-backend", "nic", "haproxy", "nginx", "vrrp"]).optional() })
      .strict(),
    reply: z.array(SeriesKeySchema),
  },
  /** HistoryQuery.series for a few series at once (one chart), each at about `points` steps. */
  historySeries: {
    request: z
      .object({
        hostId: hostIdField,
        range: TimeRangeSchema,
        points: z.number().int().min(2).max(5000),
        keys: z.array(SeriesKeySchema).min(1).max(64),
      })
      .strict()
      // The host picks the history (demo or the store): a key of another host is refused, not answered from elsewhere.
      .refine((request) => request.keys.every((key) => key.subject.hostId === request.hostId), "every key is of hostId"),
    reply: z.array(SeriesAnswerSchema),
  },
  /** HistoryQuery.counterSummary: exact total, resets, peak/mean/p95 rate of one counter over a range. */
  historyCounterSummary: {
    request: z
      .object({ hostId: hostIdField, key: SeriesKeySchema, range: TimeRangeSchema })
      .strict()
      .refine((request) => request.key.subject.hostId === request.hostId, "the key is of hostId"),
    reply: CounterSummarySchema.nullable(),
  },
  /** HistoryQuery.events: actions, VRRP transitions, drift alerts and gaps of a host in a range. */
  historyEvents: {
    request: z.object({ hostId: hostIdField, range: TimeRangeSchema }).strict(),
    reply: z.array(HistoryEventSchema),
  },
  /** Build a report from history (core/report) and hand it over; progress comes as reportExportProgressed. */
  exportReport: { request: ExportReportRequestSchema, reply: ExportReportReplySchema },
  /** Stop an export in flight; it then fails with export-cancelled and writes nothing. */
  cancelReportExport: {
    request: z.object({ exportId: exportIdField }).strict(),
    reply: z.object({ cancelled: z.boolean() }),
  },
} as const;

/** Events: facts the core pushes to the renderer, in the past tense. */
export const apiEvents = {
  hostStateChanged: z.object({ hostId: z.string(), state: SessionStateSchema }),
  sampleReceived: HostSnapshotSchema,
  auditAppended: AuditRecordSchema,
  /** Hosts were added or removed (or the demo cluster came or went). */
  hostsChanged: HostListSchema,
  /** A login is waiting for a passphrase or password; answer with answerCredential. */
  credentialRequested: CredentialRequestSchema,
  /** A prompt is over (answered here or elsewhere, expired, or its host went away): close its dialog. */
  credentialSettled: z.object({ promptId: z.string(), how: z.enum(["answered", "expired", "cancelled"]) }),
  /** A backend Fulcrum changed was changed again by someone else (keepalived, an agent, an operator). */
  alertRaised: z.object({
    hostId: z.string(),
    at: z.number(),
    kind: AlertKindSchema,
    service: z.string(),
    backend: z.string(),
    message: z.string(),
  }),
  /** An export in flight moved on (exportReport). */
  reportExportProgressed: ReportExportProgressSchema,
} as const;

export type ApiRequests = typeof apiRequests;
export type RequestName = keyof ApiRequests;
export type RequestOf<N extends RequestName> = z.input<ApiRequests[N]["request"]>;
export type ReplyOf<N extends RequestName> = z.output<ApiRequests[N]["reply"]>;
export type ApiEvents = typeof apiEvents;
export type EventName = keyof ApiEvents;
export type EventOf<N extends EventName> = z.output<ApiEvents[N]>;

export const REQUEST_NAMES = Object.keys(apiRequests) as RequestName[];
export const EVENT_NAMES = Object.keys(apiEvents) as EventName[];

/** What `window.fulcrum` offers the renderer, whichever carrier is behind it. */
export type FulcrumApi = {
  [N in RequestName]: (request: RequestOf<N>) => Promise<ReplyOf<N>>;
} & {
  on<N extends EventName>(event: N, listener: (payload: EventOf<N>) => void): () => void;
};

/** The error half of the reply envelope, as it crosses a carrier (codes: core/api-codes.ts). */
export const ApiErrorSchema = z.object({ code: ApiErrorCodeSchema, message: z.string() }).strict();
export type ApiError = { code: ApiErrorCode; message: string };

/** Reply envelope on carriers that cannot throw across the boundary. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };
