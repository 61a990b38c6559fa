import { describe, expect, it } from "vitest";
import {
  canonicalAddress,
  formatHostPort,
  ipv4FromHex,
  isIpv4,
  isIpv6,
  parseHostPort,
} from "../../../core/model/address.ts";

describe("canonicalAddress (RFC 5952)", () => {
  it.each([
    ["2620:0000:0000:0000:0000:0000:0000:0001", "2620::1"],
    ["FD15:4BA5:5A2B:1008:BF28:EB3C:D1E4:1234", "fd15:4ba5:5a2b:1008:bf28:eb3c:d1e4:1234"],
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
    ["2001:0db8:0000:0000:0000:ff00:0042:8329", "2001:db8::ff00:42:8329"],
    ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"],
    ["0:0:0:0:0:0:0:0", "::"],
    ["0:0:0:0:0:0:0:1", "::1"],
    ["::ffff:192.0.2.1", "::ffff:c000:201"],
    ["192.0.2.001", undefined],
    ["010.0.0.1", undefined],
    ["192.0.2.10", "192.0.2.10"],
  ])("%s -> %s", (input, expected) => {
    expect(canonicalAddress(input)).toBe(expected);
  });

  it("rejects what is not an address, including injection attempts", () => {
    for (const bad of ["", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1::2::3", "12345::", "1.2.3.4;rm", "$(id)", "::g"]) {
      expect(isIpv4(bad) || isIpv6(bad)).toBe(false);
    }
  });
});

describe("procfs hex and host:port forms", () => {
  it("decodes procfs IPv4 hex", () => {
    expect(ipv4FromHex("C0A80016")).toBe("192.168.0.22");
    expect(ipv4FromHex("C0A8001")).toBeUndefined();
  });

  it("parses and formats bracketed IPv6 and plain IPv4 host:port", () => {
    expect(parseHostPort("[2001:DB8:0::1]:443")).toEqual({ address: "2001:db8::1", port: 443, family: "inet6" });
    expect(parseHostPort("192.0.2.1:80")).toEqual({ address: "192.0.2.1", port: 80, family: "inet" });
    expect(parseHostPort("192.0.2.1:65536")).toBeUndefined();
    expect(parseHostPort("2001:db8::1:80")).toBeUndefined();
    expect(formatHostPort("2001:db8::1", 80)).toBe("[2001:db8::1]:80");
  });
});
