import { describe, expect, it } from "vitest";
import { parseIpvsadmList } from "../../../../core/parse/ipvs/ipvsadm-list.ts";
import { fixture, parseErrorOf } from "./fixtures.ts";

const STATS_TITLE = fixture("real-header-stats.txt");
const RATE_TITLE = fixture("real-header-rate.txt");

describe("--stats", () => {
  it("recognises the title alone as an empty stats table (no banner)", () => {
    expect(parseIpvsadmList(STATS_TITLE)).toEqual({ form: "stats", services: [] });
  });

  it("reads the python-diamond --exact sample up to its elided row", () => {
    const text = fixture("real-diamond-stats-exact.txt");
    const error = parseErrorOf(() => parseIpvsadmList(text));
    expect(error.line).toBe(7);
    const listing = parseIpvsadmList(`${text.split("\n").slice(0, 6).join("\n")}\n`);
    expect(listing.form).toBe("stats");
    const [http, https] = listing.services;
    expect(http).toMatchObject({
      protocol: "tcp",
      address: "172.16.1.56",
      port: 80,
      scheduler: "",
      flags: [],
    });
    expect(http?.stats).toEqual({
      conns: 116n,
      inPkts: 582893n,
      outPkts: 578642n,
      inBytes: 45293116n,
      outBytes: 826814146n,
    });
    expect(http?.realServers[0]).toEqual({
      address: "10.68.15.66",
      port: 80,
      forward: "unknown",
      weight: 0,
      activeConns: 0,
      inactiveConns: 0,
      stats: { conns: 116n, inPkts: 582893n, outPkts: 578642n, inBytes: 45293116n, outBytes: 826814146n },
      notPrinted: ["forward", "weight", "activeConns", "inactiveConns"],
    });
    expect(https?.stats).toEqual({
      conns: 59n,
      inPkts: 469n,
      outPkts: 469n,
      inBytes: 57558n,
      outBytes: 216873n,
    });
    expect(https?.realServers).toEqual([]);
  });

  it("refuses the dpvs sample's names (printed without -n), but not its numbers", () => {
    const error = parseErrorOf(() => parseIpvsadmList(STATS_TITLE + fixture("real-dpvs-386-stats.txt")));
    expect(error.line).toBe(3);
    expect(error.found).toBe("VIP:https");
    const numeric = fixture("real-dpvs-386-stats.txt").replace("VIP:https", "192.0.2.1:443   ");
    const [service] = parseIpvsadmList(STATS_TITLE + numeric).services;
    expect(service?.stats).toEqual({
      conns: 2515932n,
      inPkts: 125426000n,
      outPkts: 0n,
      inBytes: 13034000000n,
      outBytes: 0n,
      inexact: ["inPkts", "inBytes"],
    });
  });

  it("keeps u64 counters exact with --exact (2^53 + 1, 2^64 - 1)", () => {
    const listing = parseIpvsadmList(fixture("constructed-stats-exact.txt"));
    expect(listing.form).toBe("stats");
    const [tcp, udp, fwm] = listing.services;
    expect(tcp?.stats).toEqual({
      conns: 9007199254740993n,
      inPkts: 18446744073709551615n,
      outPkts: 0n,
      inBytes: 123456789012345678n,
      outBytes: 18446744073709551614n,
    });
    expect(tcp?.stats?.inPkts.toString()).toBe("18446744073709551615");
    expect(tcp?.stats?.inexact).toBeUndefined();
    expect(tcp?.realServers.map((s) => s.stats)).toEqual([
      {
        conns: 9007199254740992n,
        inPkts: 18446744073709551614n,
        outPkts: 0n,
        inBytes: 99999999n,
        outBytes: 100000000n,
      },
      {
        conns: 1n,
        inPkts: 121679550n,
        outPkts: 13034567890n,
        inBytes: 99999999999n,
        outBytes: 100000000000n,
      },
    ]);
    expect(udp).toMatchObject({
      protocol: "udp",
      family: "inet6",
      address: "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
      port: 65535,
    });
    expect(udp?.realServers[0]?.address).toBe("2001:db8:ffff:ffff:ffff:ffff:ffff:fffe");
    expect(fwm).toMatchObject({ protocol: "fwmark", family: "inet6", fwmark: 7 });
    expect(fwm?.stats?.outBytes).toBe(18446744073709551615n);
  });

  it("reads K/M/G/T without --exact and marks exactly those fields inexact", () => {
    const [tcp, udp, fwm] = parseIpvsadmList(fixture("constructed-stats-abbreviated.txt")).services;
    // 9007T and 18446744T touch: "9007T18446744T"
    expect(tcp?.stats).toEqual({
      conns: 9007000000000000n,
      inPkts: 18446744000000000000n,
      outPkts: 0n,
      inBytes: 123456000000000000n,
      outBytes: 18446744000000000000n,
      inexact: ["conns", "inPkts", "inBytes", "outBytes"],
    });
    expect(tcp?.realServers.map((s) => s.stats)).toEqual([
      {
        conns: 9007000000000000n,
        inPkts: 18446744000000000000n,
        outPkts: 0n,
        inBytes: 99999999n,
        outBytes: 100000000n,
        inexact: ["conns", "inPkts", "outBytes"],
      },
      {
        conns: 1n,
        inPkts: 121679000n,
        outPkts: 13034000000n,
        inBytes: 99999000000n,
        outBytes: 100000000000n,
        inexact: ["inPkts", "outPkts", "inBytes", "outBytes"],
      },
    ]);
    expect(udp?.stats).toEqual({
      conns: 2515932n,
      inPkts: 125426000n,
      outPkts: 0n,
      inBytes: 123000000000000n,
      outBytes: 999999000n,
      inexact: ["inPkts", "inBytes", "outBytes"],
    });
    // "        018446744T18446744T": a plain 0 touched by two T values
    expect(fwm?.stats).toEqual({
      conns: 0n,
      inPkts: 0n,
      outPkts: 0n,
      inBytes: 18446744000000000000n,
      outBytes: 18446744000000000000n,
      inexact: ["inBytes", "outBytes"],
    });
    expect(fwm?.realServers[0]?.stats?.inexact).toEqual(["inBytes", "outBytes"]);
  });

  it("refuses truncated rows, stray characters and values past u64", () => {
    expect(parseErrorOf(() => parseIpvsadmList(fixture("malformed-stats-truncated-row.txt"))).line).toBe(5);
    expect(parseErrorOf(() => parseIpvsadmList(fixture("malformed-stats-bad-suffix.txt"))).line).toBe(4);
    expect(parseErrorOf(() => parseIpvsadmList(fixture("malformed-stats-over-u64.txt"))).line).toBe(4);
  });
});

describe("--rate", () => {
  it("reads the dpvs zero-rate row once numeric", () => {
    expect(parseErrorOf(() => parseIpvsadmList(RATE_TITLE + fixture("real-dpvs-386-rate.txt"))).line).toBe(3);
    const numeric = fixture("real-dpvs-386-rate.txt").replace("VIP:https", "192.0.2.1:443   ");
    const listing = parseIpvsadmList(RATE_TITLE + numeric);
    expect(listing.form).toBe("rate");
    expect(listing.services[0]?.rates).toEqual({ cps: 0, inPps: 0, outPps: 0, inBps: 0, outBps: 0 });
  });

  it("reads exact rates (bytes per second as printed)", () => {
    const [tcp, fwm] = parseIpvsadmList(fixture("constructed-rate-exact.txt")).services;
    expect(tcp?.rates).toEqual({ cps: 1234, inPps: 567890123, outPps: 45, inBps: 2500000000, outBps: 0 });
    expect(tcp?.realServers.map((s) => s.rates)).toEqual([
      { cps: 1200, inPps: 567000000, outPps: 45, inBps: 2499999999, outBps: 0 },
      { cps: 34, inPps: 890123, outPps: 0, inBps: 123456, outBps: 100000000000000 },
    ]);
    expect(fwm).toMatchObject({
      protocol: "fwmark",
      fwmark: 3,
      rates: { cps: 0, inPps: 0, outPps: 0, inBps: 0, outBps: 0 },
    });
  });

  it("abbreviates service rates but only InBPS/OutBPS of destinations", () => {
    const [tcp] = parseIpvsadmList(fixture("constructed-rate-abbreviated.txt")).services;
    expect(tcp?.rates).toEqual({
      cps: 1234,
      inPps: 567890000,
      outPps: 45,
      inBps: 2500000000,
      outBps: 0,
      inexact: ["inPps", "inBps"],
    });
    expect(tcp?.realServers.map((s) => s.rates)).toEqual([
      { cps: 1200, inPps: 567000000, outPps: 45, inBps: 2499000000, outBps: 0, inexact: ["inBps"] },
      { cps: 34, inPps: 890123, outPps: 0, inBps: 123456, outBps: 100000000000000, inexact: ["outBps"] },
    ]);
  });

  it("refuses a suffix in a destination's CPS/PPS columns (always %8llu there)", () => {
    const text = fixture("constructed-rate-abbreviated.txt").replace("1200 567000000", "1200  567000K");
    const error = parseErrorOf(() => parseIpvsadmList(text));
    expect(error.line).toBe(5);
    expect(error.found).toBe("567000K");
  });
});

describe("--persistent-conn, --thresholds, --tun-info", () => {
  it("reads the public --persistent-conn sample", () => {
    const listing = parseIpvsadmList(
      fixture("real-header-persistent-conn.txt") + fixture("real-persistent-conn.txt"),
    );
    expect(listing.form).toBe("persistent-conn");
    expect(listing.services).toEqual([
      {
        protocol: "tcp",
        family: "inet",
        address: "10.10.10.11",
        port: 80,
        scheduler: "rr",
        persistent: 120,
        flags: [],
        realServers: [
          {
            address: "192.168.40.24",
            port: 80,
            forward: "unknown",
            weight: 1,
            persistConns: 1,
            activeConns: 0,
            inactiveConns: 2,
            notPrinted: ["forward"],
          },
        ],
      },
    ]);
  });

  it("reads persistent connections, IPv6 included", () => {
    const [service] = parseIpvsadmList(fixture("constructed-persistent-conn.txt")).services;
    expect(service).toMatchObject({ persistent: 300, netmask: "255.255.0.0" });
    expect(
      service?.realServers.map((s) => [s.address, s.weight, s.persistConns, s.activeConns, s.inactiveConns]),
    ).toEqual([
      ["198.51.100.11", 0, 17, 3, 250],
      ["2001:db8::1:0:0:b", 65535, 4294967295, 0, 1],
    ]);
  });

  it("reads thresholds", () => {
    const listing = parseIpvsadmList(fixture("constructed-thresholds.txt"));
    expect(listing.form).toBe("thresholds");
    expect(listing.services[0]?.scheduler).toBe("lc");
    expect(listing.services[0]?.realServers).toEqual([
      {
        address: "198.51.100.11",
        port: 80,
        forward: "unknown",
        weight: 0,
        upperThreshold: 1000,
        lowerThreshold: 800,
        activeConns: 950,
        inactiveConns: 20,
        notPrinted: ["forward", "weight"],
      },
      {
        address: "198.51.100.12",
        port: 80,
        forward: "unknown",
        weight: 0,
        upperThreshold: 0,
        lowerThreshold: 0,
        activeConns: 3,
        inactiveConns: 4,
        notPrinted: ["forward", "weight"],
      },
    ]);
  });

  it("reads tunnel info, n/a meaning none", () => {
    const listing = parseIpvsadmList(fixture("constructed-tun-info.txt"));
    expect(listing.form).toBe("tun-info");
    expect(
      listing.services[0]?.realServers.map((s) => [
        s.forward,
        s.tunnelInfo,
        s.weight,
        s.activeConns,
        s.inactiveConns,
      ]),
    ).toEqual([
      ["tunnel", "ipip", 1, 2, 3],
      ["tunnel", "gue:6080:-c", 2, 0, 0],
      ["tunnel", "gre:r+c", 3, 0, 0],
      ["masq", undefined, 4, 5, 6],
    ]);
  });

  it("refuses a default-form row under a --tun-info title", () => {
    const text = fixture("constructed-tun-info.txt").replace("Tunnel  ipip          1", "Tunnel  1");
    expect(parseErrorOf(() => parseIpvsadmList(text)).line).toBe(5);
  });
});
