/**
 * What the one apply loop promises, checked for every action family the same way (issue 11): the
 * tests IPVS had alone (test/unit/actions/apply.test.ts, the lab) written once and run for IPVS,
 * HAProxy and config edits, against in-memory hosts (unit) and against the real daemons (a real
 * HAProxy and a real nginx through a real sshd; the IPVS kernel in the qemu lab).
 *   - a change is made, then verified by reading the host again;
 *   - compare-and-set: a target changed since the plan aborts the apply, nothing sent;
 *   - one action per host: a second one while the first runs is refused;
 *   - a connection lost after the change ran: applied, from what the host shows after reconnecting;
 *   - a connection lost before the change was sent: not applied, likewise;
 *   - unknown only when the host cannot be read again;
 *   - a host that cannot be read before: failed, nothing run.
 */
import { expect, it } from "vitest";
import type { ApplyOutcome } from "../../core/actions/action-codes.ts";
import type { ApplyLoopOptions } from "../../core/actions/apply-loop.ts";
import type { CommandOutcome } from "../../core/actions/apply-report.ts";
import { HostActionLocks } from "../../core/actions/host-action-lock.ts";
import type { HostExecutor } from "../../core/actions/host-executor.ts";
import type { DroppableExecutor } from "./droppable-executor.ts";
import { expectEvery } from "./expect-every.ts";

type Matcher = (argv: readonly string[], stdin?: string) => boolean;

export interface FamilyUnderTest<Plan> {
  /** The executor every apply goes through. */
  executor: DroppableExecutor;
  /** A working executor again after a dropped connection. */
  reconnect(): Promise<HostExecutor>;
  /** A plan for one change, made against the host as it is now. */
  plan(): Promise<Plan>;
  /** A plan for a change to another target on the same host. */
  otherPlan(): Promise<Plan>;
  apply(
    plan: Plan,
    options: ApplyLoopOptions,
  ): Promise<{ outcome: ApplyOutcome; message: string; commands: CommandOutcome[] }>;
  /** Someone else changes the target behind Fulcrum's back. */
  changeBehind(): Promise<void>;
  /** What the host shows, read past Fulcrum: the planned change, the state before, or neither. */
  shows(): Promise<"changed" | "before" | "other">;
  /** The first command that changes the host, and the one after which the change is complete. */
  firstStep: Matcher;
  lastStep: Matcher;
  /** The loop's clock and bounds (virtual time for in-memory hosts, short real bounds otherwise). */
  timing: Pick<ApplyLoopOptions, "now" | "sleep" | "verifyTimeoutMs" | "pollIntervalMs">;
}

export function applyContract<Plan>(setup: () => Promise<FamilyUnderTest<Plan>>): void {
  const options = (
    family: FamilyUnderTest<Plan>,
    extra: Partial<ApplyLoopOptions> = {},
  ): ApplyLoopOptions => ({
    executor: family.executor,
    locks: new HostActionLocks(),
    reconnect: () => family.reconnect(),
    ...family.timing,
    ...extra,
  });
  const lost = (commands: readonly CommandOutcome[]) => commands.filter((command) => command.connectionLost);

  it("makes the change and verifies it by reading the host again", async () => {
    const family = await setup();
    const report = await family.apply(await family.plan(), options(family));
    expect(report.outcome, report.message).toBe("verified");
    expect(await family.shows()).toBe("changed");
    expect(family.executor.sent(family.lastStep)).toBe(1);
    expect(report.commands.length).toBeGreaterThan(0);
    expectEvery(report.commands, (command) => command.status === "applied");
  });

  it("aborts without sending anything when the target changed since the plan", async () => {
    const family = await setup();
    const plan = await family.plan();
    await family.changeBehind();
    const report = await family.apply(plan, options(family));
    expect(report.outcome, report.message).toBe("aborted");
    expect(report.message).toMatch(/changed since the plan \(.+\); nothing was run — plan again$/);
    expect(family.executor.sent(family.firstStep)).toBe(0);
    expect(report.commands.length).toBeGreaterThan(0);
    expectEvery(report.commands, (command) => command.status === "not-run");
    expect(await family.shows()).toBe("other");
  });

  it("runs one action per host: a second one while the first is pending is refused", async () => {
    const family = await setup();
    const plans = [await family.plan(), await family.otherPlan()];
    const locks = new HostActionLocks();
    // The loop takes the host's lock before its first await, so the second call finds it held.
    const reports = await Promise.all(plans.map((plan) => family.apply(plan, options(family, { locks }))));
    expect(reports.map((report) => report.outcome).sort()).toEqual(["refused", "verified"]);
    const refused = reports.find((report) => report.outcome === "refused");
    expect(refused?.message).toMatch(/^another action is in progress on \S+ \(.+\); nothing was run/);
    expect(family.executor.sent(family.lastStep)).toBe(1);
  });

  it("resolves a connection lost after the change ran: applied, by a re-read after reconnecting", async () => {
    const family = await setup();
    const plan = await family.plan();
    family.executor.drop = { when: family.lastStep, at: "after-exit" };
    let reconnects = 0;
    const report = await family.apply(
      plan,
      options(family, { reconnect: async () => ((reconnects += 1), family.reconnect()) }),
    );
    expect(report.outcome, report.message).toBe("verified");
    expect(report.message).toContain("re-read after reconnecting: it was applied");
    expect(lost(report.commands)).toEqual([
      expect.objectContaining({ status: "applied", connectionLost: true }),
    ]);
    expect(reconnects).toBeGreaterThanOrEqual(1);
    expect(await family.shows()).toBe("changed");
  });

  it("resolves a connection lost before the change was sent: not applied", async () => {
    const family = await setup();
    const plan = await family.plan();
    family.executor.drop = { when: family.firstStep, at: "before-send" };
    const report = await family.apply(plan, options(family));
    expect(report.outcome, report.message).toBe("failed");
    expect(report.message).toContain("re-read after reconnecting: it was NOT applied");
    expect(lost(report.commands)).toEqual([
      expect.objectContaining({ status: "not-applied", connectionLost: true }),
    ]);
    expect(family.executor.sent(family.firstStep)).toBe(0);
    expect(await family.shows()).toBe("before");
  });

  it("says unknown when the host cannot be read again after the connection dropped", async () => {
    const family = await setup();
    const plan = await family.plan();
    family.executor.drop = { when: family.lastStep, at: "after-exit" };
    family.executor.downAfter = family.lastStep;
    const report = await family.apply(plan, options(family, { reconnect: async () => family.executor }));
    expect(report.outcome, report.message).toBe("unknown");
    expect(report.message).toContain("whether it was applied is unknown — check before retrying");
    expect(lost(report.commands)).toEqual([
      expect.objectContaining({ status: "unknown", connectionLost: true }),
    ]);
  });

  it("fails before sending anything when the target cannot be read", async () => {
    const family = await setup();
    const plan = await family.plan();
    family.executor.goDown();
    const report = await family.apply(plan, options(family));
    expect(report.outcome).toBe("failed");
    expect(report.message).toMatch(/^could not read .+; nothing was run$/);
    expect(family.executor.sent(family.firstStep)).toBe(0);
    expect(report.commands.length).toBeGreaterThan(0);
    expectEvery(report.commands, (command) => command.status === "not-run");
  });
}
