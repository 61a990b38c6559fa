import { describe, expect, it } from "vitest";
import { english } from "../../../../renderer/i18n/i18n.ts";
import { toHostOverview } from "../../../../renderer/view-model/host-overview.ts";
import { NO_VALUE } from "../../../../renderer/view-model/format-rate.ts";
import type { HostSummary } from "../../../../core/api.ts";
import { testSnapshot } from "../test-snapshot.ts";

describe("the host overview", () => {
  it("says what each host is, its VIPs, totals and counts, and dashes for a host not yet sampled", () => {
    const snapshot = testSnapshot();
    const director = { id: snapshot.hostId, label: "lb1" } as HostSummary;
    const waiting = { id: "later", label: "lb2" } as HostSummary;
    const rows = toHostOverview(
      [director, waiting],
      { [snapshot.hostId]: snapshot },
      { [snapshot.hostId]: 2 },
      english,
    );
    expect(rows.map((row) => row.label)).toEqual(["lb1", "lb2"]);
    const [first, second] = rows;
    expect(first?.roles).toEqual(["ipvs"]);
    expect(first?.vips).toContain("192.0.2.10:443");
    const active = snapshot.services
      .flatMap((service) => service.realServers)
      .reduce((sum, s) => sum + s.activeConns, 0);
    expect(first?.activeConns).toBe(english.count(active));
    expect(first?.alerts).toBe(2);
    expect(first?.hasSnapshot).toBe(true);
    expect(second).toMatchObject({ hasSnapshot: false, vips: NO_VALUE, activeConns: NO_VALUE, alerts: 0 });
  });
});
