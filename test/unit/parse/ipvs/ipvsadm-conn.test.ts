import { describe, expect, it } from "vitest";
import { parseIpvsadmConnections } from "../../../../core/parse/ipvs/ipvsadm-conn.ts";
import { fixture, parseErrorOf } from "./fixtures.ts";

const TITLES =
  "IPVS connection entries\npro expire state       source             virtual            destination\n";

describe("parseIpvsadmConnections", () => {
  it("reads a SYN_RECV entry (acassen/keepalived#98)", () => {
    expect(parseIpvsadmConnections(fixture("real-keepalived-98-conn.txt"))).toEqual([
      {
        protocol: "tcp",
        client: { address: "192.168.1.20", port: 55746 },
        virtual: { address: "192.168.1.10", port: 80 },
        destination: { address: "192.168.1.15", port: 80 },
        state: "SYN_RECV",
        expiresSeconds: 37,
        template: false,
      },
    ]);
  });

  it("reads unbounded minutes (acassen/keepalived#1138)", () => {
    const [entry] = parseIpvsadmConnections(TITLES + fixture("real-keepalived-1138-conn.txt"));
    expect(entry).toMatchObject({
      state: "ESTABLISHED",
      expiresSeconds: 133 * 60 + 35,
      client: { address: "10.142.81.39", port: 49715 },
    });
  });

  it("recognises a persistence template (state NONE, client port 0)", () => {
    const [entry] = parseIpvsadmConnections(TITLES + fixture("real-template-conn.txt"));
    expect(entry).toMatchObject({
      state: "NONE",
      template: true,
      client: { address: "192.168.122.1", port: 0 },
      expiresSeconds: 249,
    });
  });

  it("recognises an ASSURED template (newer kernels) but not a client port 0 in another state", () => {
    const assured = parseIpvsadmConnections(
      `${TITLES}TCP 04:53  ASSURED     198.51.100.0:0     203.0.113.60:80    192.0.2.13:80\n`,
    );
    expect(assured[0]?.template).toBe(true);
    const odd = parseIpvsadmConnections(
      `${TITLES}TCP 04:53  TIME_WAIT   198.51.100.0:0     203.0.113.60:80    192.0.2.13:80\n`,
    );
    expect(odd[0]?.template).toBe(false);
    const early = parseIpvsadmConnections(
      `${TITLES}TCP 01:00  NONE        198.51.100.2:40000 203.0.113.60:80    192.0.2.13:80\n`,
    );
    expect(early[0]?.template).toBe(false);
  });

  it("reads the --persistent-conn table: IPv6, templates, pe columns", () => {
    const entries = parseIpvsadmConnections(fixture("constructed-conn-pe.txt"));
    expect(
      entries.map((e) => [e.protocol, e.state, e.expiresSeconds, e.template, e.peName, e.peData]),
    ).toEqual([
      ["tcp", "ESTABLISHED", 899, false, undefined, undefined],
      ["tcp", "NONE", 86400, true, undefined, undefined],
      ["udp", "UDP", 299, false, undefined, undefined],
      ["udp", "UDP", 5, false, "sip", "abc123@host"],
    ]);
    expect(entries[2]).toMatchObject({
      client: { address: "2001:db8::c1", port: 40000 },
      virtual: { address: "2001:db8::a", port: 53 },
      destination: { address: "2001:db8::1:0:0:b", port: 53 },
    });
  });

  it("returns no entries for an empty table", () => {
    expect(parseIpvsadmConnections(TITLES)).toEqual([]);
  });

  it("refuses malformed rows and titles with their line number", () => {
    expect(parseErrorOf(() => parseIpvsadmConnections(fixture("malformed-conn-expire.txt"))).line).toBe(4);
    expect(
      parseErrorOf(() => parseIpvsadmConnections(fixture("malformed-conn-truncated-row.txt"))).line,
    ).toBe(3);
    expect(parseErrorOf(() => parseIpvsadmConnections("")).line).toBe(1);
    expect(parseErrorOf(() => parseIpvsadmConnections("IPVS connection entries\n")).line).toBe(2);
    expect(
      parseErrorOf(() =>
        parseIpvsadmConnections(`${TITLES}TCP 00:61  SYN_RECV    1.2.3.4:5 1.2.3.4:80 1.2.3.5:80\n`),
      ).line,
    ).toBe(3);
    // pe columns only under the --persistent-conn title
    const pe = `${TITLES}UDP 00:05  UDP         192.0.2.201:5060   192.0.2.10:5060    198.51.100.12:5060 sip abc\n`;
    expect(parseErrorOf(() => parseIpvsadmConnections(pe)).line).toBe(3);
  });
});
