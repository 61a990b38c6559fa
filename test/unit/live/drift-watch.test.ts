import { describe, expect, it } from "vitest";
import { DriftWatch } from "../../../core/app/drift-watch.ts";
import { testSnapshot } from "../carrier/test-snapshot.ts";

// testSnapshot(): lb1 with TCP 192.0.2.10:443 (NAT backends 10.0.0.10:443 weight 100, ...).
const service = "192.0.2.10:443";
const backend = "10.0.0.10:443";

function withWeight(weight: number) {
  const snapshot = testSnapshot();
  const server = snapshot.services[0]?.realServers.find(
    (candidate) => `${candidate.address}:${candidate.port}` === backend,
  );
  if (!server) throw new Error("test snapshot changed");
  server.weight = weight;
  return snapshot;
}

describe("DriftWatch", () => {
  it("says nothing while the backend keeps the weight Fulcrum set", () => {
    const watch = new DriftWatch();
    watch.watch({ service, backend, weight: 0, forward: "masq", keepalivedManaged: false });
    expect(watch.check(withWeight(0))).toEqual([]);
  });

  it("raises one alert when the weight comes back, naming keepalived when it manages the service", () => {
    const watch = new DriftWatch();
    watch.watch({ service, backend, weight: 0, forward: "masq", keepalivedManaged: true });
    const alerts = watch.check(withWeight(100));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.drift).toMatchObject({ kind: "weight-reverted", applied: 0, observed: 100 });
    expect(alerts[0]?.drift.message).toContain("keepalived");
    expect(watch.check(withWeight(100))).toEqual([]);
  });

  it("reports a backend that disappeared, but not a service missing from a partial snapshot", () => {
    const watch = new DriftWatch();
    watch.watch({ service, backend, weight: 0, forward: "masq", keepalivedManaged: false });
    expect(watch.check({ ...testSnapshot(), services: [] })).toEqual([]);
    const gone = testSnapshot();
    gone.services[0]!.realServers = gone.services[0]!.realServers.filter(
      (server) => `${server.address}:${server.port}` !== backend,
    );
    expect(watch.check(gone).map((alert) => alert.drift.kind)).toEqual(["backend-gone"]);
  });
});
