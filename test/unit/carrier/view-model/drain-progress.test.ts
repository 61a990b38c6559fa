import { english } from "../../../../renderer/i18n/i18n.ts";
import { describe, expect, it } from "vitest";
import { drainVerdict, type DrainSample } from "../../../../shared/drain-verdict.ts";
import {
  appendDrainSample,
  DRAIN_MAX_SAMPLES,
  drainContextOf,
  drainSampleOf,
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
  return { at, weight: 0, activeConns, inactiveConns, cps: 0, ...extra };
}

function watch(samples: DrainSample[], overrides: Partial<DrainWatch> = {}): DrainWatch {
  return {
    hostId: "lb1",
    ...target,
    auditId: "a1",
    context: { protocol: "tcp", persistentSeconds: 0, drainedAt: 1_000 },
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
      cps: 2,
    });
    expect(drainSampleOf(testSnapshot(), { ...target, backend: "10.0.0.99:443" })).toBeUndefined();
    expect(drainSampleOf(testSnapshot(), { ...target, service: "udp:192.0.2.10:443" })).toBeUndefined();
  });

  it("finds the service's protocol and persistence timeout for the verdict", () => {
    const snapshot = testSnapshot();
    const persistent = {
      ...snapshot,
      services: snapshot.services.map((service) => ({ ...service, persistent: 300 })),
    };
    expect(drainContextOf(persistent, "192.0.2.10:443", 5)).toEqual({
      protocol: "tcp",
      persistentSeconds: 300,
      drainedAt: 5,
    });
    expect(drainContextOf(snapshot, "192.0.2.10:443", 5).persistentSeconds).toBe(0);
    // A service not in view: every entry counts, as for UDP.
    expect(drainContextOf(null, "192.0.2.10:443", 5).protocol).toBe("udp");
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
    expect(toDrainProgress(watch([]), english)).toMatchObject({
      state: "waiting",
      activeConns: "",
      activeLine: "",
    });
  });

  it("follows counts down and lists the newest samples first", () => {
    const view = toDrainProgress(
      watch([sample(1_000, 40, 0), sample(2_000, 20, 20), sample(3_000, 1, 30)]),
      english,
    );
    expect(view).toMatchObject({
      state: "draining",
      activeConns: "1",
      inactiveConns: "30",
      cps: "0/s",
    });
    expect(view.recent.map((row) => [row.activeConns, row.inactiveConns])).toEqual([
      ["1", "30"],
      ["20", "20"],
      ["40", "0"],
    ]);
    // Shared ceiling (40): active goes from the top to near the bottom, inactive rises to 3/4.
    expect(view.activeLine).toBe("0,0 80,18 160,35.1");
    expect(view.inactiveLine).toBe("0,36 80,18 160,9");
  });

  it("shows the one shared verdict, as the CLI's drain --wait prints it", () => {
    const cases: [DrainSample[], Partial<DrainWatch>][] = [
      [[sample(1_000, 3, 1), sample(2_000, 0, 15)], {}],
      [[sample(2_000, 0, 0)], { context: { protocol: "tcp", persistentSeconds: 300, drainedAt: 1_000 } }],
      [[sample(2_000, 0, 4)], { context: { protocol: "udp", persistentSeconds: 0, drainedAt: 1_000 } }],
      [[sample(1_000, 0, 0, { weight: 100 })], {}],
    ];
    const states = cases.map(([samples, overrides]) => {
      const followed = watch(samples, overrides);
      const view = toDrainProgress(followed, english);
      expect({ state: view.state, message: view.message }).toEqual(
        drainVerdict(followed.samples, followed.context),
      );
      return view.state;
    });
    expect(states).toEqual(["safe-to-stop", "draining", "draining", "undrained"]);
  });
});

describe("sparkline points", () => {
  it("spreads values over the width and clamps to the ceiling", () => {
    expect(sparklinePoints([], 10, { width: 100, height: 10 })).toBe("");
    expect(sparklinePoints([5], 10, { width: 100, height: 10 })).toBe("0,5");
    expect(sparklinePoints([0, 20, -3], 10, { width: 100, height: 10 })).toBe("0,10 50,0 100,10");
  });
});
