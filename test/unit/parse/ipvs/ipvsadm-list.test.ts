import { describe, expect, it } from "vitest";
import { parseIpvsadmList } from "../../../../core/parse/ipvs/ipvsadm-list.ts";
import { LIST_TITLE, fixture, parseErrorOf } from "./fixtures.ts";

describe("parseIpvsadmList, default form: real samples", () => {
  it("reads the banner and an empty table", () => {
    expect(parseIpvsadmList(fixture("real-header-empty-table.txt"))).toEqual({
      form: "list",
      version: "1.2.1",
      connTableSize: 4096,
      services: [],
    });
  });

  it("reads a NAT service (acassen/keepalived#1757)", () => {
    const listing = parseIpvsadmList(LIST_TITLE + fixture("real-keepalived-1757-list.txt"));
    expect(listing.version).toBeUndefined();
    expect(listing.services).toEqual([
      {
        protocol: "tcp",
        family: "inet",
        address: "10.0.2.15",
        port: 80,
        scheduler: "wlc",
        flags: [],
        realServers: [
          { address: "10.0.2.16", port: 80, forward: "masq", weight: 1, activeConns: 0, inactiveConns: 0 },
        ],
      },
    ]);
  });

  it("reads persistence (acassen/keepalived#1028)", () => {
    const [service] = parseIpvsadmList(LIST_TITLE + fixture("real-keepalived-1028-persistent.txt")).services;
    expect(service).toMatchObject({
      address: "10.10.40.42",
      port: 8066,
      scheduler: "wlc",
      persistent: 1800,
      realServers: [],
    });
    expect(service?.netmask).toBeUndefined();
  });

  it("reads misaligned IPv6 rows (acassen/keepalived#2342)", () => {
    const [service] = parseIpvsadmList(LIST_TITLE + fixture("real-keepalived-2342-ipv6.txt")).services;
    expect(service).toMatchObject({
      protocol: "tcp",
      family: "inet6",
      address: "fd15:4ba5:5a2b:1008:bf28:eb3c:d1e4:1234",
      port: 80,
      scheduler: "rr",
    });
    expect(service?.realServers).toEqual([
      {
        address: "fd15:4ba5:5a2b:1008:bf28:eb3c:d1e4:5555",
        port: 80,
        forward: "route",
        weight: 1,
        activeConns: 0,
        inactiveConns: 2,
      },
    ]);
  });

  it("reads the fwmark service line and stops at the elided row (acassen/keepalived#2450)", () => {
    const text = LIST_TITLE + fixture("real-keepalived-2450-fwm.txt");
    const error = parseErrorOf(() => parseIpvsadmList(text));
    expect(error.line).toBe(4);
    expect(error.found).toContain("...");
    const serviceOnly = parseIpvsadmList(`${text.split("\n").slice(0, 3).join("\n")}\n`);
    expect(serviceOnly.services).toEqual([
      {
        protocol: "fwmark",
        family: "inet",
        fwmark: 1,
        scheduler: "wlc",
        persistent: 50,
        flags: [],
        realServers: [],
      },
    ]);
  });
});

describe("parseIpvsadmList, default form: constructed from print_service_entry()", () => {
  const listing = parseIpvsadmList(fixture("constructed-list.txt"));
  const [web, tls, dns, sctp, fwm1, fwm6, wide] = listing.services;

  it("finds every service", () => {
    expect(listing.form).toBe("list");
    expect(listing.services).toHaveLength(7);
  });

  it("reads destinations with forward, weight and connection counts", () => {
    expect(web?.realServers).toEqual([
      { address: "198.51.100.11", port: 80, forward: "masq", weight: 3, activeConns: 12, inactiveConns: 40 },
      { address: "198.51.100.12", port: 8080, forward: "masq", weight: 0, activeConns: 2, inactiveConns: 7 },
    ]);
  });

  it("reads scheduler flags, persistent, dotted mask and pe", () => {
    expect(tls).toMatchObject({
      scheduler: "sh",
      flags: ["sh-fallback", "sh-port"],
      persistent: 300,
      netmask: "255.255.255.0",
      pe: "sip",
    });
  });

  it("reads ops as a flag, Tunnel and Local, the largest weight", () => {
    expect(dns).toMatchObject({
      protocol: "udp",
      address: "192.0.2.53",
      port: 53,
      scheduler: "rr",
      flags: ["ops"],
    });
    expect(dns?.realServers.map((s) => [s.forward, s.weight, s.inactiveConns])).toEqual([
      ["tunnel", 2, 1500],
      ["local", 65535, 0],
    ]);
  });

  it("reads SCTP over IPv6 and a u32 connection count", () => {
    expect(sctp).toMatchObject({ protocol: "sctp", family: "inet6", address: "2001:db8::a", port: 3868 });
    expect(sctp?.realServers[0]).toMatchObject({
      address: "2001:db8::1:0:0:b",
      port: 3868,
      activeConns: 4294967295,
    });
  });

  it("reads fwmark services, IPv4 and IPv6 (FWM  N IPv6) with a prefix-length mask", () => {
    expect(fwm1).toMatchObject({ protocol: "fwmark", family: "inet", fwmark: 1, persistent: 50 });
    expect(fwm1?.address).toBeUndefined();
    expect(fwm1?.realServers[0]).toMatchObject({
      address: "192.0.2.101",
      port: 0,
      forward: "route",
      weight: 5,
    });
    expect(fwm6).toMatchObject({
      protocol: "fwmark",
      family: "inet6",
      fwmark: 4294967295,
      scheduler: "mh",
      flags: ["mh-fallback"],
      persistent: 600,
      netmask: "64",
    });
    expect(fwm6?.realServers[0]?.address).toBe("2001:db8:10::1");
  });

  it("reads an IPv6 row longer than its column", () => {
    expect(wide).toMatchObject({
      address: "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
      port: 65535,
      netmask: "48",
      persistent: 120,
    });
    expect(wide?.realServers[0]).toMatchObject({
      address: "2001:db8:ffff:ffff:ffff:ffff:ffff:fffe",
      port: 65535,
      forward: "masq",
      weight: 10,
    });
  });

  it("keeps unknown forwarding words and maps dpvs names (no banner)", () => {
    const [service] = parseIpvsadmList(fixture("constructed-list-unknown-forward-no-banner.txt")).services;
    expect(service?.realServers.map((s) => [s.forward, s.forwardRaw])).toEqual([
      ["unknown", "(null)"],
      ["fullnat", undefined],
      ["snat", undefined],
      ["bypass", undefined],
      ["unknown", "Magic"],
    ]);
  });
});

describe("parseIpvsadmList, malformed input", () => {
  const cases: [string, number, string][] = [
    ["malformed-list-destination-first.txt", 4, "service line before"],
    ["malformed-list-missing-column.txt", 5, "6 fields"],
    ["malformed-list-non-number.txt", 6, "weight"],
    ["malformed-list-persistent-without-timeout.txt", 4, "persistence timeout"],
    ["malformed-list-truncated-title.txt", 3, "title"],
  ];
  for (const [name, line, expected] of cases) {
    it(`${name}: ParseError at line ${line}`, () => {
      const error = parseErrorOf(() => parseIpvsadmList(fixture(name)));
      expect(error.line).toBe(line);
      expect(error.expected).toContain(expected);
    });
  }

  it("refuses empty text and a text that is no ipvsadm table", () => {
    expect(parseErrorOf(() => parseIpvsadmList("")).line).toBe(1);
    expect(parseErrorOf(() => parseIpvsadmList("hello\nworld\n")).line).toBe(1);
  });

  it("refuses names without -n, with the line number", () => {
    const error = parseErrorOf(() => parseIpvsadmList(`${LIST_TITLE}TCP  www.example.org:http wlc\n`));
    expect(error.line).toBe(3);
    expect(error.expected).toContain("-n");
  });

  it("refuses words after the service line grammar", () => {
    const error = parseErrorOf(() =>
      parseIpvsadmList(`${LIST_TITLE}TCP  10.0.0.1:80 wlc persistent 30 sticky\n`),
    );
    expect(error.line).toBe(3);
    expect(error.found).toBe("sticky");
  });

  it("refuses a port out of range and an IPv4 mask on no dotted quad", () => {
    expect(parseErrorOf(() => parseIpvsadmList(`${LIST_TITLE}TCP  10.0.0.1:65536 wlc\n`)).line).toBe(3);
    expect(
      parseErrorOf(() => parseIpvsadmList(`${LIST_TITLE}TCP  10.0.0.1:80 wlc persistent 30 mask 24\n`)).line,
    ).toBe(3);
  });
});
