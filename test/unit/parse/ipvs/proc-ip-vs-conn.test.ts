import { describe, expect, it } from "vitest";
import { parseProcIpVsConn } from "../../../../core/parse/ipvs/proc-ip-vs-conn.ts";
import { fixture, parseErrorOf } from "./fixtures.ts";

describe("parseProcIpVsConn", () => {
  it("reads the mesosphere/ip_vs_conn row", () => {
    expect(parseProcIpVsConn(fixture("real-procfs-ip_vs_conn.txt"))).toEqual([
      {
        protocol: "tcp",
        client: { address: "10.0.79.182", port: 69 },
        virtual: { address: "10.0.79.182", port: 8080 },
        destination: { address: "10.0.79.182", port: 8081 },
        state: "SYN_RECV",
        expiresSeconds: 57,
        template: false,
      },
    ]);
  });

  it("reads templates, IPv6 (%pI6), pe data and a destination of the other family", () => {
    const entries = parseProcIpVsConn(fixture("constructed-procfs-ip_vs_conn.txt"));
    expect(
      entries.map((e) => [e.protocol, e.state, e.expiresSeconds, e.template, e.peName, e.peData]),
    ).toEqual([
      ["tcp", "ESTABLISHED", 899, false, undefined, undefined],
      ["tcp", "NONE", 86399, true, undefined, undefined],
      ["udp", "UDP", 299, false, undefined, undefined],
      ["udp", "UDP", 5, false, "sip", "abc123@host"],
      ["tcp", "SYN_RECV", 59, false, undefined, undefined],
    ]);
    expect(entries[0]).toMatchObject({
      client: { address: "192.0.2.200", port: 51234 },
      virtual: { address: "192.0.2.10", port: 80 },
      destination: { address: "198.51.100.11", port: 80 },
    });
    expect(entries[2]).toMatchObject({
      client: { address: "2001:db8::c1", port: 40000 },
      virtual: { address: "2001:db8::a", port: 53 },
      destination: { address: "2001:db8::1:0:0:b", port: 53 },
    });
    expect(entries[4]?.destination).toEqual({ address: "2001:db8::bad", port: 80 });
  });

  it("reads ip_vs_conn_sync with its Origin column", () => {
    const entries = parseProcIpVsConn(fixture("constructed-procfs-ip_vs_conn_sync.txt"));
    expect(entries.map((e) => [e.state, e.origin, e.expiresSeconds])).toEqual([
      ["ESTABLISHED", "LOCAL", 899],
      ["FIN_WAIT", "SYNC", 119],
      ["TIME_WAIT", "SYNC", 1],
    ]);
    expect(entries[1]?.client).toEqual({ address: "192.0.2.203", port: 443 });
    expect(entries[2]?.destination).toEqual({ address: "2001:db8::1:0:0:b", port: 80 });
  });

  it("refuses truncated rows and wrong titles", () => {
    expect(
      parseErrorOf(() => parseProcIpVsConn(fixture("malformed-procfs-ip_vs_conn-truncated.txt"))).line,
    ).toBe(3);
    expect(parseErrorOf(() => parseProcIpVsConn("")).line).toBe(1);
    expect(parseErrorOf(() => parseProcIpVsConn(fixture("real-keepalived-98-conn.txt"))).line).toBe(1);
    const sync = fixture("constructed-procfs-ip_vs_conn_sync.txt").replace("LOCAL ", "OTHER ");
    expect(parseErrorOf(() => parseProcIpVsConn(sync)).found).toBe("OTHER");
    const peNameOnly = fixture("real-procfs-ip_vs_conn.txt").replace(
      "SYN_RECV         57",
      "SYN_RECV         57 sip",
    );
    expect(parseErrorOf(() => parseProcIpVsConn(peNameOnly)).line).toBe(2);
    const shortPort = fixture("real-procfs-ip_vs_conn.txt").replace("1F91", "1F9");
    expect(parseErrorOf(() => parseProcIpVsConn(shortPort)).line).toBe(2);
  });
});
