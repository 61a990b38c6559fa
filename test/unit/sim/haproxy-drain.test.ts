/**
 * The demo's HAProxy drains as a real one does: a server put in drain (or maint, or weight 0)
 * takes no new sessions, and the ones it holds end over time instead of vanishing at once.
 */
import { describe, expect, it } from "vitest";
import { advanceHaproxy, type SimHaproxy } from "../../../core/sim/host-sim.ts";
import { createPrng } from "../../../core/sim/prng.ts";

function proxy(): SimHaproxy {
  return {
    frontend: "fe",
    frontendAddress: "127.0.0.1:80",
    backend: "be",
    sessionsPerSecond: 300,
    requestBytes: 100,
    responseBytes: 1000,
    sessionSeconds: 0.5,
    establishedSeconds: 20,
    servers: ["a", "b", "c"].map((name) => ({
      name,
      address: "127.0.0.1:8080",
      weight: 100,
      state: "ready" as const,
      current: 0,
      max: 0,
      total: 0n,
      bytesIn: 0n,
      bytesOut: 0n,
      responses2xx: 0n,
      responses5xx: 0n,
      lastChangeSeconds: 0,
    })),
    frontendTotal: 0n,
    frontendMax: 0,
    frontendBytesIn: 0n,
    frontendBytesOut: 0n,
    carry: 0,
    roundRobin: 0,
    lastRate: 0,
    maxRate: 0,
  };
}

describe("HAProxy demo sessions during a drain", () => {
  for (const change of ["drain", "maint", "weight 0"] as const) {
    it(`${change}: established sessions stay and end over time, new ones go elsewhere`, () => {
      const sim = proxy();
      const prng = createPrng(7);
      advanceHaproxy(sim, prng, 1);
      const [drained, other] = sim.servers as [SimHaproxy["servers"][0], SimHaproxy["servers"][0]];
      const before = drained.current;
      expect(before).toBeGreaterThan(20);
      if (change === "weight 0") drained.weight = 0;
      else drained.state = change;
      const totalBefore = drained.total;

      const counts: number[] = [];
      for (let second = 0; second < 300 && (counts.at(-1) ?? 1) > 0; second++) {
        advanceHaproxy(sim, prng, 1);
        counts.push(drained.current);
      }
      // A second later most sessions are still there; they fall steadily and reach zero.
      expect(counts[0]).toBeGreaterThan(before * 0.9);
      // Never rising: the counts are already in descending order.
      expect([...counts].sort((a, b) => b - a)).toEqual(counts);
      expect(counts.at(-1)).toBe(0);
      expect(counts.length).toBeGreaterThan(30);
      expect(drained.total).toBe(totalBefore);
      // The remaining servers take its share of new sessions.
      expect(other.current).toBeGreaterThan(before);
    });
  }
});
