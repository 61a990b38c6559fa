/**
 * The application behind both carriers (Electron IPC and browser mode): the hosts it follows and
 * the API handlers over them. The demo cluster is shown when no real host is configured, and it is
 * always marked demo; its actions are audited in a log of their own, never in the operator's.
 */
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ActionResult, AppInfo, PlanReply } from "../api.ts";
import { AuditLog } from "../audit/audit-log.ts";
import type { ApiHandlers } from "../carrier/api-handlers.ts";
import type { EventHub } from "../carrier/event-hub.ts";
import { createDemoHosts } from "./demo-hosts.ts";
import type { MonitoredHost } from "./monitored-host.ts";

export interface AppCoreOptions {
  info: Pick<AppInfo, "version" | "carrier">;
  events: EventHub;
  /** Real hosts; when empty, the demo cluster is shown instead. */
  hosts: MonitoredHost[];
  /** The operator's audit log (the real hosts' actions). */
  audit?: AuditLog;
  demoIntervalSeconds?: number;
}

export interface AppCore {
  handlers: ApiHandlers;
  start(): void;
  stop(): void;
}

const noActions = (hostId: string): string =>
  `no IPVS actions for host ${hostId} (unknown host, or it has no IPVS table)`;

export function createAppCore(options: AppCoreOptions): AppCore {
  const demo = options.hosts.length === 0;
  // One fresh file per run, removed on stop: demo actions never mix with another run's or the operator's.
  const demoAudit = demo
    ? new AuditLog(path.join(tmpdir(), `fulcrum-demo-audit-${randomUUID()}.jsonl`))
    : undefined;
  const audit = demoAudit ?? options.audit;
  const hosts = demoAudit
    ? createDemoHosts(options.events, options.demoIntervalSeconds ?? 2, demoAudit)
    : options.hosts;
  const byId = new Map(hosts.map((host) => [host.summary.id, host]));
  const refusedResult = (hostId: string): ActionResult => ({
    outcome: "refused",
    message: noActions(hostId),
    commands: [],
  });
  return {
    handlers: {
      getAppInfo: async () => ({ ...options.info, demo }),
      listHosts: async () => hosts.map((host) => host.summary),
      getSnapshot: async ({ hostId }) => byId.get(hostId)?.monitor.latest ?? null,
      planAction: async ({ hostId, intent, confirmation }): Promise<PlanReply> => {
        const actions = byId.get(hostId)?.actions;
        if (!actions) return { ok: false, refusal: { code: "not-ipvs", message: noActions(hostId) } };
        return actions.plan(intent, confirmation);
      },
      applyAction: async ({ hostId, planId }) =>
        byId.get(hostId)?.actions?.apply(planId) ?? refusedResult(hostId),
      undoAction: async ({ hostId, auditId }) =>
        byId.get(hostId)?.actions?.undo(auditId) ?? refusedResult(hostId),
      listAudit: async ({ hostId }) => (audit ? audit.query(hostId === undefined ? {} : { hostId }) : []),
    },
    start: () => hosts.forEach((host) => host.monitor.start()),
    stop: () => {
      hosts.forEach((host) => {
        host.monitor.stop();
        host.close();
      });
      if (demoAudit) rmSync(demoAudit.path, { force: true });
    },
  };
}
