import { describe, expect, it } from "vitest";
import { parseIpvsadmSave } from "../../../../core/parse/ipvs/ipvsadm-save.ts";
import { fixture, parseErrorOf } from "./fixtures.ts";

const NO_COUNTS = ["activeConns", "inactiveConns"];

describe("parseIpvsadmSave", () => {
  it("reads the (null) forwarding of a FullNAT kernel (alibaba/LVS#15)", () => {
    expect(parseIpvsadmSave(fixture("real-alibaba-lvs-15-save.txt"))).toEqual([
      {
        protocol: "tcp",
        family: "inet",
        address: "10.10.11.77",
        port: 80,
        scheduler: "rr",
        flags: [],
        realServers: [
          {
            address: "10.10.11.66",
            port: 80,
            forward: "unknown",
            forwardRaw: "(null)",
            weight: 100,
            activeConns: 0,
            inactiveConns: 0,
            notPrinted: NO_COUNTS,
          },
        ],
      },
    ]);
  });

  it("refuses empty input: -Sn prints nothing for an empty table, so alone it cannot be told from lost output", () => {
    for (const text of ["", "\n", "  \n"]) expect(() => parseIpvsadmSave(text)).toThrow(/the input is empty/);
  });

  describe("constructed from the FMT_RULE printf formats", () => {
    const services = parseIpvsadmSave(fixture("constructed-save.txt"));
    const [web, tls, dns, sctp, fwm1, fwm6] = services;

    it("finds every service in order", () => {
      expect(services.map((s) => [s.protocol, s.address ?? s.fwmark, s.realServers.length])).toEqual([
        ["tcp", "192.0.2.10", 2],
        ["tcp", "192.0.2.10", 1],
        ["udp", "192.0.2.53", 4],
        ["sctp", "2001:db8::a", 1],
        ["fwmark", 1, 1],
        ["fwmark", 2, 1],
      ]);
    });

    it("reads masquerading servers, weight 0 included, with zero activity", () => {
      expect(web?.realServers).toEqual([
        {
          address: "198.51.100.11",
          port: 80,
          forward: "masq",
          weight: 3,
          activeConns: 0,
          inactiveConns: 0,
          notPrinted: NO_COUNTS,
        },
        {
          address: "198.51.100.12",
          port: 8080,
          forward: "masq",
          weight: 0,
          activeConns: 0,
          inactiveConns: 0,
          notPrinted: NO_COUNTS,
        },
      ]);
      expect(web?.stats).toBeUndefined();
    });

    it("reads -p, -M, --pe and -b", () => {
      expect(tls).toMatchObject({
        scheduler: "sh",
        persistent: 300,
        netmask: "255.255.255.0",
        pe: "sip",
        flags: ["sh-fallback", "sh-port"],
      });
      expect(tls?.realServers[0]?.forward).toBe("route");
    });

    it("reads -o and the tunnel types in --tun-info spelling", () => {
      expect(dns).toMatchObject({ protocol: "udp", flags: ["ops"] });
      expect(dns?.realServers.map((s) => [s.forward, s.weight, s.tunnelInfo])).toEqual([
        ["tunnel", 2, "ipip"],
        ["tunnel", 1, "gue:6080:r+c"],
        ["tunnel", 1, "gre:+c"],
        ["tunnel", 1, undefined],
      ]);
    });

    it("reads --sctp-service over IPv6 and fwmark services with -6 and a prefix mask", () => {
      expect(sctp).toMatchObject({
        family: "inet6",
        port: 3868,
        realServers: [{ address: "2001:db8::1:0:0:b", port: 3868 }],
      });
      expect(fwm1).toMatchObject({ protocol: "fwmark", family: "inet", fwmark: 1, persistent: 50 });
      expect(fwm1?.realServers[0]).toMatchObject({
        address: "192.0.2.101",
        port: 0,
        forward: "route",
        weight: 5,
      });
      expect(fwm6).toMatchObject({
        protocol: "fwmark",
        family: "inet6",
        fwmark: 2,
        scheduler: "mh",
        persistent: 600,
        netmask: "64",
        flags: ["mh-fallback"],
      });
      expect(fwm6?.realServers[0]?.address).toBe("2001:db8:10::1");
    });
  });

  it("accepts -x/-y thresholds when a rules file carries them", () => {
    const [service] = parseIpvsadmSave(
      "-A -t 10.0.0.1:80 -s lc\n-a -t 10.0.0.1:80 -r 10.0.0.2:80 -m -w 2 -x 100 -y 50\n",
    );
    expect(service?.realServers[0]).toMatchObject({ weight: 2, upperThreshold: 100, lowerThreshold: 50 });
  });

  it("refuses broken rules with their line number", () => {
    expect(
      parseErrorOf(() => parseIpvsadmSave(fixture("malformed-save-server-before-service.txt"))).line,
    ).toBe(2);
    expect(parseErrorOf(() => parseIpvsadmSave(fixture("malformed-save-truncated.txt"))).line).toBe(2);
    expect(
      parseErrorOf(() => parseIpvsadmSave("-A -t 10.0.0.1:80 -s rr\n-A -t 10.0.0.1:80 -s wlc\n")).line,
    ).toBe(2);
    expect(parseErrorOf(() => parseIpvsadmSave("-A -t 10.0.0.1:80\n")).expected).toContain("-s");
    expect(parseErrorOf(() => parseIpvsadmSave("-A -t 10.0.0.1:80 -s rr --frobnicate\n")).found).toBe(
      "--frobnicate",
    );
    expect(parseErrorOf(() => parseIpvsadmSave("\n-E -t 10.0.0.1:80 -s rr\n")).line).toBe(2);
    expect(parseErrorOf(() => parseIpvsadmSave("-A -t 10.0.0.1:80 -s rr -p 300 -M 24\n")).expected).toContain(
      "netmask",
    );
    expect(
      parseErrorOf(() =>
        parseIpvsadmSave(
          "-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 10.0.0.2:80 -m -w 1 --tun-type vxlan\n",
        ),
      ).found,
    ).toBe("vxlan");
  });
});
