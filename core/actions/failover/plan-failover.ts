/**
 * Plan a manual VRRP failover from the current master to its peer: pure, from two NodeViews.
 * Preflight per formats.md §4.5, the method by configuration (choose-method.ts), the exact
 * commands, their rollback, and how long verification may take: 3 advert intervals + skew
 * (keepalived's "Master down timer"), plus one interval for the lowered advert and a margin.
 */
import type { VrrpInstance } from "../../model/keepalived.ts";
import { chooseMethod, type MethodChoice } from "./choose-method.ts";
import type {
  FailoverMethodKind,
  FailoverPlan,
  FailoverWarning,
  PreflightCheck,
  PreflightCheckId,
} from "./failover-plan.ts";
import type { NodeView } from "./node-view.ts";
import { preflightChecks } from "./preflight-checks.ts";
import { chooseRestoreMethod, type RecordedTrackFile } from "./restore-method.ts";

export interface FailoverOptions {
  /** The vrrp_instance to move; default: the one instance the master is MASTER of. */
  instance?: string;
  /** A transition younger than this suggests flapping. Default 60 s. */
  minSecondsSinceTransition?: number;
  /** The app's own guard: a failover of this pair is already running (Seesaw's pending flag). */
  failoverInProgress?: boolean;
  /** Failed checks the operator explicitly accepts. */
  override?: PreflightCheckId[];
  /** Use this method instead of the one the configuration suggests. */
  method?: FailoverMethodKind;
  /** Added to the verification window. Default 1000 ms. */
  verifyMarginMs?: number;
  /** Default 250 ms. */
  pollIntervalMs?: number;
  /**
   * An undo: the track file an earlier failover wrote on the node the VIPs left (now the peer).
   * Restoring it is the method when it will take the VIPs back (restore-method.ts).
   */
  restore?: RecordedTrackFile;
}

/** Checks that no override can lift: without them there is nothing to act on. */
const FUNDAMENTAL = new Set<PreflightCheckId>([
  "nodes-reachable",
  "keepalived-running",
  "state-dump-read",
  "instance-found",
  "method-available",
]);

export function planFailover(
  nodes: { master: NodeView; peer: NodeView },
  options: FailoverOptions = {},
): FailoverPlan {
  const { master, peer } = nodes;
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const plan: FailoverPlan = {
    instance: options.instance ?? "",
    master: master.label,
    peer: peer.label,
    vips: [],
    checks: [],
    blocked: true,
    steps: [],
    rollback: [],
    expected: { description: "", vipOn: "peer", withinMs: 0 },
    rollbackWithinMs: 0,
    pollIntervalMs,
    warnings: [],
  };
  const fundamentals = fundamentalChecks(master, peer, options.instance);
  plan.checks.push(...fundamentals.checks);
  if (!fundamentals.instances) return finish(plan, options);
  const { masterInstance, peerInstance } = fundamentals.instances;
  plan.instance = masterInstance.name;
  plan.vips = masterInstance.virtualIps.map((vip) => vip.address);

  const peerPreempt =
    peerInstance.preempt ??
    !(peer.config?.vrrpInstances.find((instance) => instance.name === plan.instance)?.nopreempt ?? false);
  if (masterInstance.preempt !== undefined && masterInstance.preempt !== peerPreempt) {
    plan.warnings.push({
      code: "preempt-mismatch",
      message: `preempt is ${masterInstance.preempt ? "on" : "off"} on ${master.label} but ${peerPreempt ? "on" : "off"} on ${peer.label}`,
    });
  }
  const restore = options.restore
    ? chooseRestoreMethod({
        instance: plan.instance,
        peer,
        masterInstance,
        peerInstance,
        peerPreempt,
        recorded: options.restore,
      })
    : undefined;
  if (restore?.problem) {
    plan.warnings.push({
      code: "track-file-not-restored",
      message: `the earlier failover's track file is not restored (${restore.problem}); failing back by the configured method instead`,
    });
  }
  const preflight = preflightChecks({
    instance: plan.instance,
    master,
    peer,
    masterInstance,
    peerInstance,
    vips: plan.vips,
    minSecondsSinceTransition: options.minSecondsSinceTransition ?? 60,
    failoverInProgress: options.failoverInProgress ?? false,
    ...(restore?.method && options.restore
      ? { restoring: { path: options.restore.path, peerFaultFromFile: restore.peerFaultFromFile === true } }
      : {}),
  });
  plan.checks.push(...preflight.checks);
  plan.warnings.push(...preflight.warnings);

  const choice: MethodChoice = restore?.method
    ? restore
    : chooseMethod({
        instance: plan.instance,
        master,
        peerPreempt,
        masterPriority: masterInstance.effectivePriority ?? masterInstance.priority,
        peerPriority: peerInstance.effectivePriority ?? peerInstance.priority,
        forced: options.method,
      });
  if (choice.method) {
    plan.method = choice.method;
    plan.steps = choice.steps;
    plan.rollback = choice.rollback;
    plan.checks.push({ id: "method-available", status: "passed", message: choice.method.explanation });
  } else {
    plan.checks.push({
      id: "method-available",
      status: "failed",
      message: choice.problem ?? "no failover method is available",
      ...(choice.code ? { code: choice.code } : {}),
    });
  }
  plan.warnings.push(...methodWarnings(plan, master, peerPreempt));

  const advertMs = peerInstance.advertIntervalMs ?? masterInstance.advertIntervalMs ?? 1000;
  const masterDownMs = masterDownTimerMs(peerInstance, advertMs);
  plan.expected = {
    description: `every VIP (${plan.vips.join(", ")}) on ${peer.label} and none on ${master.label}, within ${masterDownMs} ms (3 adverts + skew) plus one advert and a margin`,
    vipOn: "peer",
    withinMs: masterDownMs + advertMs + (options.verifyMarginMs ?? 1000),
  };
  // Back on the master: it must win the election again (preempt) or come out of FAULT and time out.
  plan.rollbackWithinMs = 2 * masterDownMs + advertMs + (options.verifyMarginMs ?? 1000);
  return finish(plan, options);
}

function fundamentalChecks(
  master: NodeView,
  peer: NodeView,
  wanted: string | undefined,
): { checks: PreflightCheck[]; instances?: { masterInstance: VrrpInstance; peerInstance: VrrpInstance } } {
  const checks: PreflightCheck[] = [];
  const unreachable = [master, peer].filter((node) => !node.reachable);
  if (unreachable.length > 0) {
    checks.push({
      id: "nodes-reachable",
      status: "failed",
      message: unreachable.map((node) => `${node.label}: ${node.problem ?? "unreachable"}`).join("; "),
    });
    return { checks };
  }
  checks.push({ id: "nodes-reachable", status: "passed", message: "both nodes answered" });
  const stopped = [master, peer].filter((node) => !node.keepalived.alive);
  checks.push(
    stopped.length === 0
      ? {
          id: "keepalived-running",
          status: "passed",
          message: `keepalived runs on both nodes (pids ${master.keepalived.pid}, ${peer.keepalived.pid})`,
        }
      : {
          id: "keepalived-running",
          status: "failed",
          message: `keepalived is not running on ${stopped.map((node) => node.label).join(" and ")}`,
        },
  );
  const unread = [master, peer].filter((node) => !node.data);
  checks.push(
    unread.length === 0
      ? { id: "state-dump-read", status: "passed", message: "read the DATA dump on both nodes" }
      : {
          id: "state-dump-read",
          status: "failed",
          message: unread.map((node) => `${node.label}: ${node.dataProblem ?? "no DATA dump"}`).join("; "),
        },
  );
  if (stopped.length > 0 || !master.data || !peer.data) return { checks };

  const masterInstance = wanted
    ? master.data.instances.find((instance) => instance.name === wanted)
    : soleMasterInstance(master.data.instances);
  const peerInstance =
    masterInstance && peer.data.instances.find((instance) => instance.name === masterInstance.name);
  if (!masterInstance || !peerInstance) {
    const what = wanted ? `instance ${wanted}` : "one instance in MASTER state";
    checks.push({
      id: "instance-found",
      status: "failed",
      message: `${what} was not found on ${!masterInstance ? master.label : peer.label}`,
    });
    return { checks };
  }
  checks.push({
    id: "instance-found",
    status: "passed",
    message: `instance ${masterInstance.name} on both nodes`,
  });
  return { checks, instances: { masterInstance, peerInstance } };
}

function soleMasterInstance(instances: readonly VrrpInstance[]): VrrpInstance | undefined {
  const masters = instances.filter((instance) => instance.state === "MASTER");
  return masters.length === 1 ? masters[0] : instances.length === 1 ? instances[0] : undefined;
}

/** keepalived's own "Master down timer" when the dump has it, else 3 x advert + skew (RFC 5798 §6.1). */
function masterDownTimerMs(peerInstance: VrrpInstance, advertMs: number): number {
  if (peerInstance.masterDownTimerUs !== undefined) return Math.ceil(peerInstance.masterDownTimerUs / 1000);
  const priority = peerInstance.effectivePriority ?? peerInstance.priority ?? 100;
  return Math.ceil(3 * advertMs + ((256 - priority) * advertMs) / 256);
}

function methodWarnings(plan: FailoverPlan, master: NodeView, peerPreempt: boolean): FailoverWarning[] {
  const warnings: FailoverWarning[] = [
    {
      code: "split-brain-risk",
      message: `if ${master.label} hangs or loses the VRRP link while keeping its addresses, both nodes hold the VIP: verification looks at both and rolls back if that happens`,
    },
  ];
  if (plan.method?.kind === "stop-keepalived") {
    warnings.push({
      code: "blunt-method",
      message:
        "stopping keepalived removes every VIP and the IPVS table on the master, for all its instances, not only this one",
    });
  }
  const writesMasterFile = plan.method?.kind === "lower-priority" || plan.method?.kind === "force-fault";
  if (writesMasterFile && peerPreempt) {
    warnings.push({
      code: "preempt-back",
      message: "undoing (restoring the track file) lets the master preempt the VIP back",
    });
  }
  if ((master.config?.includes.length ?? 0) > 0) {
    warnings.push({
      code: "includes-not-read",
      message: `keepalived.conf includes ${master.config?.includes.map((include) => include.pattern).join(", ")}: those files were not read`,
    });
  }
  return warnings;
}

function finish(plan: FailoverPlan, options: FailoverOptions): FailoverPlan {
  const override = new Set(options.override ?? []);
  for (const check of plan.checks) {
    if (check.status === "failed" && override.has(check.id) && !FUNDAMENTAL.has(check.id))
      check.overridden = true;
  }
  plan.blocked = plan.checks.some((check) => check.status === "failed" && !check.overridden) || !plan.method;
  return plan;
}
