import { describe, expect, it } from "vitest";
import {
  appendDrainSample,
  DRAIN_MAX_SAMPLES,
  drainSampleOf,
  persistenceOf,
  type DrainSample,
  type DrainWatch,
} from "../../../../renderer/view-model/drain-watch.ts";
import { toDrainProgress } from "../../../../renderer/view-model/drain-progress.ts";
import { sparklinePoints } from "../../../../renderer/view-model/sparkline.ts";
import { testSnapshot } from "../test-snapshot.ts";

const target = { service: "192.0.2.10:443", backend: "10.0.0.10:443" };

function sample(
  at: number,
  activeConns: number,
  inactiveConns: number,
  extra: Partial<DrainSample> = {},
): DrainSample {
  return { at, weight: 0, activeConns, inactiveConns, persistConns: undefined, cps: 0, ...extra };
}

function watch(samples: DrainSample[], overrides: Partial<DrainWatch> = {}): DrainWatch {
  return {
    hostId: "lb1",
    ...target,
    auditId: "a1",
    drainedAt: 1_000,
    persistentSeconds: 0,
    samples,
    ...overrides,
  };
}

describe("drain samples from snapshots", () => {
  it("reads the backend's counts, weight and conn/s by its keys", () => {
    expect(drainSampleOf(testSnapshot(), target)).toEqual({
      at: 1_700_000_000_000,
      weight: 100,
      activeConns: 1234,
      inactiveConns: 56,
      persistConns: undefined,
      cps: 2,
    });
    expect(drainSampleOf(testSnapshot(), { ...target, backend: "10.0.0.99:443" })).toBeUndefined();
    expect(drainSampleOf(testSnapshot(), { ...target, service: "udp:192.0.2.10:443" })).toBeUndefined();
  });

  it("finds the service's persistence timeout", () => {
    const snapshot = testSnapshot();
    const persistent = {
      ...snapshot,
      services: snapshot.services.map((service) => ({ ...service, persistent: 300 })),
    };
    expect(persistenceOf(persistent, "192.0.2.10:443")).toBe(300);
    expect(persistenceOf(snapshot, "192.0.2.10:443")).toBe(0);
  });

  it("ignores older or repeated samples and keeps a bounded, 5-minute series", () => {
    const first = appendDrainSample([], sample(10_000, 5, 1));
    expect(appendDrainSample(first, sample(10_000, 4, 1))).toBe(first);
    expect(appendDrainSample(first, sample(9_000, 4, 1))).toBe(first);
    const later = appendDrainSample(first, sample(10_000 + 5 * 60_000, 3, 1));
    expect(later.map((kept) => kept.activeConns)).toEqual([3]);
    let many: DrainSample[] = [];
    for (let index = 1; index <= DRAIN_MAX_SAMPLES + 20; index++)
      many = appendDrainSample(many, sample(index * 100, index, 0));
    expect(many).toHaveLength(DRAIN_MAX_SAMPLES);
    expect(many.at(-1)?.activeConns).toBe(DRAIN_MAX_SAMPLES + 20);
  });
});

describe("drain progress", () => {
  it("waits for the first sample", () => {
    expect(toDrainProgress(watch([]))).toMatchObject({ state: "waiting", activeConns: "", activeLine: "" });
  });

  it("follows counts down and lists the newest samples first", () => {
    const view = toDrainProgress(watch([sample(1_000, 40, 0), sample(2_000, 20, 20), sample(3_000, 0, 30)]));
    expect(view).toMatchObject({
      state: "draining",
      message: "Draining: 0 active, 30 inactive left.",
      activeConns: "0",
      inactiveConns: "30",
      cps: "0/s",
    });
    expect(view.recent.map((row) => [row.activeConns, row.inactiveConns])).toEqual([
      ["0", "30"],
      ["20", "20"],
      ["40", "0"],
    ]);
    // Shared ceiling (40): active goes from the top to the bottom, inactive rises to 3/4.
    expect(view.activeLine).toBe("0,0 80,18 160,36");
    expect(view.inactiveLine).toBe("0,36 80,18 160,9");
  });

  it("says safe to stop once weight is 0 and both counts are 0", () => {
    expect(toDrainProgress(watch([sample(1_000, 3, 1), sample(2_000, 0, 0)]))).toMatchObject({
      state: "safe-to-stop",
      message: "No connections left: safe to stop the backend.",
    });
  });

  it("waits out persistence templates it cannot see, and trusts a visible zero", () => {
    const persistent = { persistentSeconds: 300, drainedAt: 1_000 };
    expect(toDrainProgress(watch([sample(61_000, 0, 0)], persistent))).toMatchObject({
      state: "draining",
      message:
        "No connections; persistence templates are not visible and may send returning clients for 240 s more.",
    });
    expect(toDrainProgress(watch([sample(301_000, 0, 0)], persistent)).state).toBe("safe-to-stop");
    expect(toDrainProgress(watch([sample(61_000, 0, 0, { persistConns: 4 })], persistent))).toMatchObject({
      state: "draining",
      message: "Draining: 0 active, 0 inactive, 4 persistence templates left.",
    });
    expect(toDrainProgress(watch([sample(61_000, 0, 0, { persistConns: 0 })], persistent)).state).toBe(
      "safe-to-stop",
    );
  });

  it("says why new connections still arrive on a persistent service", () => {
    expect(
      toDrainProgress(watch([sample(2_000, 5, 9, { cps: 3 })], { persistentSeconds: 300 })).message,
    ).toBe(
      "Draining: 5 active, 9 inactive left. 3/s still arrive: persistence sends returning clients here.",
    );
    expect(toDrainProgress(watch([sample(2_000, 5, 9, { cps: 3 })])).message).toBe(
      "Draining: 5 active, 9 inactive left.",
    );
  });

  it("never calls a backend that has weight again safe to stop", () => {
    expect(toDrainProgress(watch([sample(1_000, 0, 0, { weight: 100 })]))).toMatchObject({
      state: "undrained",
      message: "Weight is 100 again: the backend takes new connections.",
    });
  });
});

describe("sparkline points", () => {
  it("spreads values over the width and clamps to the ceiling", () => {
    expect(sparklinePoints([], 10, { width: 100, height: 10 })).toBe("");
    expect(sparklinePoints([5], 10, { width: 100, height: 10 })).toBe("0,5");
    expect(sparklinePoints([0, 20, -3], 10, { width: 100, height: 10 })).toBe("0,10 50,0 100,10");
  });
});
