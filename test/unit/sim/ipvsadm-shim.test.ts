/**
 * The executable test/sim-bin/ipvsadm against a state file: edits persist across invocations,
 * ipvsadm's defaults (DR when -e has no -m) are reproduced, errors carry ipvsadm's words and exit
 * codes, and concurrent invocations do not lose each other's changes.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const WRAPPER = join(import.meta.dirname, "../../sim-bin/ipvsadm");
let dir = "";
let clock = 1_700_000_000_000;

interface Run {
  stdout: string;
  stderr: string;
  code: number;
}

function env(state: string, nowMs: number): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, FULCRUM_SIM_STATE: join(dir, state), FULCRUM_SIM_NOW_MS: String(nowMs) };
}

function ipvsadm(state: string, args: string[], input = ""): Run {
  clock += 1000;
  try {
    const stdout = execFileSync(WRAPPER, args, {
      env: env(state, clock),
      input,
      encoding: "utf8",
      stdio: ["pipe", "pipe", "pipe"],
      timeout: 30_000,
    });
    return { stdout, stderr: "", code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; status: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.status };
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "fulcrum-sim-shim-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("test/sim-bin/ipvsadm", () => {
  it("keeps a weight change across invocations", () => {
    expect(ipvsadm("a.json", ["-A", "-t", "203.0.113.10:80", "-s", "wrr"]).code).toBe(0);
    expect(
      ipvsadm("a.json", ["-a", "-t", "203.0.113.10:80", "-r", "192.0.2.11:80", "-m", "-w", "3"]).code,
    ).toBe(0);
    expect(
      ipvsadm("a.json", ["-e", "-t", "203.0.113.10:80", "-r", "192.0.2.11:80", "-m", "-w", "7"]),
    ).toEqual({ stdout: "", stderr: "", code: 0 });
    expect(ipvsadm("a.json", ["-Ln"]).stdout).toMatch(
      /\n {2}-> 192\.0\.2\.11:80 {16}Masq {4}7 {6}\d+ +\d+ +\n/,
    );
  });

  it("switches a NAT destination to DR on -e without -m, as ipvsadm does", () => {
    expect(ipvsadm("b.json", ["-A", "-t", "203.0.113.10:80", "-s", "wlc"]).code).toBe(0);
    expect(ipvsadm("b.json", ["-a", "-t", "203.0.113.10:80", "-r", "192.0.2.11", "-m"]).code).toBe(0);
    expect(ipvsadm("b.json", ["-e", "-t", "203.0.113.10:80", "-r", "192.0.2.11:80", "-w", "0"]).code).toBe(0);
    expect(ipvsadm("b.json", ["-Sn"]).stdout).toBe(
      "-A -t 203.0.113.10:80 -s wlc\n-a -t 203.0.113.10:80 -r 192.0.2.11:80 -g -w 0\n",
    );
    // A NAT destination on another port cannot even be found that way: DR forces the service port.
    expect(ipvsadm("b.json", ["-a", "-t", "203.0.113.10:80", "-r", "192.0.2.12:8080", "-m"]).code).toBe(0);
    expect(ipvsadm("b.json", ["-e", "-t", "203.0.113.10:80", "-r", "192.0.2.12:8080", "-w", "0"])).toEqual({
      stdout: "",
      stderr: "No such destination\n",
      code: 255,
    });
  });

  it("answers bad requests with ipvsadm's messages and exit codes", () => {
    ipvsadm("c.json", ["-A", "-t", "203.0.113.10:80"]);
    expect(ipvsadm("c.json", ["-a", "-t", "203.0.113.99:80", "-r", "192.0.2.11:80"])).toEqual({
      stdout: "",
      stderr: "Service not defined\n",
      code: 255,
    });
    expect(ipvsadm("c.json", ["-A", "-t", "203.0.113.10:80"])).toEqual({
      stdout: "",
      stderr: "Service already exists\n",
      code: 255,
    });
    expect(ipvsadm("c.json", ["-E", "-t", "203.0.113.11:80"])).toEqual({
      stdout: "",
      stderr: "No such service\n",
      code: 255,
    });
    expect(ipvsadm("c.json", ["-a", "-t", "203.0.113.10:80", "-r", "192.0.2.11:80", "-w", "70000"])).toEqual({
      stdout: "",
      stderr: "illegal weight specified\n",
      code: 2,
    });
    expect(ipvsadm("c.json", ["-A", "-t", "203.0.113.11:80", "-s", "nosuch"])).toEqual({
      stdout: "",
      stderr: "Scheduler or persistence engine not found\n",
      code: 255,
    });
    expect(ipvsadm("c.json", ["-a", "-t", "203.0.113.10:80"]).stderr).toBe(
      "You need to supply the 'real-server' option for the 'add-server' command\n",
    );
    expect(ipvsadm("c.json", ["-n", "-L"])).toEqual({
      stdout: "",
      stderr: "Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n",
      code: 255,
    });
    expect(ipvsadm("c.json", ["-L", "--bogus"])).toEqual({
      stdout: "",
      stderr: "--bogus: unknown option\n",
      code: 255,
    });
    expect(ipvsadm("c.json", ["-L", "-t", "203.0.113.99:80"])).toEqual({
      stdout: "",
      stderr: "No such service\n",
      code: 1,
    });
    expect(ipvsadm("c.json", ["--version"]).stdout).toBe(
      "ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\n",
    );
  });

  it("restores rules from stdin with -R and clears them with -C", () => {
    const rules = "-A -u 203.0.113.40:53 -s rr\n-a -u 203.0.113.40:53 -r 192.0.2.11:53 -m -w 2\n";
    expect(ipvsadm("d.json", ["-R"], rules).code).toBe(0);
    expect(ipvsadm("d.json", ["-Sn"]).stdout).toBe(rules);
    expect(ipvsadm("d.json", ["-C"]).code).toBe(0);
    expect(ipvsadm("d.json", ["-Sn"]).stdout).toBe("");
  });

  it("does not lose changes made by concurrent invocations", async () => {
    ipvsadm("e.json", ["-A", "-t", "203.0.113.10:80", "-s", "rr"]);
    const run = promisify(execFile);
    const now = clock + 1000;
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        run(WRAPPER, ["-a", "-t", "203.0.113.10:80", "-r", `192.0.2.${20 + i}:80`, "-m"], {
          env: env("e.json", now),
          timeout: 60_000,
        }),
      ),
    );
    const saved = ipvsadm("e.json", ["-Sn"])
      .stdout.split("\n")
      .filter((l) => l.startsWith("-a "));
    expect(saved).toHaveLength(8);
  });

  it("moves counters between invocations as the clock advances", () => {
    ipvsadm("f.json", ["-A", "-t", "203.0.113.10:80", "-s", "rr"]);
    ipvsadm("f.json", ["-a", "-t", "203.0.113.10:80", "-r", "192.0.2.11:80", "-m"]);
    const conns = (): bigint =>
      BigInt(ipvsadm("f.json", ["-Ln", "--stats", "--exact"]).stdout.split("\n")[4]!.trim().split(/\s+/)[2]!);
    const first = conns();
    clock += 10_000;
    const second = conns();
    expect(second).toBeGreaterThan(first);
    // FULCRUM_SIM_CPS defaults to 20 new connections a second per service.
    expect(second - first).toBeGreaterThanOrEqual(180n);
    expect(second - first).toBeLessThanOrEqual(260n);
  });

  it("starts a scale preset with 500 backends", () => {
    const run = execFileSync(WRAPPER, ["-Ln"], {
      env: { ...env("g.json", clock), FULCRUM_SIM_PRESET: "scale-500" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.split("\n").filter((l) => /^ {2}-> \d/.test(l))).toHaveLength(500);
  });
});
