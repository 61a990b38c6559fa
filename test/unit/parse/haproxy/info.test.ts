import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ParseError } from "../../../../core/model/parse-error.ts";
import { parseHaproxyInfo } from "../../../../core/parse/haproxy/info.ts";

const capture = readFileSync(new URL("../../../fixtures/haproxy/show-info.txt", import.meta.url), "utf8");

describe("parseHaproxyInfo", () => {
  it("reads the real HAProxy 2.6 capture", () => {
    const info = parseHaproxyInfo(capture);
    expect(info).toMatchObject({ name: "HAProxy", version: "2.6.12-1+deb12u4", maxConnections: 9984, currentConnections: 0 });
    expect(info.pid).toBeGreaterThan(1);
    expect(info.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(info.fields.Nbthread).toBe("2");
    expect(info.fields["Unstoppable Jobs"]).toBe("0");
    expect(info.fields["Build info"]).toBe("2.6.12-1+deb12u4");
    // Frontend connections (42) plus the stats-socket connections of the capture script.
    expect(Number(info.fields.CumConns)).toBeGreaterThanOrEqual(42);
  });

  it("keeps empty values", () => {
    expect(parseHaproxyInfo("Name: HAProxy\ndescription:\nnode: lb1\n").fields).toEqual({ Name: "HAProxy", description: "", node: "lb1" });
  });

  it("reports the line of a malformed pair or a bad number", () => {
    const lines = capture.split("\n");
    const broken = [...lines.slice(0, 5), "this is not a pair", ...lines.slice(5)].join("\n");
    expect(() => parseHaproxyInfo(broken)).toThrow(ParseError);
    try {
      parseHaproxyInfo(broken);
    } catch (error) {
      expect((error as ParseError).line).toBe(6);
    }
    try {
      parseHaproxyInfo(capture.replace(/^Pid: \d+$/m, "Pid: abc"));
      expect.unreachable();
    } catch (error) {
      expect((error as ParseError).line).toBe(lines.findIndex((line) => line.startsWith("Pid:")) + 1);
    }
  });

  it("rejects text that is not show info output", () => {
    expect(() => parseHaproxyInfo("")).toThrow(ParseError);
    expect(() => parseHaproxyInfo("Unknown command: 'show inf'\n")).toThrow(ParseError);
  });
});
