/**
 * Runs the built sampling program for real under dash, bash and busybox ash, against a fake host
 * (fake-host.ts: fixture-printing ipvsadm, a fake keepalived with a real dump, a real HAProxy) and
 * the machine's own /proc/net/dev, /sys/class/net and `ip`; then reads the output with the frame
 * reader and turns each frame into a sample.
 */
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { killQuietly } from "../harness/cleanup-registry.ts";
import { freePort } from "../harness/free-port.ts";
import { frameToSample } from "../../../core/sampler/frame-to-sample.ts";
import { buildSamplerScript } from "../../../core/sampler/remote-script.ts";
import { buildSamplerInvocation } from "../../../core/sampler/sampler-command.ts";
import { readKeepalivedPassword, startFakeHost, type FakeHost } from "./fake-host.ts";
import { readStream } from "./read-stream.ts";
import { runSampler, type SamplerRun } from "./run-sampler.ts";

const SHELLS: [string, string[]][] = [
  ["dash", ["/bin/dash", "-c"]],
  ["bash", ["/bin/bash", "-c"]],
  ["busybox ash", ["/usr/bin/busybox", "sh", "-c"]],
];

describe.each(SHELLS)("the sampling loop under %s", (_name, shell) => {
  let host: FakeHost | undefined;
  let run: SamplerRun;
  let read: ReturnType<typeof readStream>;
  let closedPort: number;
  let password: string;

  beforeAll(async () => {
    password = await readKeepalivedPassword();
    host = await startFakeHost({ ipvsadm: "fixtures" });
    closedPort = await freePort("127.0.0.1");
    const script = buildSamplerScript({
      intervalSeconds: 1,
      sections: [
        "ipvsadm",
        "ipvsadm-stats",
        "netdev",
        "net-speed",
        "haproxy-stat",
        "haproxy-servers-state",
        "nginx-status",
        "ip-addr",
        "keepalived",
      ],
      // No socket given: the loop must find it in the config's `stats socket` line.
      haproxyConfig: host.haproxyConfig,
      nginxStatusUrl: `http://127.0.0.1:${closedPort}/nginx_status`,
      keepalivedPidFiles: [`${host.dir}/missing.pid`, host.keepalivedPidFile],
      keepaliveEverySeconds: 30,
      maxFrames: 3,
    });
    run = await runSampler([...shell, script], { PATH: host.path }, 30_000);
    read = readStream(run.stdout);
  });
  afterAll(async () => {
    await host?.dispose();
  });

  it("stops by itself after maxFrames, cleanly", () => {
    expect(run.timedOut).toBe(false);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe("");
  });

  it("prints one capability frame first, saying what it found", () => {
    expect(read.events[0]?.type).toBe("capabilities");
    expect(read.caps).toHaveLength(1);
    const values = read.caps[0]?.values;
    expect(values?.get("root")).toBe("1");
    expect(values?.get("sudo")).toBe("not-needed");
    expect(values?.get("ipvsadm")).toBe(`${host?.binDir}/ipvsadm`);
    expect(values?.get("ipvsadm-version")).toBe(
      "ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)",
    );
    expect(values?.get("ipvsadm-permitted")).toBe("1");
    expect(values?.get("haproxy-socket")).toBe(host?.haproxySocket);
    expect(values?.get("haproxy-socket-source")).toBe("config");
    expect(values?.get("haproxy-socket-found")).toBe("1");
    expect(values?.get("socket-client")).toBe("socat");
    expect(values?.get("http-client")).toBe("curl");
    expect(Number(values?.get("keepalived-pid"))).toBeGreaterThan(1);
    expect(values?.has("sudoers-hint")).toBe(false);
  });

  it("prints frames 1, 2, 3 on an advancing host clock, every one complete", () => {
    expect(read.frames.map((frame) => frame.seq)).toEqual([1, 2, 3]);
    expect(read.events.filter((event) => event.type === "frame-discarded" || event.type === "noise")).toEqual(
      [],
    );
    const uptimes = read.frames.map((frame) => frame.uptime);
    expect(uptimes[1]).toBeGreaterThan(uptimes[0] ?? Infinity);
    expect(uptimes[2]).toBeGreaterThan(uptimes[1] ?? Infinity);
    for (const frame of read.frames) expect(frame.epoch).toBeGreaterThan(1_600_000_000);
  });

  it("turns every frame into a sample from the real sources", () => {
    for (const frame of read.frames) {
      const sample = frameToSample(frame);
      // The fixture's first service, with the --stats counters joined in (2^53 + 1 stays exact).
      const web = sample.ipvs?.services.find(
        (service) => service.address === "192.0.2.10" && service.port === 80,
      );
      expect(sample.ipvs?.source).toBe("ipvsadm");
      expect(web?.realServers.map((server) => [server.address, server.weight, server.stats?.conns])).toEqual([
        ["198.51.100.11", 3, 9007199254740992n],
        ["198.51.100.12", 0, 1n],
      ]);
      expect(web?.stats?.conns).toBe(9007199254740993n);
      expect(sample.nics?.some((nic) => nic.name === "lo")).toBe(true);
      expect(sample.addresses?.some((address) => address.address === "127.0.0.1")).toBe(true);
      const servers = sample.haproxy?.stats?.filter(
        (row) => row.proxy === "be_sampler" && row.type === "server",
      );
      expect(servers?.map((row) => [row.name, row.weight])).toEqual([
        ["web1", 10],
        ["web2", 20],
      ]);
      expect(sample.haproxy?.serversState?.servers.map((server) => server.server)).toEqual(["web1", "web2"]);
    }
  });

  it("reports a failing command's exit status instead of hiding it", () => {
    for (const frame of read.frames) {
      expect(frame.sections.get("nginx-status")?.rc).toBe(7); // curl: could not connect
      expect(frameToSample(frame).problems).toEqual([
        expect.objectContaining({ section: "nginx-status", kind: "command-failed", rc: 7 }),
      ]);
    }
  });

  it("reads keepalived on the first frame only (every 30 s), with the password redacted on the host", () => {
    expect(read.frames.map((frame) => frame.sections.has("keepalived-data"))).toEqual([true, false, false]);
    const first = read.frames[0];
    expect(first?.sections.get("keepalived-data")?.rc).toBe(0);
    expect(first?.sections.get("keepalived-data")?.text).toMatch(/^ {3}Password = <redacted>$/m);
    const keepalived = first ? frameToSample(first).keepalived : undefined;
    expect(keepalived?.running).toBe(true);
    expect(keepalived?.data?.instances[0]).toMatchObject({ name: "VI_1", state: "MASTER" });
    expect(keepalived?.data?.redactedSecrets).toBeGreaterThan(0);
    expect(run.stdout.toString("utf8")).not.toContain(password);
  });
});

describe("the sampling loop when a command fails", () => {
  let host: FakeHost | undefined;
  beforeAll(async () => {
    host = await startFakeHost({ ipvsadm: "stats-fails" });
  });
  afterAll(async () => {
    await host?.dispose();
  });

  it("carries the failing section's status and output, and the rest of the frame still counts", async () => {
    const script = buildSamplerScript({
      intervalSeconds: 1,
      sections: ["ipvsadm", "ipvsadm-stats", "netdev"],
      maxFrames: 2,
    });
    // As the app sends it: a short command line for the login shell (bash here), the program on stdin.
    const invocation = buildSamplerInvocation(script, { useSudo: false });
    const run = await runSampler(
      ["/bin/bash", "-c", invocation.command],
      { PATH: host?.path ?? "" },
      30_000,
      invocation.stdin,
    );
    expect(run.exitCode).toBe(0);
    const { frames } = readStream(run.stdout);
    expect(frames.map((frame) => frame.seq)).toEqual([1, 2]);
    for (const frame of frames) {
      expect(frame.sections.get("ipvsadm-stats")).toEqual({ rc: 2, text: "Memory allocation problem\n" });
      const sample = frameToSample(frame);
      expect(sample.problems).toEqual([
        { section: "ipvsadm-stats", kind: "command-failed", rc: 2, message: "Memory allocation problem" },
      ]);
      expect(sample.ipvs?.services).toHaveLength(7);
      expect(sample.ipvs?.services[0]?.stats).toBeUndefined();
      expect(sample.nics?.length).toBeGreaterThan(0);
    }
  });
});

describe.each(SHELLS)("the sampling loop with a stale keepalived pid file, under %s", (_name, shell) => {
  let host: FakeHost | undefined;
  beforeAll(async () => {
    host = await startFakeHost({ ipvsadm: "fixtures" });
  });
  afterAll(async () => {
    await host?.dispose();
  });

  // A pid file left behind by a keepalived that died: its number now belongs to another program,
  // which the DATA signal (SIGUSR1) would end. `sleep` is ended by SIGUSR1.
  async function sampleWithStalePidFile(pidFiles: (stale: string) => string[]) {
    if (!host) throw new Error("no fake host");
    const victim = spawn("/bin/sleep", ["60"], { stdio: "ignore" });
    try {
      if (victim.pid === undefined) throw new Error("sleep did not start");
      const stale = path.join(host.dir, "stale-keepalived.pid");
      await writeFile(stale, `${victim.pid}\n`);
      const script = buildSamplerScript({
        intervalSeconds: 1,
        sections: ["keepalived"],
        keepalivedPidFiles: pidFiles(stale),
        maxFrames: 1,
      });
      const run = await runSampler([...shell, script], { PATH: host.path }, 30_000);
      const { frames } = readStream(run.stdout);
      return {
        run,
        frame: frames[0],
        victimPid: victim.pid,
        victimAlive: victim.exitCode === null && victim.signalCode === null,
      };
    } finally {
      if (victim.pid !== undefined) killQuietly(victim.pid);
    }
  }

  it("does not signal the process now holding that pid, and says keepalived is not running", async () => {
    const { run, frame, victimAlive } = await sampleWithStalePidFile((stale) => [stale]);
    expect(run.exitCode).toBe(0);
    expect(victimAlive).toBe(true);
    expect(frame?.sections.get("keepalived")).toEqual({ rc: 1, text: "pid=\n" });
    expect(frame?.sections.get("keepalived-data")).toEqual({ rc: 3, text: "keepalived is not running\n" });
    expect(frame ? frameToSample(frame).keepalived?.running : undefined).toBe(false);
  });

  it("skips that pid file for the next one that names a running keepalived", async () => {
    const { run, frame, victimPid, victimAlive } = await sampleWithStalePidFile((stale) => [
      stale,
      host?.keepalivedPidFile ?? "",
    ]);
    expect(run.exitCode).toBe(0);
    expect(victimAlive).toBe(true);
    const pid = /^pid=(\d+)$/m.exec(frame?.sections.get("keepalived")?.text ?? "")?.[1];
    expect(pid).toBeDefined();
    expect(Number(pid)).not.toBe(victimPid);
    expect(frame?.sections.get("keepalived-data")?.rc).toBe(0);
  });
});
