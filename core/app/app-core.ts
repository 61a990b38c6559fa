/**
 * The application behind both carriers (Electron IPC and browser mode): the hosts it follows and
 * the API handlers over them. The demo cluster is shown when no real host is followed, and it is
 * always marked demo; its actions are audited in a log of their own, never in the operator's.
 * Real hosts come from the operator's saved host list (added from the console) and from the
 * command line (this run only).
 */
import type { ActionResult, AppInfo, PlanReply } from "../api.ts";
import type { AuditLog } from "../audit/audit-log.ts";
import type { ApiHandlers } from "../carrier/api-handlers.ts";
import { HandlerError } from "../carrier/handler-error.ts";
import type { EventHub } from "../carrier/event-hub.ts";
import { problemError } from "../ssh/problem.ts";
import type { CredentialPrompts } from "../ssh/credentials.ts";
import { CredentialBroker } from "./credential-broker.ts";
import type { HostInventory } from "./host-inventory.ts";
import { HostSet } from "./host-set.ts";
import { auditRecords } from "./host-action-routes.ts";
import { haproxyIntentOf } from "../actions/haproxy/haproxy-intent-record.ts";
import type { MonitoredHost } from "./monitored-host.ts";
import type { HistoryQuery } from "../history/history-query.ts";
import type { PdfPrinter } from "../report/pdf-printer.ts";
import { createDemoHistory } from "../sim/demo-history.ts";
import { createHistoryHandlers, type RealHistory } from "./history-handlers.ts";
import type { ReportDelivery } from "./report-export.ts";

/** How the console opens a real host by its ~/.ssh/config alias (no connection is made yet). */
export type OpenRealHost = (
  alias: string,
  production: boolean,
  prompts: CredentialPrompts,
) => Promise<MonitoredHost>;

export interface HostSetup {
  /** Where hosts added from the console are kept across launches. */
  inventory: HostInventory;
  open: OpenRealHost;
  /** Hosts followed for this run only (the command line's --host), not saved. */
  transient?: Array<{ alias: string; production: boolean }>;
}

export interface AppCoreOptions {
  info: Pick<AppInfo, "version" | "carrier">;
  events: EventHub;
  /** Hosts already opened (tests); with none and nothing in the setup, the demo cluster is shown. */
  hosts: MonitoredHost[];
  /** Without it the console cannot add hosts (addHost is refused). */
  setup?: HostSetup;
  /** The operator's audit log (the real hosts' actions). */
  audit?: AuditLog;
  demoIntervalSeconds?: number;
  /** The operator's history (the recorder's store); without it only the demo has history. */
  history?: RealHistory;
  /** How reports become PDFs here (Electron's printToPDF; Chromium for browser mode). */
  pdfPrinter?: PdfPrinter;
  /** The desktop app's save dialog for exports; without it the page receives the file. */
  deliverReport?: ReportDelivery;
}

export interface AppCore {
  handlers: ApiHandlers;
  /** Opens the saved and transient hosts (the demo goes if there are any) and starts sampling. */
  start(): Promise<void>;
  stop(): void;
  /** A host the operator follows (not a demo host): what history records and metrics export. */
  isRealHost(hostId: string): boolean;
}

const noActions = (hostId: string): string =>
  `no actions for host ${hostId} (unknown host, or a host without any)`;

export function createAppCore(options: AppCoreOptions): AppCore {
  const { events, setup } = options;
  const hosts = new HostSet({ events, demoIntervalSeconds: options.demoIntervalSeconds ?? 2 }, options.hosts);
  const credentials = new CredentialBroker({
    onRequested: (request) => events.emit("credentialRequested", request),
    onSettled: (settled) => events.emit("credentialSettled", settled),
  });
  const refusedResult = (hostId: string): ActionResult => ({
    outcome: "refused",
    refusal: "family-unavailable",
    message: noActions(hostId),
    commands: [],
  });
  const noFamily = (hostId: string) =>
    ({ ok: false, refusal: { code: "family-unavailable", message: noActions(hostId) } }) as const;
  const auditLog = () => hosts.demoAudit ?? options.audit;
  // The demo's simulated week, computed on request (never written to the operator's store).
  let demoHistory: HistoryQuery | undefined;
  const historyHandlers = createHistoryHandlers({
    events,
    isDemoHost: (hostId) => hosts.get(hostId)?.summary.kind === "demo",
    demo: () => (demoHistory ??= createDemoHistory({ startedAt: Date.now() })),
    ...(options.history ? { real: options.history } : {}),
    ...(options.pdfPrinter ? { pdfPrinter: options.pdfPrinter } : {}),
    ...(options.deliverReport ? { deliver: options.deliverReport } : {}),
  });

  async function follow(alias: string, production: boolean): Promise<MonitoredHost> {
    if (!setup)
      throw new HandlerError(
        "no-host-list",
        "this console was started without a host list; it cannot add hosts",
      );
    if (hosts.hasReal(alias)) throw new HandlerError("already-followed", `${alias} is already followed`);
    const host = await setup.open(alias, production, credentials.promptsFor(alias));
    hosts.addReal(host);
    return host;
  }

  function realHost(hostId: string) {
    const connection = hosts.get(hostId)?.connection;
    if (!connection) throw problemError("not-found", `${hostId} is not a real host of this console`);
    return connection;
  }

  return {
    handlers: {
      getAppInfo: async () => ({ ...options.info, demo: hosts.demo }),
      listHosts: async () => hosts.list().hosts,
      getSnapshot: async ({ hostId }) => hosts.get(hostId)?.monitor.latest ?? null,
      planAction: async ({ hostId, intent, confirmation }): Promise<PlanReply> =>
        (await hosts.get(hostId)?.actions?.planIpvs(intent, confirmation)) ?? noFamily(hostId),
      planHaproxyAction: async ({ hostId, intent, confirmation }) =>
        (await hosts.get(hostId)?.actions?.planHaproxy(haproxyIntentOf(intent), confirmation)) ??
        noFamily(hostId),
      applyAction: async ({ hostId, planId }) =>
        (await hosts.get(hostId)?.actions?.apply(planId)) ?? refusedResult(hostId),
      undoAction: async ({ hostId, auditId }) =>
        (await hosts.get(hostId)?.actions?.undo(auditId)) ?? refusedResult(hostId),
      listAudit: async ({ hostId }) => auditRecords(auditLog(), hostId),
      addHost: async ({ alias, production }) => {
        const host = await follow(alias, production);
        // Saved only once it opened: a typo in the alias is not remembered.
        await setup?.inventory.add(alias, production);
        return host.summary;
      },
      removeHost: async ({ hostId }) => {
        if (!hosts.hasReal(hostId)) return { removed: false };
        credentials.cancelHost(hostId);
        hosts.removeReal(hostId);
        await setup?.inventory.remove(hostId);
        return { removed: true };
      },
      trustHostKey: async ({ hostId, fingerprint }) => realHost(hostId).trustHostKey(fingerprint),
      retryHost: async ({ hostId }) => realHost(hostId).retry(),
      listCredentialRequests: async () => credentials.pending(),
      answerCredential: async ({ promptId, secret }) => ({ accepted: credentials.answer(promptId, secret) }),
      ...historyHandlers,
    },
    isRealHost: (hostId) => hosts.hasReal(hostId),
    start: async () => {
      if (setup) {
        const saved = await setup.inventory.load();
        for (const entry of [...saved, ...(setup.transient ?? [])]) {
          if (!hosts.hasReal(entry.alias)) await follow(entry.alias, entry.production);
        }
      }
      hosts.start();
    },
    stop: () => {
      credentials.cancelAll();
      hosts.stop();
    },
  };
}
