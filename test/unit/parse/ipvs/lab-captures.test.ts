/**
 * Real captures from the qemu lab (Debian kernel 6.1, ipvsadm 1.31): test/fixtures/lab/. The
 * expected values come from test/fixtures/lab/README.md, which derives them from the traffic the
 * lab sent ("Expected values" tables). Byte and packet counts of TCP vary between captures; only
 * what the README calls exact is asserted as a constant, the rest as cross-file consistency.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { IpvsListing, RealServer, VirtualService } from "../../../../core/model/ipvs.ts";
import { COUNTER_FIELDS } from "../../../../core/model/counters.ts";
import { backendKey, serviceKey } from "../../../../core/model/service-key.ts";
import {
  detectIpvsadmKind,
  parseIpvsadmConnections,
  parseIpvsadmList,
  parseIpvsadmSave,
  parseProcIpVs,
  parseProcIpVsConn,
  parseProcIpVsStats,
} from "../../../../core/parse/ipvs/index.ts";
import { expectEvery } from "../../../support/expect-every.ts";

const LAB = new URL("../../../fixtures/lab/", import.meta.url);
const lab = (name: string): string => readFileSync(new URL(name, LAB), "utf8");
const HZ = 250; // README: "Kernel HZ = 250"

function service(listing: IpvsListing | VirtualService[], key: string): VirtualService {
  const services = Array.isArray(listing) ? listing : listing.services;
  const found = services.find((s) => serviceKey(s) === key);
  if (!found) throw new Error(`no service ${key} in ${services.map(serviceKey).join(", ")}`);
  return found;
}

function server(svc: VirtualService, address: string): RealServer {
  const found = svc.realServers.find((s) => s.address === address);
  if (!found) throw new Error(`no ${address} behind ${serviceKey(svc)}`);
  return found;
}

const RS = ["192.0.2.11", "192.0.2.12", "192.0.2.13"];
const NAT = "203.0.113.10:80";
const DR = "203.0.113.20:80";
const TUN = "203.0.113.30:80";
const UDP = "udp:203.0.113.40:9000";
const PERSISTENT = "203.0.113.60:80";
const SCTP = "sctp:203.0.113.70:5000";
const V6 = "[2001:db8:100::10]:80";
const FWM = "fwm:1";

describe("lab: every capture parses and is detected as what it is", () => {
  const kinds: [string, string][] = [
    ["ipvsadm-Ln.txt", "list"],
    ["ipvsadm-Ln-exact.txt", "list"],
    ["ipvsadm-Ln-stats.txt", "stats"],
    ["ipvsadm-Ln-stats-exact.txt", "stats"],
    ["ipvsadm-Ln-rate.txt", "rate"],
    ["ipvsadm-Ln-rate-exact.txt", "rate"],
    ["ipvsadm-Ln-persistent-conn.txt", "persistent-conn"],
    ["ipvsadm-Ln-thresholds.txt", "thresholds"],
    ["ipvsadm-Ln-tun-info.txt", "tun-info"],
    ["ipvsadm-Lnc.txt", "conn"],
    ["ipvsadm-Sn.txt", "save"],
    ["ipvsadm-save-n.txt", "save"],
    ["large/ipvsadm-Ln.txt", "list"],
    ["large/ipvsadm-Ln-exact.txt", "list"],
    ["large/ipvsadm-Ln-stats.txt", "stats"],
    ["large/ipvsadm-Ln-stats-exact.txt", "stats"],
    ["large/ipvsadm-Ln-rate.txt", "rate"],
    ["large/ipvsadm-Ln-rate-exact.txt", "rate"],
  ];
  for (const [file, kind] of kinds) {
    it(`${file}: ${kind}`, () => {
      const text = lab(file);
      expect(detectIpvsadmKind(text)).toBe(kind);
      if (kind === "conn") expect(parseIpvsadmConnections(text).length).toBeGreaterThan(0);
      else if (kind === "save") expect(parseIpvsadmSave(text)).toHaveLength(8);
      else {
        const listing = parseIpvsadmList(text);
        expect(listing.form).toBe(kind);
        expect(listing.version).toBe("1.2.1");
        expect(listing.connTableSize).toBe(4096);
        expect(listing.services).toHaveLength(8);
      }
    });
  }
});

describe("lab main capture: ipvsadm -Ln", () => {
  const listing = parseIpvsadmList(lab("ipvsadm-Ln.txt"));

  it("is the same with --exact", () => {
    expect(parseIpvsadmList(lab("ipvsadm-Ln-exact.txt"))).toEqual(listing);
  });

  it("shows the services init.sh built", () => {
    expect(listing.services.map((s) => [serviceKey(s), s.scheduler])).toEqual(
      expect.arrayContaining([
        [NAT, "wrr"],
        [DR, "rr"],
        [TUN, "rr"],
        [UDP, "rr"],
        [FWM, "wlc"],
        [V6, "rr"],
        [PERSISTENT, "wlc"],
        [SCTP, "sh"],
      ]),
    );
    expect(service(listing, PERSISTENT)).toMatchObject({ persistent: 300, netmask: "255.255.255.0" });
    expect(service(listing, FWM)).toMatchObject({ protocol: "fwmark", family: "inet", fwmark: 1 });
    expect(service(listing, V6).realServers.map((s) => s.address)).toEqual([
      "2001:db8:1::11",
      "2001:db8:1::12",
      "2001:db8:1::13",
    ]);
  });

  it("NAT: wrr weights 3/1/0, everything in TIME_WAIT (inactive)", () => {
    const nat = service(listing, NAT);
    expect(
      RS.map((a) => {
        const s = server(nat, a);
        return [s.forward, s.weight, s.activeConns, s.inactiveConns];
      }),
    ).toEqual([
      ["masq", 3, 0, 30],
      ["masq", 1, 0, 10],
      ["masq", 0, 0, 0],
    ]);
  });

  it("DR, TUN, UDP and the persistent service", () => {
    for (const a of RS) {
      expect(server(service(listing, DR), a)).toMatchObject({
        forward: "route",
        weight: 1,
        activeConns: 0,
        inactiveConns: 10,
      });
      expect(server(service(listing, TUN), a)).toMatchObject({
        forward: "tunnel",
        weight: 1,
        activeConns: 0,
        inactiveConns: 4,
      });
      expect(server(service(listing, UDP), a)).toMatchObject({ activeConns: 0, inactiveConns: 7 });
    }
    expect(server(service(listing, PERSISTENT), "192.0.2.13")).toMatchObject({
      forward: "masq",
      weight: 1,
      activeConns: 1,
      inactiveConns: 10,
    });
  });
});

describe("lab main capture: --stats", () => {
  const exact = parseIpvsadmList(lab("ipvsadm-Ln-stats-exact.txt"));
  const conns = (key: string, address?: string): bigint | undefined =>
    (address ? server(service(exact, key), address).stats : service(exact, key).stats)?.conns;

  it("is identical without --exact (every value below 10^8: no suffix, nothing inexact)", () => {
    const plain = parseIpvsadmList(lab("ipvsadm-Ln-stats.txt"));
    expect(plain).toEqual(exact);
    for (const s of plain.services) {
      expect(s.stats?.inexact).toBeUndefined();
      for (const r of s.realServers) expect(r.stats?.inexact).toBeUndefined();
    }
  });

  it("counts connections exactly as the traffic was sent", () => {
    expect([conns(NAT), ...RS.map((a) => conns(NAT, a))]).toEqual([40n, 30n, 10n, 0n]);
    expect([conns(DR), ...RS.map((a) => conns(DR, a))]).toEqual([30n, 10n, 10n, 10n]);
    expect([conns(TUN), ...RS.map((a) => conns(TUN, a))]).toEqual([12n, 4n, 4n, 4n]);
    expect([conns(FWM), ...RS.map((a) => conns(FWM, a))]).toEqual([9n, 3n, 3n, 3n]);
    expect([
      conns(V6),
      ...["2001:db8:1::11", "2001:db8:1::12", "2001:db8:1::13"].map((a) => conns(V6, a)),
    ]).toEqual([9n, 3n, 3n, 3n]);
    expect([conns(PERSISTENT), ...RS.map((a) => conns(PERSISTENT, a))]).toEqual([11n, 0n, 0n, 11n]);
  });

  it("NAT rs3 (weight 0), rs1/rs2 of the persistent service and SCTP are all zero", () => {
    const zero = { conns: 0n, inPkts: 0n, outPkts: 0n, inBytes: 0n, outBytes: 0n };
    expect(server(service(exact, NAT), "192.0.2.13").stats).toEqual(zero);
    expect(server(service(exact, PERSISTENT), "192.0.2.11").stats).toEqual(zero);
    expect(server(service(exact, PERSISTENT), "192.0.2.12").stats).toEqual(zero);
    expect(service(exact, SCTP).stats).toEqual(zero);
    for (const r of service(exact, SCTP).realServers) expect(r.stats).toEqual(zero);
  });

  it("DR and TUN: nothing outbound (replies bypass the director)", () => {
    for (const key of [DR, TUN]) {
      const svc = service(exact, key);
      for (const stats of [svc.stats, ...svc.realServers.map((r) => r.stats)]) {
        expect(stats?.outPkts).toBe(0n);
        expect(stats?.outBytes).toBe(0n);
      }
    }
  });

  it("UDP: 21 datagrams of 128 bytes each way, 7 per destination", () => {
    const udp = service(exact, UDP);
    expect(udp.stats).toEqual({ conns: 21n, inPkts: 21n, outPkts: 21n, inBytes: 2688n, outBytes: 2688n });
    for (const a of RS)
      expect(server(udp, a).stats).toEqual({
        conns: 7n,
        inPkts: 7n,
        outPkts: 7n,
        inBytes: 896n,
        outBytes: 896n,
      });
  });

  it("/proc/net/ip_vs_stats totals equal the sum of the service rows", () => {
    const { totals } = parseProcIpVsStats(lab("proc-net-ip_vs_stats.txt"));
    expect(totals).toEqual({
      conns: 132n,
      inPkts: 0x2f5n,
      outPkts: 0x17dn,
      inBytes: 0xca0an,
      outBytes: 0x916cn,
    });
    for (const field of COUNTER_FIELDS) {
      expect(
        exact.services.reduce((sum, s) => sum + (s.stats?.[field] ?? 0n), 0n),
        field,
      ).toBe(totals[field]);
    }
  });
});

describe("lab main capture: the other tables", () => {
  it("--rate and --rate --exact agree (small EWMA values)", () => {
    const rate = parseIpvsadmList(lab("ipvsadm-Ln-rate.txt"));
    expect(parseIpvsadmList(lab("ipvsadm-Ln-rate-exact.txt"))).toEqual(rate);
    expect(service(rate, NAT).rates).toEqual({ cps: 1, inPps: 9, outPps: 7, inBps: 561, outBps: 657 });
  });

  it("--persistent-conn: one template on 192.0.2.13", () => {
    const listing = parseIpvsadmList(lab("ipvsadm-Ln-persistent-conn.txt"));
    expect(server(service(listing, PERSISTENT), "192.0.2.13")).toMatchObject({
      weight: 1,
      persistConns: 1,
      activeConns: 1,
      inactiveConns: 10,
    });
  });

  it("--thresholds: -x/-y on the NAT destinations", () => {
    const nat = service(parseIpvsadmList(lab("ipvsadm-Ln-thresholds.txt")), NAT);
    expect(
      RS.map((a) => {
        const s = server(nat, a);
        return [s.upperThreshold, s.lowerThreshold, s.activeConns, s.inactiveConns];
      }),
    ).toEqual([
      [1000, 800, 0, 30],
      [500, 0, 0, 10],
      [0, 0, 0, 0],
    ]);
  });

  it("--tun-info: ipip on Tunnel destinations, none (n/a) elsewhere", () => {
    const listing = parseIpvsadmList(lab("ipvsadm-Ln-tun-info.txt"));
    for (const a of RS) {
      expect(server(service(listing, TUN), a)).toMatchObject({ forward: "tunnel", tunnelInfo: "ipip" });
      expect(server(service(listing, NAT), a).tunnelInfo).toBeUndefined();
    }
  });

  it("ipvsadm -Sn and ipvsadm-save -n: the same rules; tunnels, persistence; thresholds dropped", () => {
    const saved = parseIpvsadmSave(lab("ipvsadm-Sn.txt"));
    expect(parseIpvsadmSave(lab("ipvsadm-save-n.txt"))).toEqual(saved);
    expect(
      service(saved, NAT).realServers.map((r) => [r.address, r.forward, r.weight, r.upperThreshold]),
    ).toEqual([
      ["192.0.2.11", "masq", 3, undefined],
      ["192.0.2.12", "masq", 1, undefined],
      ["192.0.2.13", "masq", 0, undefined],
    ]);
    expectEvery(service(saved, TUN).realServers, (r) => r.forward === "tunnel" && r.tunnelInfo === "ipip");
    expect(service(saved, PERSISTENT)).toMatchObject({ persistent: 300, netmask: "255.255.255.0" });
    expectEvery(service(saved, DR).realServers, (r) => r.forward === "route");
  });

  it("ipvsadm -Ln and /proc/net/ip_vs (HZ=250) name and describe every service the same way", () => {
    const byKey = (services: VirtualService[]) =>
      Object.fromEntries(
        services.map((s) => {
          const { realServers, persistentJiffies: _jiffies, ...rest } = s;
          const servers = [...realServers].sort((a, b) => backendKey(a).localeCompare(backendKey(b)));
          return [serviceKey(s), { ...rest, realServers: servers }];
        }),
      );
    const proc = parseProcIpVs(lab("proc-net-ip_vs.txt"), { hz: HZ });
    expect(service(proc, PERSISTENT).persistentJiffies).toBe(75000);
    expect(byKey(proc.services)).toEqual(byKey(parseIpvsadmList(lab("ipvsadm-Ln.txt")).services));
  });
});

describe("lab main capture: connection table", () => {
  const listed = parseIpvsadmConnections(lab("ipvsadm-Lnc.txt"));
  const proc = parseProcIpVsConn(lab("proc-net-ip_vs_conn.txt"));

  it("has 133 entries by state, one of them the ASSURED template", () => {
    for (const entries of [listed, proc]) {
      expect(entries).toHaveLength(133);
      const count = (state: string) => entries.filter((e) => e.state === state).length;
      expect([count("TIME_WAIT"), count("FIN_WAIT"), count("UDP"), count("ESTABLISHED")]).toEqual([
        68, 42, 21, 1,
      ]);
      const templates = entries.filter((e) => e.template);
      expect(templates).toHaveLength(1);
      expect(templates[0]).toMatchObject({
        protocol: "tcp",
        state: "ASSURED",
        client: { address: "198.51.100.0", port: 0 },
        virtual: { address: "203.0.113.60", port: 80 },
        destination: { address: "192.0.2.13", port: 80 },
      });
    }
  });

  it("ipvsadm -Lnc and /proc/net/ip_vs_conn list the same connections", () => {
    const key = (e: (typeof listed)[number]) =>
      `${e.protocol} ${e.state} ${e.client.address}:${e.client.port} ${e.virtual.address}:${e.virtual.port} ${e.destination.address}:${e.destination.port}`;
    expect(listed.map(key).sort()).toEqual(proc.map(key).sort());
    expect(
      listed.some((e) => e.client.address === "2001:db8:c::2" && e.virtual.address === "2001:db8:100::10"),
    ).toBe(true);
  });
});

describe("lab large/: K and M suffixes on real counters", () => {
  const exact = parseIpvsadmList(lab("large/ipvsadm-Ln-stats-exact.txt"));
  const plain = parseIpvsadmList(lab("large/ipvsadm-Ln-stats.txt"));

  it("NAT Conns 72: 54 / 18 / 0, in both files", () => {
    for (const listing of [exact, plain]) {
      const nat = service(listing, NAT);
      expect([nat.stats?.conns, ...RS.map((a) => server(nat, a).stats?.conns)]).toEqual([72n, 54n, 18n, 0n]);
    }
  });

  it("NAT OutBytes without --exact: 1679M, 1259M, 419949K, marked inexact", () => {
    const nat = service(plain, NAT);
    expect(nat.stats).toMatchObject({ outBytes: 1679000000n, inexact: ["outBytes"] });
    expect(server(nat, "192.0.2.11").stats).toMatchObject({ outBytes: 1259000000n, inexact: ["outBytes"] });
    expect(server(nat, "192.0.2.12").stats).toMatchObject({ outBytes: 419949000n, inexact: ["outBytes"] });
    expect(server(service(exact, NAT), "192.0.2.12").stats?.outBytes).toBe(419949494n);
  });

  it("every abbreviated counter is the exact one truncated by the suffix rule, and only those are inexact", () => {
    const truncate = (v: bigint): bigint =>
      v < 100000000n
        ? v
        : v < 1000000000n
          ? (v / 1000n) * 1000n
          : v < 100000000000n
            ? (v / 1000000n) * 1000000n
            : v < 100000000000000n
              ? (v / 1000000000n) * 1000000000n
              : (v / 1000000000000n) * 1000000000000n;
    let suffixed = 0;
    plain.services.forEach((s, i) => {
      const e = exact.services[i] as VirtualService;
      const pairs = [[s.stats, e.stats], ...s.realServers.map((r, j) => [r.stats, e.realServers[j]?.stats])];
      for (const [abbreviated, full] of pairs) {
        for (const field of COUNTER_FIELDS) {
          const value = full?.[field] as bigint;
          expect(abbreviated?.[field]).toBe(truncate(value));
          expect(abbreviated?.inexact?.includes(field) ?? false).toBe(value >= 100000000n);
          if (value >= 100000000n) suffixed++;
        }
      }
    });
    expect(suffixed).toBeGreaterThanOrEqual(3);
  });

  it("--rate: the service's OutBPS 104074K is inexact; destination BPS below 10^8 stay plain", () => {
    const nat = service(parseIpvsadmList(lab("large/ipvsadm-Ln-rate.txt")), NAT);
    expect(nat.rates).toMatchObject({ outBps: 104074000, inexact: ["outBps"] });
    expect(server(nat, "192.0.2.11").rates).toEqual({
      cps: 2,
      inPps: 992,
      outPps: 1752,
      inBps: 51766,
      outBps: 75880467,
    });
    expect(server(nat, "192.0.2.12").rates).toEqual({
      cps: 1,
      inPps: 385,
      outPps: 657,
      inBps: 20064,
      outBps: 28194266,
    });
    expect(service(parseIpvsadmList(lab("large/ipvsadm-Ln-rate-exact.txt")), NAT).rates?.outBps).toBe(
      104074734,
    );
  });
});
