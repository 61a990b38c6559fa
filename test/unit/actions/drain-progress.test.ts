import { describe, expect, it } from "vitest";
import { drainProgress, type DrainSample } from "../../../core/actions/drain-progress.ts";
import { detectWeightDrift } from "../../../core/actions/weight-drift.ts";

const sample = (
  second: number,
  activeConns: number,
  inactiveConns: number,
  persistConns?: number,
): DrainSample => ({
  at: second * 1000,
  activeConns,
  inactiveConns,
  ...(persistConns !== undefined ? { persistConns } : {}),
});

describe("drainProgress", () => {
  it("waits for a first sample", () => {
    expect(drainProgress([], { drainedAt: 0 }).state).toBe("waiting");
  });

  it("counts down while connections end", () => {
    expect(drainProgress([sample(0, 5, 30), sample(2, 3, 28)], { drainedAt: 0 })).toEqual({
      state: "draining",
      activeConns: 3,
      inactiveConns: 28,
      message: "3 active, 28 inactive left",
    });
  });

  it("says safe to stop when everything is zero", () => {
    expect(drainProgress([sample(0, 1, 1), sample(2, 0, 0)], { drainedAt: 0 }).state).toBe("safe-to-stop");
  });

  it("waits out unseen persistence templates before saying safe", () => {
    const context = { drainedAt: 0, persistentSeconds: 300 };
    const early = drainProgress([sample(100, 0, 0)], context);
    expect(early).toMatchObject({
      state: "draining",
      message: "no connections; persistence templates are not visible and may last 200 s more",
    });
    expect(drainProgress([sample(300, 0, 0)], context).state).toBe("safe-to-stop");
    // Seen templates decide at once.
    expect(drainProgress([sample(10, 0, 0, 1)], context)).toMatchObject({
      state: "draining",
      persistConns: 1,
    });
    expect(drainProgress([sample(10, 0, 0, 0)], context).state).toBe("safe-to-stop");
  });

  it("calls it stalled after N samples without a decrease", () => {
    const flat = [sample(0, 2, 0), sample(2, 2, 0), sample(4, 2, 0), sample(6, 2, 0)];
    expect(drainProgress(flat, { drainedAt: 0, stallSamples: 3 })).toMatchObject({
      state: "stalled",
      activeConns: 2,
      samples: 3,
    });
    expect(drainProgress(flat.slice(0, 3), { drainedAt: 0, stallSamples: 3 }).state).toBe("draining");
    const moving = [sample(0, 2, 5), sample(2, 2, 5), sample(4, 2, 4), sample(6, 2, 4)];
    expect(drainProgress(moving, { drainedAt: 0, stallSamples: 3 }).state).toBe("draining");
  });
});

describe("detectWeightDrift", () => {
  it("says nothing while the applied weight holds", () => {
    expect(
      detectWeightDrift(
        { backend: "192.0.2.11:80", weight: 0, forward: "masq" },
        { weight: 0, forward: "masq" },
      ),
    ).toBeUndefined();
  });

  it("raises weight reverted, naming keepalived when it manages the service", () => {
    const drift = detectWeightDrift(
      { backend: "192.0.2.11:80", weight: 0, keepalivedManaged: true },
      { weight: 3, forward: "masq" },
      "14:02:07",
    );
    expect(drift).toEqual({
      kind: "weight-reverted",
      applied: 0,
      observed: 3,
      message: "weight of 192.0.2.11:80 reverted at 14:02:07 by keepalived: Fulcrum set 0, the table shows 3",
    });
    expect(detectWeightDrift({ backend: "b", weight: 0 }, { weight: 1, forward: "masq" })?.message).toContain(
      "by someone else",
    );
  });

  it("notices a changed forwarding method and a vanished backend", () => {
    expect(
      detectWeightDrift({ backend: "b", weight: 1, forward: "masq" }, { weight: 1, forward: "route" })?.kind,
    ).toBe("forward-changed");
    expect(detectWeightDrift({ backend: "b", weight: 1 }, undefined)?.kind).toBe("backend-gone");
  });
});
