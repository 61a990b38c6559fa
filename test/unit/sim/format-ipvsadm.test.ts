/**
 * The ipvsadm formatters against strings worked out by hand from ipvsadm.c's printf formats:
 * "  -> %-28s %-7s %-6d %-10u %-10u", "%-33s" + print_largenum, svc_name[33], dname[28].
 */
import { describe, expect, it } from "vitest";
import { formatIpvsadm } from "../../../core/sim/format-ipvsadm.ts";
import { printLargenum } from "../../../core/sim/format-largenum.ts";
import { formatProcIpVs } from "../../../core/sim/format-proc-ipvs.ts";
import { addDest, addService, createIpvsState, type ServiceRef } from "../../../core/sim/ipvs-table.ts";
import type { IpvsSimState } from "../../../core/sim/sim-types.ts";

const v4 = (address: string, port: number, protocol: "tcp" | "udp" | "sctp" = "tcp"): ServiceRef => ({
  protocol,
  family: "inet",
  address,
  port,
  fwmark: 0,
});

function table(): IpvsSimState {
  return createIpvsState({ seed: 1, nowMs: 0 });
}

describe("print_largenum", () => {
  it("pads to 9 and switches unit exactly at 10^8, 10^9, 10^11 and 10^14, truncating", () => {
    expect(printLargenum(99_999_999n, false)).toBe(" 99999999");
    expect(printLargenum(100_000_000n, false)).toBe("  100000K");
    expect(printLargenum(999_999_999n, false)).toBe("  999999K");
    expect(printLargenum(1_000_000_000n, false)).toBe("    1000M");
    expect(printLargenum(99_999_999_999n, false)).toBe("   99999M");
    expect(printLargenum(100_000_000_000n, false)).toBe("     100G");
    expect(printLargenum(99_999_999_999_999n, false)).toBe("   99999G");
    expect(printLargenum(100_000_000_000_000n, false)).toBe("     100T");
    expect(printLargenum(18_446_744_073_709_551_615n, false)).toBe("18446744T");
  });

  it("with --exact prints every digit in max(9, digits + 1) columns", () => {
    expect(printLargenum(0n, true)).toBe("        0");
    expect(printLargenum(12_345_678n, true)).toBe(" 12345678");
    expect(printLargenum(123_456_789n, true)).toBe(" 123456789");
    expect(printLargenum(18_446_744_073_709_551_615n, true)).toBe(" 18446744073709551615");
  });
});

describe("ipvsadm -Ln", () => {
  it("pads destination columns with trailing spaces; the longest numeric IPv4 names stay within the 33 and 28 cuts", () => {
    const s = table();
    const svc = v4("203.0.113.254", 65535, "sctp");
    addService(s, svc, { scheduler: "wlc" });
    addDest(
      s,
      svc,
      { family: "inet", address: "198.51.100.254", port: 65535 },
      { forward: "masq", weight: 65535 },
    );
    const text = formatIpvsadm(s, { form: "list" });
    expect(text).toBe(
      "IP Virtual Server version 1.2.1 (size=4096)\n" +
        "Prot LocalAddress:Port Scheduler Flags\n" +
        "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n" +
        "SCTP 203.0.113.254:65535 wlc\n" +
        "  -> 198.51.100.254:65535         Masq    65535  0          0         \n",
    );
    // Stats: the service name is padded to 33 and the numbers follow without a separator.
    expect(formatIpvsadm(s, { form: "stats" }).split("\n")[3]).toBe(
      "SCTP 203.0.113.254:65535                 0        0        0        0        0",
    );
  });

  it("never truncates IPv6, so the columns shift right", () => {
    const s = table();
    const svc: ServiceRef = {
      protocol: "tcp",
      family: "inet6",
      address: "fd15:4ba5:5a2b:1008:bf28:eb3c:d1e4:1234",
      port: 80,
      fwmark: 0,
    };
    addService(s, svc, { scheduler: "rr" });
    addDest(
      s,
      svc,
      { family: "inet6", address: "fd15:4ba5:5a2b:1008:bf28:eb3c:d1e4:5555", port: 80 },
      { forward: "route", weight: 1 },
    );
    const lines = formatIpvsadm(s, { form: "list" }).split("\n");
    expect(lines[3]).toBe("TCP  [fd15:4ba5:5a2b:1008:bf28:eb3c:d1e4:1234]:80 rr");
    expect(lines[4]).toBe(
      "  -> [fd15:4ba5:5a2b:1008:bf28:eb3c:d1e4:5555]:80 Route   1      0          0         ",
    );
    expect(formatIpvsadm(s, { form: "stats" }).split("\n")[3]).toBe(
      "TCP  [fd15:4ba5:5a2b:1008:bf28:eb3c:d1e4:1234]:80        0        0        0        0        0",
    );
  });

  it("prints FWM services (with IPv6), persistence with mask and pe, scheduler flags and ops", () => {
    const s = table();
    addService(
      s,
      { protocol: "tcp", family: "inet", port: 0, fwmark: 7 },
      { scheduler: "wlc", persistent: 50 },
    );
    addService(
      s,
      { protocol: "tcp", family: "inet6", port: 0, fwmark: 8 },
      { scheduler: "sh", schedFlags: 3, persistent: 60, netmask: 64 },
    );
    addService(s, v4("192.0.2.1", 5060, "udp"), {
      scheduler: "rr",
      persistent: 300,
      netmask: 0xffffff00,
      pe: "sip",
      onePacket: true,
    });
    expect(formatIpvsadm(s, { form: "list" }).split("\n").slice(3)).toEqual([
      "UDP  192.0.2.1:5060 rr persistent 300 mask 255.255.255.0 pe sip ops",
      "FWM  7 wlc persistent 50",
      "FWM  8 IPv6 sh (sh-fallback,sh-port) persistent 60 mask 64",
      "",
    ]);
    expect(formatIpvsadm(s, { form: "save" })).toBe(
      "-A -u 192.0.2.1:5060 -s rr -p 300 -M 255.255.255.0 --pe sip -o\n-A -f 7 -s wlc -p 50\n-A -f 8 -6 -s sh -p 60 -M 64 -b sh-fallback,sh-port\n",
    );
  });

  it("sorts like libipvs under glibc: the int difference of u32 addresses puts 10.x after 192.168.x", () => {
    const s = table();
    addService(s, v4("10.0.0.1", 80), { scheduler: "rr" });
    addService(s, v4("192.168.0.1", 80), { scheduler: "rr" });
    addService(s, v4("192.168.0.1", 22), { scheduler: "rr" });
    const services = formatIpvsadm(s, { form: "list" }).split("\n").slice(3, 6);
    expect(services).toEqual(["TCP  192.168.0.1:22 rr", "TCP  192.168.0.1:80 rr", "TCP  10.0.0.1:80 rr"]);
  });

  it("prints tunnel details in --tun-info and in rules", () => {
    const s = table();
    const svc = v4("203.0.113.30", 80);
    addService(s, svc, { scheduler: "rr" });
    addDest(
      s,
      svc,
      { family: "inet", address: "192.0.2.11", port: 80 },
      { forward: "tunnel", weight: 1, tunnelType: "gue", tunnelPort: 6080, tunnelFlags: 1 },
    );
    addDest(
      s,
      svc,
      { family: "inet", address: "192.0.2.12", port: 80 },
      { forward: "tunnel", weight: 1, tunnelType: "gre", tunnelFlags: 0 },
    );
    expect(formatIpvsadm(s, { form: "tun-info" }).split("\n").slice(4, 6)).toEqual([
      "  -> 192.0.2.11:80                Tunnel  gue:6080:+c   1      0          0         ",
      "  -> 192.0.2.12:80                Tunnel  gre:-c        1      0          0         ",
    ]);
    expect(formatIpvsadm(s, { form: "save" }).split("\n").slice(1, 3)).toEqual([
      "-a -t 203.0.113.30:80 -r 192.0.2.11:80 -i -w 1 --tun-type gue --tun-port 6080 --tun-csum",
      "-a -t 203.0.113.30:80 -r 192.0.2.12:80 -i -w 1 --tun-type gre --tun-nocsum",
    ]);
  });
});

describe("/proc/net/ip_vs", () => {
  it("prints hex addresses, the timeout in jiffies, full IPv6 and destinations newest first", () => {
    const s = table();
    const svc = v4("192.168.0.22", 3306);
    addService(s, svc, { scheduler: "wlc", persistent: 300, netmask: 0xffffff00 });
    addDest(
      s,
      svc,
      { family: "inet", address: "192.168.82.22", port: 3306 },
      { forward: "tunnel", weight: 100 },
    );
    addDest(
      s,
      svc,
      { family: "inet", address: "192.168.83.24", port: 3306 },
      { forward: "route", weight: 0 },
    );
    const six: ServiceRef = { protocol: "tcp", family: "inet6", address: "2620::1", port: 80, fwmark: 0 };
    addService(s, six, { scheduler: "sh" });
    addDest(s, six, { family: "inet6", address: "2620::2", port: 80 }, { forward: "route", weight: 1 });
    const lines = formatProcIpVs(s).split("\n");
    expect(lines).toContain("TCP  C0A80016:0CEA wlc  persistent 75000 FFFFFF00");
    expect(lines).toContain("  -> C0A85318:0CEA      Route   0      0          0         ");
    expect(lines.indexOf("  -> C0A85318:0CEA      Route   0      0          0         ")).toBeLessThan(
      lines.indexOf("  -> C0A85216:0CEA      Tunnel  100    0          0         "),
    );
    expect(lines).toContain("TCP  [2620:0000:0000:0000:0000:0000:0000:0001]:0050 sh ");
    expect(lines).toContain(
      "  -> [2620:0000:0000:0000:0000:0000:0000:0002]:0050      Route   1      0          0         ",
    );
  });
});
