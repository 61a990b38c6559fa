import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Counters } from "../../../core/model/counters.ts";
import type { VirtualService } from "../../../core/model/ipvs.ts";
import { toJson } from "../../../core/model/json.ts";
import { servicesWire } from "../../../core/live/services-wire.ts";
import { parseIpvsadmList } from "../../../core/parse/ipvs/ipvsadm-list.ts";
import { ListingRateTracker } from "../../../core/rates/listing-rate-tracker.ts";
import { mergeIpvsStats } from "../../../core/sampler/merge-ipvs-stats.ts";

const listed = parseIpvsadmList(readFileSync("test/fixtures/lab/ipvsadm-Ln-exact.txt", "utf8"));
const counted = parseIpvsadmList(readFileSync("test/fixtures/lab/large/ipvsadm-Ln-stats.txt", "utf8"));
const first = mergeIpvsStats(listed.services, counted.services);

const grown = (counters: Counters): Counters => ({
  ...counters,
  conns: counters.conns + 7n,
  inPkts: counters.inPkts + 70n,
  outBytes: counters.outBytes + 7000n,
});
const second: VirtualService[] = first.map((service) => ({
  ...service,
  ...(service.stats ? { stats: grown(service.stats) } : {}),
  realServers: service.realServers.map((server) =>
    server.stats ? { ...server, stats: grown(server.stats) } : server,
  ),
}));

describe("servicesWire with the tracker's rates beside the services", () => {
  it("gives exactly the JSON form of the services with their rates filled in", () => {
    const copying = new ListingRateTracker();
    const aligned = new ListingRateTracker();
    copying.update(100, { form: "stats", services: first });
    aligned.rates(100, first);
    const rated = copying.update(102.5, { form: "stats", services: second }).services;
    const wire = servicesWire(second, aligned.rates(102.5, second).services);
    expect(rated.some((service) => service.realServers.some((server) => server.rates))).toBe(true);
    expect(JSON.parse(JSON.stringify(wire))).toEqual(JSON.parse(toJson(rated)));
  });

  it("leaves the placeholders list out and every other field in", () => {
    const [service] = parseIpvsadmList(
      readFileSync("test/fixtures/lab/large/ipvsadm-Ln-stats.txt", "utf8"),
    ).services;
    const server = service?.realServers[0];
    expect(server?.notPrinted).toBeDefined();
    const [wire] = servicesWire(service ? [service] : []);
    const { notPrinted: _left, ...rest } = server ?? { notPrinted: [] };
    expect(JSON.parse(JSON.stringify(wire?.realServers[0]))).toEqual(JSON.parse(toJson(rest)));
  });
});
