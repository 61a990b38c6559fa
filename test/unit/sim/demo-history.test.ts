import { describe, expect, it } from "vitest";
import type { SeriesKey } from "../../../core/history/series-key.ts";
import { createDemoHistory, DEMO_SAMPLE_MS } from "../../../core/sim/demo-history.ts";

const HOUR = 3_600_000;
// A whole hour, so the events (on whole hours before the start) land at known offsets.
const STARTED = Date.UTC(2026, 11, 7, 12, 0, 0);
const history = () => createDemoHistory({ startedAt: STARTED, now: () => STARTED });

const backend = (backendKey: string, metric: SeriesKey["metric"]): SeriesKey => ({
  subject: { kind: "ipvs-backend", hostId: "demo-nat-1", service: "10.20.0.10:80", backend: backendKey },
  metric,
});
const service = (metric: SeriesKey["metric"]): SeriesKey => ({
  subject: { kind: "ipvs-service", hostId: "demo-nat-1", service: "10.20.0.10:80" },
  metric,
});

describe("the demo's simulated week (a HistoryQuery over the demo cluster)", () => {
  it("lists the NAT director's services, backends and NIC, and nothing for the HAProxy host", async () => {
    const keys = await history().listSeries({ hostId: "demo-nat-1", kind: "ipvs-backend" });
    const backends = new Set(keys.map((key) => (key.subject.kind === "ipvs-backend" ? key.subject.backend : "")));
    expect([...backends].filter((b) => b.startsWith("10.20.1."))).toHaveLength(8);
    expect(await history().listSeries({ hostId: "demo-haproxy-1" })).toEqual([]);
    const summary = await history().summary();
    expect(summary.hosts.map((host) => host.hostId)).toEqual(["demo-nat-1", "demo-dr-1"]);
    expect(summary.hosts[0]?.from).toBe(STARTED - 7 * 24 * HOUR);
    expect(summary.writing.state).toBe("not-writing");
  });

  it("answers the same figures twice (deterministic)", async () => {
    const query = { key: service("conns"), range: { from: STARTED - 6 * HOUR, to: STARTED }, points: 100 };
    expect(await history().series(query)).toEqual(await history().series(query));
  });

  it("chooses raw for an hour, 1-minute rollups for a day, 1-hour rollups for a week", async () => {
    const at = (hours: number, points: number) =>
      history().series({ key: service("conns"), range: { from: STARTED - hours * HOUR, to: STARTED }, points });
    const hour = await at(1, 300);
    expect(hour.resolution).toBe("raw");
    expect(hour.points[0]?.stepMs).toBe(12_000);
    expect((await at(24, 300)).resolution).toBe("1m");
    expect((await at(24 * 7, 100)).resolution).toBe("1h");
  });

  it("keeps totals exact: the steps' deltas add up to the counter summary at raw and at 1-minute resolution", async () => {
    for (const range of [
      { from: STARTED - 2 * HOUR, to: STARTED },
      { from: STARTED - 6 * 24 * HOUR, to: STARTED - 5 * 24 * HOUR },
    ]) {
      const summary = await history().counterSummary(service("outBytes"), range);
      const answer = await history().series({ key: service("outBytes"), range, points: 2000 });
      const sum = answer.points.reduce((total, point) => total + (point.delta ?? 0n), 0n);
      expect(summary?.resolution).toBe(answer.resolution === "raw" ? "raw" : "1m");
      expect(sum).toBe(summary?.total);
      expect(summary?.total).toBeGreaterThan(0n);
    }
  });

  it("has a gap while the NAT director was unreachable: no step inside it, steps either side", async () => {
    const from = STARTED - 74 * HOUR;
    const range = { from: from - HOUR, to: from + 2 * HOUR };
    const answer = await history().series({ key: service("conns"), range, points: 180 });
    const inside = answer.points.filter((point) => point.at >= from && point.at < from + 45 * 60_000);
    expect(inside).toEqual([]);
    expect(answer.points.some((point) => point.at < from)).toBe(true);
    expect(answer.points.some((point) => point.at >= from + 45 * 60_000)).toBe(true);
    const events = await history().events(range, "demo-nat-1");
    expect(events.map((event) => [event.kind, event.reason])).toEqual([["gap", "host-unreachable"]]);
  });

  it("counts the counter resets (the reboot and ipvsadm -Z) in a summary over them", async () => {
    const week = { from: STARTED - 7 * 24 * HOUR, to: STARTED };
    expect((await history().counterSummary(service("conns"), week))?.resets).toBe(2);
    const lastDay = { from: STARTED - 24 * HOUR, to: STARTED };
    expect((await history().counterSummary(service("conns"), lastDay))?.resets).toBe(0);
  });

  it("drained 10.20.1.13:8080 for 40 minutes: weight 0 and no new connections then, an action with who on each end", async () => {
    const drainFrom = STARTED - 26 * HOUR;
    const range = { from: drainFrom + 5 * 60_000, to: drainFrom + 35 * 60_000 };
    const weight = await history().series({ key: backend("10.20.1.13:8080", "weight"), range, points: 30 });
    expect(new Set(weight.points.map((point) => point.max))).toEqual(new Set([0]));
    expect((await history().counterSummary(backend("10.20.1.13:8080", "conns"), range))?.total).toBe(0n);
    expect((await history().counterSummary(backend("10.20.1.12:8080", "conns"), range))?.total).toBeGreaterThan(0n);
    const actions = (await history().events({ from: drainFrom - HOUR, to: drainFrom + HOUR })).filter(
      (event) => event.kind === "action",
    );
    expect(actions.map((event) => [event.who, event.before, event.after])).toEqual([
      ["demo-operator", "weight 100", "weight 0"],
      ["demo-operator", "weight 0", "weight 100"],
    ]);
  });

  it("goes on with the clock after the start, and has nothing after now", async () => {
    let now = STARTED;
    const live = createDemoHistory({ startedAt: STARTED, now: () => now });
    const range = { from: STARTED - 60_000, to: STARTED + 60_000 };
    const before = await live.series({ key: service("conns"), range, points: 12 });
    now = STARTED + 60_000;
    const after = await live.series({ key: service("conns"), range, points: 12 });
    expect(before.points.at(-1)?.at).toBeLessThanOrEqual(STARTED);
    expect(after.points.length).toBe(before.points.length + 6);
    expect(DEMO_SAMPLE_MS).toBe(10_000);
  });
});
