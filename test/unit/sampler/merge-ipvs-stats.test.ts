import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { VirtualService } from "../../../core/model/ipvs.ts";
import { backendKey, serviceKey } from "../../../core/model/service-key.ts";
import { parseIpvsadmList } from "../../../core/parse/ipvs/ipvsadm-list.ts";
import { mergeIpvsStats } from "../../../core/sampler/merge-ipvs-stats.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/ipvs");
const listed = parseIpvsadmList(readFileSync(path.join(FIXTURES, "constructed-list.txt"), "utf8")).services;
const counted = parseIpvsadmList(
  readFileSync(path.join(FIXTURES, "constructed-stats-exact.txt"), "utf8"),
).services;

/** The join by key alone, written the plain way. */
function joinByKey(plain: readonly VirtualService[], withStats: readonly VirtualService[]): VirtualService[] {
  return plain.map((service) => {
    const match = withStats.find((other) => serviceKey(other) === serviceKey(service));
    if (!match) return service;
    return {
      ...service,
      ...(match.stats ? { stats: match.stats } : {}),
      realServers: service.realServers.map((server) => {
        const stats = match.realServers.find((other) => backendKey(other) === backendKey(server))?.stats;
        return stats ? { ...server, stats } : server;
      }),
    };
  });
}

const reversed = (services: readonly VirtualService[]): VirtualService[] =>
  [...services].reverse().map((service) => ({ ...service, realServers: [...service.realServers].reverse() }));

describe("mergeIpvsStats", () => {
  it("joins by service and backend, whether the two tables list them in the same order or not", () => {
    const expected = joinByKey(listed, counted);
    expect(expected.some((service) => service.realServers.some((server) => server.stats))).toBe(true);
    expect(mergeIpvsStats(listed, counted)).toEqual(expected);
    expect(mergeIpvsStats(listed, reversed(counted))).toEqual(expected);
    expect(mergeIpvsStats(reversed(listed), counted)).toEqual(joinByKey(reversed(listed), counted));
  });

  it("leaves a backend missing from the stats table without counters, and the others joined", () => {
    const first = counted[0] as VirtualService;
    const fewer = [{ ...first, realServers: first.realServers.slice(1) }, ...counted.slice(1)];
    const merged = mergeIpvsStats(listed, fewer);
    expect(merged).toEqual(joinByKey(listed, fewer));
    expect(merged[0]?.realServers[0]?.stats).toBeUndefined();
    expect(merged[0]?.realServers[1]?.stats).toBe(first.realServers[1]?.stats);
  });

  it("does not change the listings it joins", () => {
    const before = JSON.stringify(listed, (_key, value: unknown) =>
      typeof value === "bigint" ? `${value}n` : value,
    );
    mergeIpvsStats(listed, reversed(counted));
    expect(
      JSON.stringify(listed, (_key, value: unknown) => (typeof value === "bigint" ? `${value}n` : value)),
    ).toBe(before);
  });
});
