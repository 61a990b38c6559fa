import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ParseError } from "../../../../core/model/parse-error.ts";
import { parseNetDev } from "../../../../core/parse/host/netdev.ts";
import { parseNetSpeeds, withSpeeds } from "../../../../core/parse/host/net-speed.ts";

const fixture = (name: string): string => readFileSync(new URL(`../../../fixtures/host/${name}`, import.meta.url), "utf8");

describe("parseNetSpeeds", () => {
  it("reads the namespace capture: veths report 10000, lo has none (empty)", () => {
    const speeds = parseNetSpeeds(fixture("netns-net-speed.txt"));
    expect(speeds.get("eth0")).toBe(10000);
    expect(speeds.get("fulcrumdata0123")).toBe(10000);
    expect(speeds.has("lo")).toBe(true);
    expect(speeds.get("lo")).toBeUndefined();
  });

  it("treats -1, empty and unknown as no speed", () => {
    const speeds = parseNetSpeeds("eth0 -1\nlo \nwlan0 unknown\nbond0 25000\ndummy0\n");
    expect([...speeds.entries()]).toEqual([
      ["eth0", undefined],
      ["lo", undefined],
      ["wlan0", undefined],
      ["bond0", 25000],
      ["dummy0", undefined],
    ]);
  });

  it("reads the lab's `grep . /sys/class/net/*/speed` form", () => {
    const lab = readFileSync(new URL("../../../fixtures/lab/sys-class-net-speed.txt", import.meta.url), "utf8");
    const speeds = parseNetSpeeds(lab);
    expect(speeds.get("br0")).toBe(10000);
    expect(speeds.has("eth0")).toBe(true);
    expect(speeds.get("eth0")).toBeUndefined();
  });

  it("rejects names the kernel would not allow, so another format cannot pass silently", () => {
    expect(() => parseNetSpeeds("/sys/class/net/eth0/speed\n")).toThrow(ParseError);
    expect(() => parseNetSpeeds("eth0:1 1000\n")).toThrow(ParseError);
    expect(() => parseNetSpeeds("averyveryverylongname 1000\n")).toThrow(ParseError);
  });

  it("reads the host capture without error", () => {
    const speeds = parseNetSpeeds(fixture("host-net-speed.txt"));
    expect(speeds.has("lo")).toBe(true);
  });

  it("rejects a speed that is not a number, with its line", () => {
    try {
      parseNetSpeeds("eth0 1000\neth1 fast\n");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ParseError);
      expect((error as ParseError).line).toBe(2);
    }
    expect(() => parseNetSpeeds("eth0 1000 extra\n")).toThrow(ParseError);
  });

  it("merges speeds into samples: set, removed, or left alone", () => {
    const nics = parseNetDev(fixture("netns-proc-net-dev.txt"));
    const withOld = nics.map((nic) => (nic.name === "lo" ? { ...nic, speedMbps: 5 } : nic));
    const merged = withSpeeds(withOld, new Map([["eth0", 10000], ["lo", undefined]]));
    expect(merged.find((nic) => nic.name === "eth0")?.speedMbps).toBe(10000);
    expect("speedMbps" in (merged.find((nic) => nic.name === "lo") ?? {})).toBe(false);
    expect(merged.find((nic) => nic.name === "fulcrumdata0123")?.speedMbps).toBeUndefined();
    expect(merged.find((nic) => nic.name === "eth0")?.rxBytes).toBe(nics.find((nic) => nic.name === "eth0")?.rxBytes);
    expect(merged.find((nic) => nic.name === "fulcrumdata0123")?.rxBytes).toBe(20882n);
    expect(withOld.find((nic) => nic.name === "lo")?.speedMbps).toBe(5);
  });
});
