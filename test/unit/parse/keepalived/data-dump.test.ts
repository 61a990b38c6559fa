import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { toJson } from "../../../../core/model/json.ts";
import { ParseError } from "../../../../core/model/parse-error.ts";
import { parseKeepalivedData } from "../../../../core/parse/keepalived/data-dump.ts";

const fixture = (name: string): string => readFileSync(new URL(`../../../fixtures/keepalived/${name}`, import.meta.url), "utf8");

function lineOfError(text: string): number {
  try {
    parseKeepalivedData(text);
  } catch (error) {
    if (error instanceof ParseError) return error.line;
    throw error;
  }
  throw new Error("expected a ParseError");
}

describe("parseKeepalivedData on the real keepalived 2.2.7 pair", () => {
  const masterText = fixture("master.data");
  const backupText = fixture("backup.data");
  const master = parseKeepalivedData(masterText);
  const backup = parseKeepalivedData(backupText);

  it("reads the MASTER node (priority 150 + chk_ok weight 10)", () => {
    expect(master.instances).toHaveLength(1);
    expect(master.instances[0]).toMatchObject({
      name: "VI_1",
      state: "MASTER",
      wantState: "MASTER",
      interface: "eth0",
      virtualRouterId: 51,
      priority: 150,
      effectivePriority: 160,
      advertIntervalMs: 1000,
      preempt: true,
      virtualIps: [
        { address: "192.0.2.100", prefixLength: 24, device: "eth0", installed: true },
        { address: "198.51.100.10", device: "eth0", installed: true },
      ],
      trackedScripts: [{ name: "chk_ok", weight: 10 }],
    });
    expect(master.instances[0]?.masterRouter).toBeUndefined();
    expect(master.instances[0]?.masterDownTimerUs).toBeGreaterThan(3_000_000);
    expect(master.instances[0]?.lastTransition).toBeGreaterThan(1.7e9);
    expect(master.scripts).toEqual([{ name: "chk_ok", status: "GOOD" }]);
    expect(master.virtualServers).toEqual([]);
  });

  it("reads the BACKUP node: VIPs configured but not set, the master's address and priority", () => {
    expect(backup.instances[0]).toMatchObject({
      state: "BACKUP",
      wantState: "BACKUP",
      priority: 100,
      effectivePriority: 110,
      masterRouter: "192.0.2.1",
      masterPriority: 160,
      virtualIps: [
        { address: "192.0.2.100", installed: false },
        { address: "198.51.100.10", installed: false },
      ],
    });
  });

  it("redacts the VRRP password: counted, masked, and nowhere in the JSON", () => {
    expect(masterText).toContain("Password = Fk7s3cr1");
    for (const data of [master, backup]) {
      expect(data.redactedSecrets).toBe(1);
      expect(data.instances[0]?.fields.Password).toBe("<redacted>");
      expect(data.instances[0]?.fields["Authentication type"]).toBe("SIMPLE_PASSWORD");
      expect(toJson(data)).not.toContain("Fk7s3cr1");
    }
  });
});

describe("parseKeepalivedData on public dumps (mehdy/keepalived-exporter test_files)", () => {
  it("reads v2.2.7: milli-sec adverts, VRRPv3, tracked script and script status", () => {
    const data = parseKeepalivedData(fixture("exporter-v2.2.7.data"));
    expect(data.instances[0]).toMatchObject({
      name: "VI_1",
      state: "MASTER",
      interface: "ens3",
      virtualRouterId: 52,
      priority: 50,
      effectivePriority: 150,
      advertIntervalMs: 4000,
      masterDownTimerUs: 1656250,
      lastTransition: 1673674892.34836,
      virtualIps: [{ address: "10.1.0.1", prefixLength: 24, device: "ens3", installed: true }],
      trackedScripts: [{ name: "chk_script", weight: 100 }],
    });
    expect(data.scripts).toEqual([{ name: "check_script", status: "GOOD" }]);
    expect(data.redactedSecrets).toBe(0);
  });

  it("reads three unicast instances and redacts three passwords", () => {
    const text = fixture("exporter-unicast.data");
    const data = parseKeepalivedData(text);
    expect(data.instances.map((i) => [i.name, i.state, i.priority, i.masterRouter])).toEqual([
      ["VI_EXT_1", "MASTER", 100, undefined],
      ["VI_EXT_2", "BACKUP", 80, "192.168.1.2"],
      ["VI_EXT_3", "BACKUP", 90, "192.168.1.3"],
    ]);
    expect(data.instances[0]?.virtualIps).toEqual([{ address: "192.168.2.1", device: "ens192", installed: true }]);
    expect(data.instances[1]?.trackedScripts).toEqual([{ name: "check_script", weight: -60 }]);
    expect(data.redactedSecrets).toBe(3);
    expect(text).toContain("bacbefe5");
    expect(toJson(data)).not.toContain("bacbefe5");
    expect(toJson(data)).not.toMatch(/"Password": "password"/);
  });

  it("reads v1.3.5, where the tracked script is printed inside the instance", () => {
    const data = parseKeepalivedData(fixture("exporter-v1.3.5.data"));
    expect(data.instances[0]).toMatchObject({
      name: "VI_1",
      state: "MASTER",
      interface: "eth0",
      priority: 150,
      advertIntervalMs: 1000,
      lastTransition: 1596892296,
      virtualIps: [{ address: "10.32.75.200", prefixLength: 32, device: "eth0", installed: false }],
      trackedScripts: [{ name: "check_haproxy", weight: 0 }],
    });
    expect(data.scripts).toEqual([{ name: "check_haproxy", status: "BAD" }]);
    expect(data.redactedSecrets).toBe(1);
    expect(toJson(data)).not.toContain('"test"');
  });
});

describe("parseKeepalivedData LVS topology (constructed from check_data.c format strings)", () => {
  const data = parseKeepalivedData(fixture("constructed-check.data"));

  it("reads virtual servers and real servers with weight and alive state", () => {
    expect(data.virtualServers).toEqual([
      {
        key: "192.0.2.10:80",
        protocol: "tcp",
        realServers: [
          { address: "198.51.100.11", port: 8080, weight: 3, alive: true },
          { address: "198.51.100.12", port: 8080, weight: 0, alive: false },
        ],
      },
      { key: "[2001:db8::10]:443", protocol: "tcp", realServers: [{ address: "2001:db8::21", port: 443, weight: 1, alive: true }] },
      { key: "FWM 7", protocol: "none", realServers: [{ address: "198.51.100.31", port: 0, weight: 1, alive: true }] },
    ]);
    expect(data.instances).toEqual([]);
  });

  it("redacts the SSL password of the checker dump", () => {
    expect(data.redactedSecrets).toBe(1);
    expect(toJson(data)).not.toContain("sslKeyPw9");
  });
});

describe("parseKeepalivedData errors", () => {
  const lines = fixture("master.data").split("\n");
  const stateLine = lines.findIndex((line) => line.trim().startsWith("State = MASTER"));
  const instanceLine = lines.findIndex((line) => line.startsWith(" VRRP Instance = VI_1"));

  it("rejects text that is not a dump", () => {
    expect(lineOfError("")).toBe(1);
    expect(lineOfError("keepalived: command not found\n")).toBe(1);
  });

  it("reports a dump truncated before the instance's State on the instance line", () => {
    const cut = lines.slice(0, instanceLine + 2).join("\n");
    expect(lineOfError(cut)).toBe(instanceLine + 1);
    expect(stateLine).toBeGreaterThan(instanceLine + 1);
  });

  it("reports a bad number, a bad advert interval and a bad VIP on their lines", () => {
    const replace = (find: string, by: string): string => {
      const copy = [...lines];
      const index = copy.findIndex((line) => line.includes(find));
      copy[index] = (copy[index] ?? "").replace(find, by);
      return copy.join("\n");
    };
    const lineOf = (find: string): number => lines.findIndex((line) => line.includes(find)) + 1;
    expect(lineOfError(replace("Priority = 150", "Priority = high"))).toBe(lineOf("Priority = 150"));
    expect(lineOfError(replace("Advert interval = 1 sec", "Advert interval = soon"))).toBe(lineOf("Advert interval = 1 sec"));
    expect(lineOfError(replace("192.0.2.100/24 dev", "192.0.2.300/24 dev"))).toBe(lineOf("192.0.2.100/24 dev"));
    expect(lineOfError(replace("Preempt = enabled", "Preempt = maybe"))).toBe(lineOf("Preempt = enabled"));
  });

  it("reports a real server line before any virtual server", () => {
    expect(lineOfError("------< LVS Topology >------\n   RIP = 192.0.2.1, RPORT = 80, WEIGHT = 1\n")).toBe(2);
  });
});
