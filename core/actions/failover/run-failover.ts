/**
 * Carry out a planned failover: run the steps on the master, then poll `ip -o addr` on BOTH nodes
 * until every VIP is on the peer and none is on the master, within the plan's window. Anything
 * else (two nodes holding a VIP, none holding it, the master keeping it, a step failing) rolls
 * back and checks that the VIP returned to the master. Every step is reported as an event.
 */
import type { HostExecutor } from "../host-executor.ts";
import { parseIpAddr } from "../../parse/host/ip-addr.ts";
import type { FailoverEvent, FailoverFailure, FailoverOutcome, FailoverPhase } from "./failover-events.ts";
import type { FailoverPlan, FailoverStep } from "./failover-plan.ts";
import { locateVips, type VipLocation, type VipLocationKind } from "./vip-location.ts";

export interface FailoverClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface FailoverResult {
  outcome: FailoverOutcome;
  /** The last VIP location seen; absent when the VIPs were never polled. */
  location?: VipLocation;
  failure?: FailoverFailure;
  events: FailoverEvent[];
}

const STEP_TIMEOUT_MS = 15_000;
const POLL_TIMEOUT_MS = 5_000;
const IP_ADDR = ["ip", "-o", "addr", "show"];

const FAILURE_BY_LOCATION: Record<VipLocationKind, FailoverFailure> = {
  "split-brain": "split-brain",
  "on-neither": "vip-on-neither",
  "on-master": "vip-still-on-master",
  "on-peer": "vip-on-peer",
  partial: "vip-partial",
};

type EventBody = FailoverEvent extends infer E ? (E extends FailoverEvent ? Omit<E, "at"> : never) : never;

export async function runFailover(
  plan: FailoverPlan,
  executors: { master: HostExecutor; peer: HostExecutor },
  clock: FailoverClock,
  onEvent: (event: FailoverEvent) => void = () => {},
): Promise<FailoverResult> {
  const events: FailoverEvent[] = [];
  const emit = (body: EventBody): void => {
    const event = { ...body, at: clock.now() } as FailoverEvent;
    events.push(event);
    onEvent(event);
  };
  const finish = (outcome: FailoverOutcome, extra: Partial<FailoverResult> = {}): FailoverResult => {
    emit({ type: "failoverFinished", outcome });
    return { outcome, events, ...extra };
  };

  if (plan.blocked || !plan.method) {
    const reasons = plan.checks
      .filter((check) => check.status === "failed" && !check.overridden)
      .map((check) => `${check.id}: ${check.message}`);
    emit({ type: "failoverRefused", reasons: reasons.length > 0 ? reasons : ["the plan has no method"] });
    return finish("refused");
  }
  emit({
    type: "failoverStarted",
    instance: plan.instance,
    method: plan.method.kind,
    master: plan.master,
    peer: plan.peer,
    vips: plan.vips,
  });

  const labelOf = (step: FailoverStep): string => (step.node === "master" ? plan.master : plan.peer);
  const runSteps = async (steps: readonly FailoverStep[], phase: FailoverPhase): Promise<boolean> => {
    let allOk = true;
    for (const step of steps) {
      try {
        const result = await executors[step.node].run(step.argv, {
          timeoutMs: STEP_TIMEOUT_MS,
          ...(step.stdin === undefined ? {} : { stdin: step.stdin }),
        });
        emit({
          type: "stepRan",
          phase,
          node: labelOf(step),
          shell: step.shell,
          code: result.code,
          stderr: result.stderr,
        });
        if (result.code !== 0) allOk = false;
      } catch (error) {
        emit({
          type: "stepFailed",
          phase,
          node: labelOf(step),
          shell: step.shell,
          problem: String(error instanceof Error ? error.message : error),
        });
        allOk = false;
      }
      // A failed act step stops the act; a rollback tries every step.
      if (!allOk && phase === "act") return false;
    }
    return allOk;
  };

  const pollOnce = async (phase: FailoverPhase): Promise<VipLocation | undefined> => {
    const read = async (node: "master" | "peer") => {
      const label = node === "master" ? plan.master : plan.peer;
      try {
        const result = await executors[node].run(IP_ADDR, { timeoutMs: POLL_TIMEOUT_MS });
        if (result.code !== 0)
          throw new Error(`ip -o addr show exited ${result.code}: ${result.stderr.trim()}`);
        return parseIpAddr(result.stdout);
      } catch (error) {
        emit({
          type: "pollFailed",
          phase,
          node: label,
          problem: String(error instanceof Error ? error.message : error),
        });
        return undefined;
      }
    };
    const [master, peer] = await Promise.all([read("master"), read("peer")]);
    if (!master || !peer) return undefined;
    const location = locateVips(plan.vips, master, peer);
    emit({
      type: "vipPolled",
      phase,
      location: location.kind,
      onMaster: location.onMaster,
      onPeer: location.onPeer,
    });
    return location;
  };

  /** Polls until the VIPs are where they should be or the window closes; bounded in count too. */
  const waitFor = async (target: VipLocationKind, withinMs: number, phase: FailoverPhase) => {
    const started = clock.now();
    const maxPolls = Math.ceil(withinMs / plan.pollIntervalMs) + 2;
    let last: VipLocation | undefined;
    for (let poll = 0; poll < maxPolls; poll++) {
      const location = await pollOnce(phase);
      if (location) last = location;
      if (location?.kind === target) return { ok: true as const, elapsedMs: clock.now() - started, last };
      if (clock.now() - started >= withinMs) break;
      await clock.sleep(plan.pollIntervalMs);
    }
    const failure: FailoverFailure = last ? FAILURE_BY_LOCATION[last.kind] : "node-unreachable";
    if (failure === "split-brain" && last) {
      emit({
        type: "splitBrainDetected",
        phase,
        vips: last.onMaster.filter((vip) => last?.onPeer.includes(vip)),
      });
    }
    return { ok: false as const, failure, last };
  };

  let failure: FailoverFailure;
  let detail: string;
  const acted = await runSteps(plan.steps, "act");
  if (acted) {
    const verified = await waitFor("on-peer", plan.expected.withinMs, "act");
    if (verified.ok) {
      emit({ type: "vipMoved", elapsedMs: verified.elapsedMs });
      return finish("moved", { location: verified.last });
    }
    failure = verified.failure;
    detail = describe(failure, plan, verified.last, plan.expected.withinMs);
  } else {
    failure = "step-failed";
    detail = "a failover step did not succeed on the master";
  }
  emit({ type: "verificationFailed", failure, detail });

  emit({ type: "rollbackStarted" });
  await runSteps(plan.rollback, "rollback");
  const back = await waitFor("on-master", plan.rollbackWithinMs, "rollback");
  if (back.ok) {
    emit({ type: "rollbackVerified", elapsedMs: back.elapsedMs });
    return finish("rolled-back", { location: back.last, failure });
  }
  emit({
    type: "rollbackFailed",
    failure: back.failure,
    detail: `${describe(back.failure, plan, back.last, plan.rollbackWithinMs)}: the operator must act`,
  });
  return finish("rollback-failed", { location: back.last, failure });
}

function describe(
  failure: FailoverFailure,
  plan: FailoverPlan,
  last: VipLocation | undefined,
  withinMs: number,
): string {
  const where = last
    ? `${plan.master}: ${last.onMaster.join(", ") || "none"}; ${plan.peer}: ${last.onPeer.join(", ") || "none"}`
    : "never read";
  const what: Record<FailoverFailure, string> = {
    "split-brain": "split brain: both nodes hold the VIP",
    "vip-on-neither": "no node holds the VIP",
    "vip-still-on-master": "the VIP stayed on the master",
    "vip-on-peer": "the VIP stayed on the peer",
    "vip-partial": "the VIPs are split between the nodes",
    "step-failed": "a step failed",
    "node-unreachable": "the nodes could not be read",
  };
  return `${what[failure]} after ${withinMs} ms (${where})`;
}
