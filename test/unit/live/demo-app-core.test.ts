// The app core with the demo cluster runs the production path: simulated frame text -> frame reader
// -> parsers -> rates -> snapshots published as sampleReceived events.
import { afterEach, describe, expect, it } from "vitest";
import type { HostSnapshot } from "../../../core/api.ts";
import { createAppCore, type AppCore } from "../../../core/app/app-core.ts";
import { createEventHub } from "../../../core/carrier/event-hub.ts";

let core: AppCore | undefined;
afterEach(() => core?.stop());

function nextSnapshots(
  events: ReturnType<typeof createEventHub>,
  hostId: string,
  count: number,
): Promise<HostSnapshot[]> {
  const seen: HostSnapshot[] = [];
  return new Promise((resolve) => {
    const stop = events.subscribe((event, payload) => {
      const snapshot = payload as HostSnapshot;
      if (event !== "sampleReceived" || snapshot.hostId !== hostId) return;
      seen.push(snapshot);
      if (seen.length === count) {
        stop();
        resolve(seen);
      }
    });
  });
}

describe("app core with the demo cluster", () => {
  it("lists the demo hosts as demo and publishes parsed snapshots with rates", async () => {
    const events = createEventHub({ validatePayloads: true });
    core = createAppCore({
      info: { version: "test", carrier: "browser" },
      events,
      hosts: [],
      demoIntervalSeconds: 1,
    });
    expect((await core.handlers.getAppInfo({})).demo).toBe(true);
    const hosts = await core.handlers.listHosts({});
    expect(hosts.map((host) => [host.id, host.kind])).toEqual([
      ["demo-nat-1", "demo"],
      ["demo-dr-1", "demo"],
      ["demo-haproxy-1", "demo"],
    ]);

    const waiting = nextSnapshots(events, "demo-nat-1", 4);
    await core.start();
    const snapshots = await waiting;
    const last = snapshots.at(-1)!;
    expect(last.problems).toEqual([]);
    expect(last.ipvsSource).toBe("ipvsadm");
    expect(last.services.length).toBeGreaterThan(0);
    expect(last.services[0]?.realServers[0]?.forward).toBe("masq");
    // Rates need two readings 2 s apart (the IPVS fold): by the 4th frame at 1 s they exist.
    expect(last.services[0]?.rates?.cps).toBeGreaterThan(0);
    const eth0 = last.nicRates?.eth0;
    expect(eth0?.txUtilisation).toBeGreaterThan(0.5);
    expect(await core.handlers.getSnapshot({ hostId: "demo-nat-1" })).not.toBeNull();
    expect(await core.handlers.getSnapshot({ hostId: "no-such-host" })).toBeNull();
  }, 20_000);
});

describe("servicesWire", () => {
  it("gives exactly what the generic JSON form gives for real listings", async () => {
    const { readFile } = await import("node:fs/promises");
    const { parseIpvsadmList } = await import("../../../core/parse/ipvs/ipvsadm-list.ts");
    const { mergeIpvsStats } = await import("../../../core/sampler/merge-ipvs-stats.ts");
    const { servicesWire } = await import("../../../core/live/services-wire.ts");
    const { toJson } = await import("../../../core/model/json.ts");
    const listed = parseIpvsadmList(await readFile("test/fixtures/lab/ipvsadm-Ln-exact.txt", "utf8"));
    const counted = parseIpvsadmList(await readFile("test/fixtures/lab/large/ipvsadm-Ln-stats.txt", "utf8"));
    const services = mergeIpvsStats(listed.services, counted.services);
    expect(JSON.parse(JSON.stringify(servicesWire(services)))).toEqual(JSON.parse(toJson(services)));
    expect(toJson(services)).toContain('"inexact"');
  });
});
