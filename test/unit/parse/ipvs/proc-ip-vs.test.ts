import { describe, expect, it } from "vitest";
import { parseProcIpVs } from "../../../../core/parse/ipvs/proc-ip-vs.ts";
import { fixture, parseErrorOf } from "./fixtures.ts";

const PROC_TITLE =
  "Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port Forward Weight ActiveConn InActConn\n";

describe("parseProcIpVs: prometheus/procfs fixture", () => {
  const listing = parseProcIpVs(fixture("real-procfs-ip_vs.txt"));

  it("reads the banner and five services", () => {
    expect(listing.form).toBe("list");
    expect(listing.version).toBe("1.2.1");
    expect(listing.connTableSize).toBe(4096);
    expect(listing.services).toHaveLength(5);
  });

  it("converts hex IPv4 addresses and ports", () => {
    const [first] = listing.services;
    expect(first).toMatchObject({
      protocol: "tcp",
      family: "inet",
      address: "192.168.0.22",
      port: 3306,
      scheduler: "wlc",
      flags: [],
    });
    expect(first?.realServers).toEqual([
      {
        address: "192.168.82.22",
        port: 3306,
        forward: "tunnel",
        weight: 100,
        activeConns: 248,
        inactiveConns: 2,
      },
      {
        address: "192.168.83.24",
        port: 3306,
        forward: "tunnel",
        weight: 100,
        activeConns: 248,
        inactiveConns: 2,
      },
      {
        address: "192.168.83.21",
        port: 3306,
        forward: "tunnel",
        weight: 100,
        activeConns: 248,
        inactiveConns: 1,
      },
    ]);
    expect(listing.services[1]?.realServers[1]).toMatchObject({
      address: "192.168.82.21",
      activeConns: 1499,
    });
  });

  it("compresses expanded IPv6 (RFC 5952)", () => {
    const v6 = listing.services[3];
    expect(v6).toMatchObject({ family: "inet6", address: "2620::1", port: 80, scheduler: "sh" });
    expect(
      v6?.realServers.map((s) => [s.address, s.port, s.forward, s.activeConns, s.inactiveConns]),
    ).toEqual([
      ["2620::2", 80, "route", 0, 0],
      ["2620::3", 80, "route", 0, 0],
      ["2620::4", 80, "route", 1, 1],
    ]);
  });

  it("turns the hex fwmark into decimal", () => {
    const fwm = listing.services[4];
    expect(fwm).toMatchObject({ protocol: "fwmark", family: "inet", fwmark: 268439552 });
    expect(fwm?.address).toBeUndefined();
    expect(fwm?.realServers.map((s) => [s.address, s.port, s.weight, s.inactiveConns])).toEqual([
      ["192.168.50.26", 3306, 0, 1],
      ["192.168.50.21", 3306, 0, 2],
    ]);
  });
});

describe("parseProcIpVs: other inputs", () => {
  it("reads the node_exporter#1296 rows (no banner)", () => {
    const [fwm] = parseProcIpVs(PROC_TITLE + fixture("real-node-exporter-1296-ip_vs.txt")).services;
    expect(fwm).toMatchObject({ protocol: "fwmark", fwmark: 0x3da3, scheduler: "rr" });
    expect(fwm?.fwmark).toBe(15779);
    expect(fwm?.realServers[0]).toMatchObject({
      address: "100.99.5.52",
      port: 443,
      forward: "tunnel",
      weight: 1,
    });
  });

  it("keeps persistence in jiffies unless HZ is given", () => {
    const raw = parseProcIpVs(fixture("constructed-procfs-ip_vs.txt"));
    expect(raw.services[0]).toMatchObject({ persistentJiffies: 75000, netmask: "255.255.255.0" });
    expect(raw.services[0]?.persistent).toBeUndefined();
    const atHz250 = parseProcIpVs(fixture("constructed-procfs-ip_vs.txt"), { hz: 250 });
    expect(atHz250.services.map((s) => s.persistent)).toEqual([300, undefined, 300, 600, 10, undefined]);
  });

  it("reads ops, the host mask, FWM IPv6 and both byte orders of an IPv6 prefix", () => {
    const [tls, dns, web, fwm6, sctp, bare] = parseProcIpVs(fixture("constructed-procfs-ip_vs.txt"), {
      hz: 250,
    }).services;
    expect(tls).toMatchObject({ address: "192.0.2.10", port: 443, scheduler: "sh", flags: [] });
    expect(dns).toMatchObject({ protocol: "udp", address: "192.0.2.53", port: 53, flags: ["ops"] });
    expect(dns?.realServers[0]).toMatchObject({
      address: "198.51.100.21",
      forward: "masq",
      weight: 2,
      inactiveConns: 1500,
    });
    expect(web).toMatchObject({ persistent: 300, realServers: [] });
    expect(web?.netmask).toBeUndefined(); // FFFFFFFF, not printed by ipvsadm either
    expect(fwm6).toMatchObject({
      protocol: "fwmark",
      fwmark: 2,
      family: "inet6",
      netmask: "64",
      scheduler: "mh",
    });
    expect(fwm6?.realServers[0]).toMatchObject({ address: "2001:db8:10::1", port: 0 });
    expect(sctp).toMatchObject({
      protocol: "sctp",
      family: "inet6",
      address: "2001:db8::a",
      port: 3868,
      netmask: "48",
    });
    expect(sctp?.realServers[0]).toMatchObject({ address: "2001:db8::1:0:0:b", forward: "local" });
    expect(bare).toMatchObject({ protocol: "fwmark", fwmark: 4294967295, family: "inet", realServers: [] });
  });

  it("refuses bad hex, short rows, rows before a service and a missing title", () => {
    const badHex = parseErrorOf(() => parseProcIpVs(fixture("malformed-procfs-ip_vs-bad-hex.txt")));
    expect(badHex.line).toBe(5);
    expect(badHex.found).toBe("C0A8521G");
    expect(
      parseErrorOf(() => parseProcIpVs(`${PROC_TITLE}  -> C0A85216:0CEA      Tunnel  100    248        2\n`))
        .line,
    ).toBe(3);
    expect(
      parseErrorOf(() =>
        parseProcIpVs(`${PROC_TITLE}TCP  C0A80016:0CEA wlc\n  -> C0A85216:0CEA      Tunnel  100    248\n`),
      ).line,
    ).toBe(4);
    expect(
      parseErrorOf(() => parseProcIpVs(`${PROC_TITLE}TCP  C0A80016:0CEA wlc persistent 75000\n`)).line,
    ).toBe(3);
    expect(parseErrorOf(() => parseProcIpVs(`${PROC_TITLE}TCP  192.168.0.22:3306 wlc\n`)).line).toBe(3);
    expect(parseErrorOf(() => parseProcIpVs("")).line).toBe(1);
  });

  it("rejects a nonsensical HZ", () => {
    expect(() => parseProcIpVs(fixture("real-procfs-ip_vs.txt"), { hz: 0 })).toThrow(RangeError);
  });
});
