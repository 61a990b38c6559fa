import { describe, expect, it } from "vitest";
import { detectIpvsadmKind, parseIpvsadm } from "../../../../core/parse/ipvs/index.ts";
import { fixture, parseErrorOf } from "./fixtures.ts";

describe("detectIpvsadmKind", () => {
  const cases: [string, string][] = [
    ["real-header-empty-table.txt", "list"],
    ["constructed-list.txt", "list"],
    ["constructed-list-unknown-forward-no-banner.txt", "list"],
    ["real-header-stats.txt", "stats"],
    ["constructed-stats-exact.txt", "stats"],
    ["real-header-rate.txt", "rate"],
    ["constructed-rate-abbreviated.txt", "rate"],
    ["real-header-persistent-conn.txt", "persistent-conn"],
    ["constructed-thresholds.txt", "thresholds"],
    ["constructed-tun-info.txt", "tun-info"],
    ["real-alibaba-lvs-15-save.txt", "save"],
    ["constructed-save.txt", "save"],
    ["real-keepalived-98-conn.txt", "conn"],
    ["constructed-conn-pe.txt", "conn"],
  ];
  for (const [name, kind] of cases) {
    it(`${name} is ${kind}`, () => {
      expect(detectIpvsadmKind(fixture(name))).toBe(kind);
    });
  }

  it("takes empty text for save output (-S prints nothing without services)", () => {
    expect(detectIpvsadmKind("")).toBe("save");
    expect(detectIpvsadmKind("\n")).toBe("save");
  });

  it("refuses what is no ipvsadm output, procfs included", () => {
    expect(parseErrorOf(() => detectIpvsadmKind("hello\n")).line).toBe(1);
    expect(parseErrorOf(() => detectIpvsadmKind(fixture("real-procfs-ip_vs_stats.txt"))).line).toBe(1);
  });
});

describe("parseIpvsadm", () => {
  it("parses with the detected parser", () => {
    expect(parseIpvsadm(fixture("real-alibaba-lvs-15-save.txt"))).toMatchObject({
      kind: "save",
      services: [{ scheduler: "rr" }],
    });
    expect(parseIpvsadm(fixture("real-keepalived-98-conn.txt"))).toMatchObject({
      kind: "conn",
      connections: [{ state: "SYN_RECV" }],
    });
    const listing = parseIpvsadm(fixture("constructed-stats-exact.txt"));
    expect(listing.kind === "listing" && listing.listing.form).toBe("stats");
  });
});
