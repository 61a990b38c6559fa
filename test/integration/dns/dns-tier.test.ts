/**
 * The DNS tier against real servers started here (nsd authoritative, unbound caching in front):
 * round robin A and AAAA, a CNAME chain, NXDOMAIN, SERVFAIL, a server that never answers, the
 * authoritative servers found from NS, a record changed while the resolver still caches the old
 * one (the stale-cache warning, gone after the TTL), names joined with VIPs, and `fulcrum dns`.
 */
import { spawnSync } from "node:child_process";
import { createSocket, type Socket } from "node:dgram";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HostSnapshot } from "../../../core/api.ts";
import { authoritativeServers, lookupName } from "../../../core/dns/dns-lookup.ts";
import { namesPointingAt, unnamedVips } from "../../../core/dns/dns-view.ts";
import { resolveNameView } from "../../../core/dns/resolve-names.ts";
import { servicesWire } from "../../../core/live/services-wire.ts";
import { parseIpvsadmList } from "../../../core/parse/ipvs/ipvsadm-list.ts";
import { expectEvery } from "../../support/expect-every.ts";
import { executable, missingPrerequisites } from "../../support/prerequisites.ts";
import { FULCRUM, REPO } from "../harness/fulcrum-cli.ts";
import { AUTHORITATIVE, NSD, RESOLVER, UNBOUND, startDnsLab, type DnsLab } from "./dns-servers.ts";

const ZONE = [
  "www 3 IN A 203.0.113.10",
  "www 3 IN A 203.0.113.20",
  "www 3 IN AAAA 2001:db8:100::10",
  "api IN CNAME edge.lb.test.",
  "edge IN CNAME www.lb.test.",
  "dead 300 IN A 203.0.113.99",
  "",
].join("\n");

const via = { kind: "server" as const, address: RESOLVER };
const skip = missingPrerequisites(executable(NSD, "nsd"), executable(UNBOUND, "unbound"));

/** A director whose table is the lab's real capture: 203.0.113.10 weighted, 203.0.113.20 too. */
function director(hostId: string, mutate?: (services: HostSnapshot["services"]) => void): HostSnapshot {
  const text = readFileSync(
    path.resolve(import.meta.dirname, "../../fixtures/lab/ipvsadm-Ln-exact.txt"),
    "utf8",
  );
  const services = servicesWire(parseIpvsadmList(text).services);
  mutate?.(services);
  return { hostId, at: Date.now(), sequence: 1, stale: false, services, nics: [], problems: [] };
}

describe.skipIf(skip)("the DNS tier on real DNS servers", () => {
  let lab: DnsLab;
  let silent: Socket;
  let silentPort = 0;

  beforeAll(async () => {
    lab = await startDnsLab(ZONE);
    // A server that reads every query and never answers.
    silent = createSocket("udp4");
    await new Promise<void>((resolve) => silent.bind(0, "127.0.0.63", resolve));
    silentPort = silent.address().port;
  }, 30_000);

  afterAll(async () => {
    silent?.close();
    await lab?.stop();
  });

  it("answers round robin A and AAAA with their TTLs, follows a CNAME chain, and finds the authoritative servers", async () => {
    const www = await lookupName("www.lb.test", via);
    expect(www).toMatchObject({ ok: true, cnameChain: [] });
    expect(www.ok && www.records.map((r) => [r.family, r.address])).toEqual([
      ["A", "203.0.113.10"],
      ["A", "203.0.113.20"],
      ["AAAA", "2001:db8:100::10"],
    ]);
    expectEvery(www.ok ? www.records : [], (r) => r.ttl >= 0 && r.ttl <= 3);
    const api = await lookupName("api.lb.test", via);
    expect(api).toMatchObject({ ok: true, cnameChain: ["edge.lb.test", "www.lb.test"] });
    expect(await authoritativeServers("www.lb.test", via)).toEqual([AUTHORITATIVE]);
  });

  it("says NXDOMAIN, SERVFAIL and timeout as such, never as no records", async () => {
    expect(await lookupName("nope.lb.test", via)).toMatchObject({ ok: false, failure: "nxdomain" });
    expect(await lookupName("x.broken.test", via)).toMatchObject({ ok: false, failure: "servfail" });
    const started = Date.now();
    expect(
      await lookupName("www.lb.test", { kind: "server", address: `127.0.0.63:${silentPort}` }, 400),
    ).toMatchObject({
      ok: false,
      failure: "timeout",
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("warns while the resolver serves a stale answer, and stops once its TTL ran out", async () => {
    expect((await resolveNameView("www.lb.test", via, [])).warnings.map((w) => w.code)).not.toContain(
      "resolver-differs",
    );
    await lab.setZone(ZONE.replace("www 3 IN A 203.0.113.20", "www 3 IN A 203.0.113.30"));
    const stale = await resolveNameView("www.lb.test", via, []);
    expect(stale.warnings.find((w) => w.code === "resolver-differs")?.message).toMatch(
      /answers 2001:db8:100::10,203\.0\.113\.10,203\.0\.113\.20 .* authoritative servers 2001:db8:100::10,203\.0\.113\.10,203\.0\.113\.30/,
    );
    let fresh = stale;
    for (let i = 0; i < 30 && fresh.warnings.some((w) => w.code === "resolver-differs"); i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      fresh = await resolveNameView("www.lb.test", via, []);
    }
    expect(fresh.warnings.map((w) => w.code)).not.toContain("resolver-differs");
    // Back as it was, and wait until the resolver's cache agrees again, for the tests after this one.
    await lab.setZone(ZONE);
    for (
      let i = 0;
      i < 30 &&
      (await resolveNameView("www.lb.test", via, [])).warnings.some((w) => w.code === "resolver-differs");
      i++
    )
      await new Promise((resolve) => setTimeout(resolve, 250));
  }, 30_000);

  it("joins each address with the VIPs of followed directors and says where clients fail", async () => {
    const healthy = director("lb1");
    const drained = director("lb2", (services) => {
      for (const service of services)
        if (service.address === "203.0.113.20") for (const rs of service.realServers) rs.weight = 0;
    });
    const www = await resolveNameView("www.lb.test", via, [healthy]);
    const byAddress = new Map(www.addresses.map((a) => [a.address, a]));
    expect(byAddress.get("203.0.113.10")?.vip).toMatchObject({ heldBy: ["lb1"] });
    expect(byAddress.get("203.0.113.10")?.vip.weightedBackends).toBeGreaterThan(0);
    expect(byAddress.get("203.0.113.10")?.dnsShare).toBe(0.5);
    const codes = www.warnings.map((w) => w.code);
    // The capture's director has all three (its IPv6 service too): held, but all on one director.
    expect(codes).not.toContain("vip-not-held");
    expect(codes).toContain("single-director");
    expect(www.addresses.map((a) => a.vip.heldBy)).toEqual([["lb1"], ["lb1"], ["lb1"]]);
    expect(www.warnings.find((w) => w.code === "ttl")?.message).toMatch(
      /up to 3 s .*cached as missing for 7 s/,
    );

    const onDrained = await resolveNameView("www.lb.test", via, [drained]);
    expect(onDrained.warnings.find((w) => w.code === "vip-no-weighted-backend")?.message).toMatch(
      /203\.0\.113\.20 \(on lb2\)/,
    );
    const dead = await resolveNameView("dead.lb.test", via, [healthy]);
    expect(dead.warnings.find((w) => w.code === "vip-not-held")?.message).toMatch(
      /203\.0\.113\.99: no followed director/,
    );
    expect(namesPointingAt("203.0.113.10", [www, dead])).toEqual([
      { name: "www.lb.test", ttl: expect.any(Number) },
    ]);
    expect(unnamedVips([www, dead], [healthy]).map((w) => w.message)).toContainEqual(
      expect.stringMatching(/^203\.0\.113\.30 /),
    );
  });

  it("fulcrum dns prints the answers and warnings, saves watched names, and refuses bad input", () => {
    const env = { ...process.env, FULCRUM_DATA: lab.dir };
    const run = (args: string[]) =>
      spawnSync(process.execPath, [FULCRUM, "dns", ...args], {
        cwd: REPO,
        env,
        encoding: "utf8",
        timeout: 30_000,
      });
    const shown = run(["api.lb.test", "--server", RESOLVER]);
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(
      /resolver 127\.0\.0\.62 via CNAME edge\.lb\.test -> www\.lb\.test: 203\.0\.113\.10 \(A, ttl \d s\)/,
    );
    expect(shown.stdout).toMatch(/authoritative 127\.0\.0\.61/);
    const json = run(["nope.lb.test", "--server", RESOLVER, "--json"]);
    expect(JSON.parse(json.stdout).names[0].resolver).toMatchObject({ ok: false, failure: "nxdomain" });
    expect(run(["add", "www.lb.test"]).stdout).toMatch(/watched names: www\.lb\.test/);
    expect(run(["list"]).stdout).toBe("www.lb.test\n");
    expect(run(["--server", RESOLVER]).stdout).toMatch(/^www\.lb\.test\n/);
    expect(run(["not a name"]).status).toBe(2);
    expect(run(["www.lb.test", "--server", "300.1.1.1"]).status).toBe(2);
    expect(run(["--help"]).stdout).toMatch(/examples:/);
  });
});
