import { describe, expect, it } from "vitest";
import { addRealServer, deleteRealServer, editRealServer, forwardFlag } from "../../../core/commands/ipvsadm.ts";
import { setServerState, setServerWeight, socatToSocket } from "../../../core/commands/haproxy.ts";
import { parseIpvsBackendTarget, parseServiceTarget, type IpvsServiceTarget } from "../../../core/commands/target-spec.ts";
import { haproxyName, haproxyWeight, ipvsWeight, ValidationError } from "../../../core/commands/validated.ts";

function ipvsService(text: string): IpvsServiceTarget {
  const target = parseServiceTarget(text);
  if (target.kind !== "ipvs") throw new Error("expected an IPVS target");
  return target;
}

describe("service and backend targets", () => {
  it("reads every documented form", () => {
    expect(parseServiceTarget("192.0.2.1:80")).toEqual({ kind: "ipvs", protocol: "tcp", address: "192.0.2.1", port: 80, family: "inet" });
    expect(parseServiceTarget("udp:192.0.2.1:53")).toMatchObject({ protocol: "udp", port: 53 });
    expect(parseServiceTarget("sctp:[2001:DB8::1]:9")).toMatchObject({ protocol: "sctp", address: "2001:db8::1", family: "inet6" });
    expect(parseServiceTarget("fwm:7")).toEqual({ kind: "ipvs", protocol: "fwmark", fwmark: 7, family: "inet" });
    expect(parseServiceTarget("fwm:7:ipv6")).toMatchObject({ family: "inet6" });
    expect(parseServiceTarget("haproxy:be_app")).toEqual({ kind: "haproxy", backend: "be_app" });
    expect(parseIpvsBackendTarget("[2001:db8::5]:8080")).toEqual({ address: "2001:db8::5", port: 8080, family: "inet6" });
  });

  it("refuses out-of-range values", () => {
    expect(() => parseServiceTarget("192.0.2.1:70000")).toThrow(ValidationError);
    expect(() => parseServiceTarget("fwm:0")).toThrow(ValidationError);
    expect(() => ipvsWeight(65536)).toThrow(ValidationError);
    expect(() => ipvsWeight(-1)).toThrow(ValidationError);
    expect(() => ipvsWeight(1.5)).toThrow(ValidationError);
    expect(() => haproxyWeight(257)).toThrow(ValidationError);
  });
});

describe("ipvsadm builders", () => {
  const backend = parseIpvsBackendTarget("198.51.100.2:80");

  it("always repeats the forwarding method on an edit (ipvsadm -e defaults to DR)", () => {
    const service = ipvsService("192.0.2.1:80");
    expect(editRealServer(service, backend, { forward: "masq", weight: ipvsWeight(0) })).toEqual([
      "ipvsadm", "-e", "-t", "192.0.2.1:80", "-r", "198.51.100.2:80", "-m", "-w", "0",
    ]);
    expect(editRealServer(service, backend, { forward: "tunnel", weight: ipvsWeight(5) })).toContain("-i");
    expect(editRealServer(service, backend, { forward: "route", weight: ipvsWeight(5) })).toContain("-g");
  });

  it("refuses to guess a forwarding method ipvsadm cannot set", () => {
    expect(() => forwardFlag("fullnat")).toThrow(ValidationError);
    expect(() => forwardFlag("unknown")).toThrow(ValidationError);
  });

  it("builds restore and delete with thresholds, fwmark and IPv6", () => {
    expect(
      addRealServer(ipvsService("fwm:7:ipv6"), parseIpvsBackendTarget("[2001:db8::2]:0"), {
        forward: "route",
        weight: ipvsWeight(3),
        upperThreshold: 100,
        lowerThreshold: 50,
      }),
    ).toEqual(["ipvsadm", "-a", "-f", "7", "-6", "-r", "[2001:db8::2]:0", "-g", "-w", "3", "-x", "100", "-y", "50"]);
    expect(deleteRealServer(ipvsService("udp:192.0.2.1:53"), backend)).toEqual([
      "ipvsadm", "-d", "-u", "192.0.2.1:53", "-r", "198.51.100.2:80",
    ]);
  });
});

describe("HAProxy runtime commands", () => {
  it("builds state and weight commands from validated names only", () => {
    expect(setServerState(haproxyName("be_app"), haproxyName("web-1"), "drain")).toBe("set server be_app/web-1 state drain");
    expect(setServerWeight(haproxyName("be_app"), haproxyName("web-1"), haproxyWeight(50))).toBe("set server be_app/web-1 weight 50");
    expect(socatToSocket("/run/haproxy/admin.sock")).toEqual(["socat", "-t", "5", "stdio", "UNIX-CONNECT:/run/haproxy/admin.sock"]);
  });
});
