import { english } from "../../../../renderer/i18n/i18n.ts";
import { describe, expect, it } from "vitest";
import { toServiceRows } from "../../../../renderer/view-model/service-rows.ts";
import { testSnapshot } from "../test-snapshot.ts";

describe("toServiceRows", () => {
  it("labels, formats and orders a NAT and a DR service", () => {
    const rows = toServiceRows(testSnapshot(), english);
    expect(rows.map((row) => row.label)).toEqual(["TCP 192.0.2.10:443", "TCP 192.0.2.20:80"]);

    const [nat, dr] = rows;
    expect(nat).toMatchObject({
      scheduler: "wlc",
      inboundOnly: false,
      rates: { cps: "12/s", inBps: "45.0 kB/s", outBps: "1.25 MB/s" },
    });
    // 10.0.0.9 sorts before 10.0.0.10 (numeric, not text order).
    expect(nat?.realServers.map((server) => server.endpoint)).toEqual(["10.0.0.9:443", "10.0.0.10:443"]);
    expect(nat?.realServers[1]).toMatchObject({
      forward: "NAT",
      weight: "100",
      activeConns: "1,234",
      inactiveConns: "56",
      rates: { cps: "2/s", inBps: "9.00 kB/s", outBps: "250 kB/s" },
    });
    expect(nat?.realServers[0]?.rates).toBeUndefined();

    expect(dr).toMatchObject({ inboundOnly: true, rates: { cps: "0.5/s", inBps: "800 B/s", outBps: "—" } });
    expect(dr?.realServers[0]).toMatchObject({ forward: "DR", inboundOnly: true, rates: { outBps: "—" } });
  });

  it("marks a service inbound only when every backend is DR or TUN, not when the methods are mixed", () => {
    const base = testSnapshot().services[1]!;
    const backend = base.realServers[0]!;
    const tunnel = { ...backend, address: "10.0.1.2", forward: "tunnel" as const };
    const masq = { ...backend, address: "10.0.1.3", forward: "masq" as const };

    const [allTunnelled] = toServiceRows(
      { services: [{ ...base, realServers: [backend, tunnel] }] },
      english,
    );
    expect(allTunnelled?.inboundOnly).toBe(true);
    expect(allTunnelled?.realServers.map((server) => server.forward)).toEqual(["DR", "TUN"]);

    const [mixed] = toServiceRows({ services: [{ ...base, realServers: [backend, masq] }] }, english);
    expect(mixed?.inboundOnly).toBe(false);
    expect(mixed?.rates?.outBps).toBe("0 B/s");
    expect(mixed?.realServers.map((server) => server.inboundOnly)).toEqual([true, false]);

    const [empty] = toServiceRows({ services: [{ ...base, realServers: [] }] }, english);
    expect(empty?.inboundOnly).toBe(false);
  });

  it("writes IPv6 with brackets, firewall marks by mark, persistence in seconds, and sorts TCP before UDP before FWM", () => {
    const base = testSnapshot().services[0]!;
    const rows = toServiceRows(
      {
        services: [
          { ...base, protocol: "fwmark", address: undefined, port: undefined, fwmark: 42, realServers: [] },
          { ...base, protocol: "udp", address: "192.0.2.10", port: 53, realServers: [] },
          {
            ...base,
            family: "inet6",
            address: "2001:db8::10",
            port: 443,
            persistent: 300,
            realServers: [{ ...base.realServers[0]!, address: "2001:db8::a", port: 8443 }],
          },
          { ...base, address: "192.0.2.10", port: 443, realServers: [] },
        ],
      },
      english,
    );
    expect(rows.map((row) => row.label)).toEqual([
      "TCP 192.0.2.10:443",
      "TCP [2001:db8::10]:443",
      "UDP 192.0.2.10:53",
      "FWM 42",
    ]);
    expect(rows[1]?.persistence).toBe("persistent 300 s");
    expect(rows[1]?.realServers[0]?.endpoint).toBe("[2001:db8::a]:8443");
    expect(rows[0]?.persistence).toBeUndefined();
  });

  it("does not reorder the snapshot it was given", () => {
    const snapshot = testSnapshot();
    const before = JSON.stringify(snapshot);
    toServiceRows(snapshot, english);
    expect(JSON.stringify(snapshot)).toBe(before);
  });

  it("sets each backend's share of conn/s beside its share of weight, and flags a skew", () => {
    const base = testSnapshot().services[0]!;
    const backend = base.realServers[0]!;
    const rate = (cps: number) => ({ ...backend.rates!, cps });
    const [row] = toServiceRows(
      {
        services: [
          {
            ...base,
            realServers: [
              { ...backend, address: "10.0.0.1", weight: 100, rates: rate(30) },
              { ...backend, address: "10.0.0.2", weight: 100, rates: rate(60) },
              { ...backend, address: "10.0.0.3", weight: 0, rates: rate(10) },
            ],
          },
        ],
      },
      english,
    );
    expect(
      row?.realServers.map(({ trafficShare, weightShare, shareSkewed, quiescent }) => ({
        trafficShare,
        weightShare,
        shareSkewed,
        quiescent,
      })),
    ).toEqual([
      { trafficShare: "30 %", weightShare: "50 %", shareSkewed: true, quiescent: false },
      { trafficShare: "60 %", weightShare: "50 %", shareSkewed: false, quiescent: false },
      { trafficShare: "10 %", weightShare: "0 %", shareSkewed: false, quiescent: true },
    ]);
  });

  it("leaves shares blank without counters, on an idle service, or when every weight is 0", () => {
    const base = testSnapshot().services[0]!;
    const [noCounters] = toServiceRows(testSnapshot(), english);
    // 10.0.0.9 has no rates in the fixture, so no backend's traffic share can be known.
    expect(noCounters?.realServers.map((server) => [server.trafficShare, server.weightShare])).toEqual([
      ["—", "33 %"],
      ["—", "67 %"],
    ]);
    const idleRates = { cps: 0, inPps: 0, outPps: 0, inBps: 0, outBps: 0 };
    const [idle] = toServiceRows(
      {
        services: [
          {
            ...base,
            realServers: base.realServers.map((server) => ({ ...server, weight: 0, rates: idleRates })),
          },
        ],
      },
      english,
    );
    expect(
      idle?.realServers.map((server) => [server.trafficShare, server.weightShare, server.quiescent]),
    ).toEqual([
      ["—", "—", true],
      ["—", "—", true],
    ]);
  });
});
