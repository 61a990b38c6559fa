// `fulcrum parse` run as an operator runs it: the real bin, a real process, real fixture files.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function fulcrum(args: string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["bin/fulcrum.mjs", ...args], { encoding: "utf8", input });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("fulcrum parse", () => {
  it("prints exact u64 counters beyond 2^53 as decimal strings", () => {
    const { code, stdout } = fulcrum(["parse", "ipvsadm", "test/fixtures/ipvs/constructed-stats-exact.txt"]);
    expect(code).toBe(0);
    expect(stdout).toContain('"18446744073709551615"');
    const json = JSON.parse(stdout) as { form: string };
    expect(json.form).toBe("stats");
  });

  it("reads a real-kernel listing with weights, forwarding and service keys", () => {
    const { code, stdout } = fulcrum(["parse", "ipvsadm", "test/fixtures/lab/ipvsadm-Ln-exact.txt"]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as {
      version: string;
      services: {
        address?: string;
        scheduler: string;
        realServers: { address: string; forward: string; weight: number }[];
      }[];
    };
    expect(json.version).toBe("1.2.1");
    const nat = json.services.find((service) => service.address === "203.0.113.10");
    expect(nat?.scheduler).toBe("wrr");
    expect(nat?.realServers.map((server) => [server.address, server.forward, server.weight])).toEqual([
      ["192.0.2.11", "masq", 3],
      ["192.0.2.12", "masq", 1],
      ["192.0.2.13", "masq", 0],
    ]);
  });

  it("shows only printed fields for the stats table (no placeholder weight)", () => {
    const { stdout } = fulcrum(["parse", "ipvsadm", "test/fixtures/lab/ipvsadm-Ln-stats-exact.txt"]);
    const json = JSON.parse(stdout) as { services: { realServers: Record<string, unknown>[] }[] };
    const server = json.services[0]?.realServers[0];
    expect(server).toBeDefined();
    expect(server).not.toHaveProperty("weight");
    expect(server).not.toHaveProperty("forward");
    expect(server?.stats).toEqual({ conns: "30", inPkts: "196", outPkts: "162", inBytes: "12772", outBytes: "14994" });
  });

  it.each([
    ["haproxy-stat", "test/fixtures/haproxy/show-stat.csv", "be_app"],
    ["haproxy-servers-state", "test/fixtures/haproxy/show-servers-state.txt", "FDRAIN"],
    ["nginx-status", "test/fixtures/nginx/stub-status.txt", '"requests": "26"'],
    ["keepalived-data", "test/fixtures/keepalived/master.data", '"MASTER"'],
    ["netdev", "test/fixtures/host/procfs-proc-net-dev.txt", "vethf345468"],
    ["ip-addr", "test/fixtures/host/netns-master-ip-addr.txt", "192.0.2"],
    ["ip-vs-proc", "test/fixtures/lab/proc-net-ip_vs.txt", "203.0.113.10"],
    ["ip-vs-stats", "test/fixtures/lab/proc-net-ip_vs_stats.txt", '"conns": "132"'],
    ["ip-vs-conn", "test/fixtures/lab/proc-net-ip_vs_conn.txt", "ESTABLISHED"],
    ["ipvsadm-save", "test/fixtures/lab/ipvsadm-save-n.txt", '"forward": "tunnel"'],
  ])("parses kind %s", (kind, file, expected) => {
    const { code, stdout } = fulcrum(["parse", kind, file]);
    expect(code).toBe(0);
    expect(stdout).toContain(expected);
  });

  it("never prints a secret from a keepalived dump", () => {
    const { stdout } = fulcrum(["parse", "keepalived-data", "test/fixtures/keepalived/master.data"]);
    expect(stdout).not.toContain("Fk7s3cr1");
  });

  it("reads keepalived.conf with the files it includes, relative to the file, each item with its file and line", () => {
    const file = "test/fixtures/keepalived/corpus/include-glob/keepalived.conf";
    const { code, stdout } = fulcrum(["parse", "keepalived-config", file]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as {
      vrrpInstances: { name: string; sourceFile: string; lineNo: number; trackFiles: { name: string }[] }[];
      trackFiles: { name: string; file: string; sourceFile: string }[];
      files: string[];
    };
    expect(json.vrrpInstances.map((i) => [i.name, i.sourceFile, i.lineNo])).toEqual([
      ["WEB", "test/fixtures/keepalived/corpus/include-glob/conf.d/20-web.conf", 1],
      ["MAIN", file, 6],
    ]);
    expect(json.trackFiles).toMatchObject([
      { name: "maint", sourceFile: "test/fixtures/keepalived/corpus/include-glob/conf.d/10-track.conf" },
    ]);
    expect(json.vrrpInstances[0]?.trackFiles.map((t) => t.name)).toEqual(["maint"]);
    expect(json.files).toHaveLength(4);
  });

  it("never prints a secret from keepalived.conf, and refuses a missing one with exit 2", () => {
    const { stdout } = fulcrum([
      "parse",
      "keepalived-config",
      "test/fixtures/keepalived/node1-keepalived.conf",
    ]);
    expect(stdout).toContain("VI_1");
    expect(stdout).not.toContain("Fk7s3cr1");
    const missing = fulcrum(["parse", "keepalived-config", "test/fixtures/keepalived/no-such.conf"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read test/fixtures/keepalived/no-such.conf");
  });

  it("reads standard input with -", () => {
    const { code, stdout } = fulcrum(["parse", "nginx-status", "-"], "Active connections: 2 \nserver accepts handled requests\n 5 5 9 \nReading: 0 Writing: 1 Waiting: 1 \n");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ active: 2, accepts: "5", requests: "9" });
  });

  it("refuses garbage with exit 2 and one line naming the line number, no stack trace", () => {
    const { code, stdout, stderr } = fulcrum(["parse", "ipvsadm", "-"], "IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\nTCP  192.0.2.1:80 wlc\n  -> 192.0.2.2:80 Masq one 0 0\n");
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/line 5: expected weight/);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it("refuses truncated output and unknown kinds and missing files with exit 2", () => {
    expect(fulcrum(["parse", "netdev", "-"], "Inter-|   Receive\n").code).toBe(2);
    expect(fulcrum(["parse", "no-such-kind", "x"]).code).toBe(2);
    const missing = fulcrum(["parse", "netdev", "/nonexistent/file"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no such file");
  });
});
