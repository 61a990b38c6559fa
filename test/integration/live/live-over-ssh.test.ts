// The live data path end to end against real processes: an OpenSSH sshd test host whose PATH holds
// the simulated ipvsadm (this kernel has no IPVS; the real kernel is covered by test/lab), a real
// HAProxy with its admin socket, and Fulcrum's own CLI and monitor over SSH.
import { execFileSync, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HostSnapshot, SessionState } from "../../../core/api.ts";
import { createSshHost } from "../../../core/app/ssh-hosts.ts";
import { createEventHub } from "../../../core/carrier/event-hub.ts";
import { parseHaproxyStat } from "../../../core/parse/haproxy/stat-csv.ts";
import { executable, isRoot, missingPrerequisites } from "../../support/prerequisites.ts";
import { hostBlock, openTestSession } from "../harness/ssh-fixture.ts";
import { startSshd, type SshdServer } from "../harness/sshd-server.ts";
import { createTestHome, type TestHome } from "../harness/test-home.ts";
import { startFakeHost, type FakeHost } from "../sampler/fake-host.ts";
import { askHaproxySocket } from "../harness/haproxy-socket.ts";

const skip = missingPrerequisites(isRoot, executable("/usr/sbin/sshd", "openssh-server"), executable("/usr/sbin/haproxy", "haproxy"), executable("/usr/bin/socat", "socat"));
const SIM_BIN = path.resolve(import.meta.dirname, "../../sim-bin");

let home: TestHome;
let sshd: SshdServer;
let host: FakeHost;
let simDir: string;

function sim(args: string[]): string {
  return execFileSync(path.join(SIM_BIN, "ipvsadm"), args, { encoding: "utf8", env: { ...process.env, FULCRUM_SIM_STATE: path.join(simDir, "state.json") } });
}

function fulcrum(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/fulcrum.mjs", ...args], { env: { ...process.env, HOME: home.home } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(skip)("live data over SSH", () => {
  beforeAll(async () => {
    simDir = await mkdtemp(path.join(tmpdir(), "fulcrum-live-sim-"));
    execFileSync("chmod", ["755", simDir]);
    sim(["-A", "-t", "192.0.2.10:80", "-s", "wrr"]);
    sim(["-a", "-t", "192.0.2.10:80", "-r", "198.51.100.1:80", "-m", "-w", "3"]);
    sim(["-a", "-t", "192.0.2.10:80", "-r", "198.51.100.2:80", "-m", "-w", "1"]);
    sim(["-A", "-u", "192.0.2.11:53", "-s", "rr"]);
    sim(["-a", "-u", "192.0.2.11:53", "-r", "198.51.100.3:53", "-g", "-w", "1"]);
    host = await startFakeHost({ ipvsadm: "fixtures" });
    home = await createTestHome();
    sshd = await startSshd({
      extraConfig: [`SetEnv PATH=${SIM_BIN}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin FULCRUM_SIM_STATE=${simDir}/state.json`],
    });
    await sshd.authorize("root", home.clientKey.publicKey);
    await home.writeSshConfig(hostBlock("lb1", sshd));
    await home.writeKnownHosts(`${sshd.knownHostsLine()}\n`);
  });

  afterAll(async () => {
    await sshd?.dispose();
    await home?.dispose();
    await host?.dispose();
    if (simDir) await rm(simDir, { recursive: true, force: true });
  });

  it("fulcrum snapshot --json gives the host's IPVS table, NICs and HAProxy numbers equal to the socket's own", async () => {
    const { code, stdout, stderr } = await fulcrum(["snapshot", "lb1", "--json", "--haproxy-socket", host.haproxySocket]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const snapshot = JSON.parse(stdout) as HostSnapshot & { capabilities: Record<string, string> };
    expect(snapshot.capabilities.root).toBe("1");
    expect(snapshot.ipvsSource).toBe("ipvsadm");
    const web = snapshot.services.find((service) => service.address === "192.0.2.10");
    expect(web?.realServers.map((server) => [server.address, server.forward, server.weight])).toEqual([
      ["198.51.100.1", "masq", 3],
      ["198.51.100.2", "masq", 1],
    ]);
    expect(snapshot.services.find((service) => service.protocol === "udp")?.realServers[0]?.forward).toBe("route");
    // Two frames 2 s apart: rates exist, and the simulated traffic gives connections per second.
    expect(web?.rates?.cps).toBeGreaterThan(0);
    expect(snapshot.nics.some((nic) => nic.name === "lo")).toBe(true);

    const direct = parseHaproxyStat(askHaproxySocket(host.haproxySocket, "show stat"));
    for (const row of direct.filter((r) => r.proxy === "be_sampler")) {
      const ours = snapshot.haproxy?.find((r) => r.proxy === row.proxy && r.name === row.name);
      expect(ours, `${row.proxy}/${row.name}`).toBeDefined();
      expect(ours?.status).toBe(row.status);
      expect(ours?.weight).toBe(row.weight);
      expect(ours?.totalSessions).toBe(row.totalSessions.toString());
    }
    expect(snapshot.problems).toEqual([]);
  }, 60_000);

  it("fulcrum watch prints a live table and stops by itself after --frames", async () => {
    const { code, stdout } = await fulcrum(["watch", "lb1", "--interval", "1", "--frames", "3"]);
    expect(code).toBe(0);
    expect(stdout.match(/^lb1 {2}frame \d+/gm)).toHaveLength(3);
    expect(stdout).toContain("TCP 192.0.2.10:80 wrr");
    expect(stdout).toContain("-> 198.51.100.1:80");
  }, 60_000);

  it("refuses an unknown host key with the fingerprint, before any command runs", async () => {
    await home.writeKnownHosts("");
    try {
      const { code, stderr } = await fulcrum(["snapshot", "lb1"]);
      expect(code).toBe(1);
      expect(stderr).toContain("unknown host key");
      expect(stderr).toContain(await sshd.hostKeyFingerprint());
    } finally {
      await home.writeKnownHosts(`${sshd.knownHostsLine()}\n`);
    }
  }, 30_000);

  it("a killed sshd: the session retries, and samples resume when the host is back", async () => {
    const events = createEventHub();
    const session = await openTestSession(home, "lb1");
    const monitored = createSshHost({ session, production: false, sampler: { intervalSeconds: 1 } }, events);
    const snapshots: HostSnapshot[] = [];
    const states: SessionState["phase"][] = [];
    events.subscribe((event, payload) => {
      if (event === "sampleReceived") snapshots.push(payload as HostSnapshot);
      if (event === "hostStateChanged") states.push((payload as { state: SessionState }).state.phase);
    });
    const waitUntil = async (check: () => boolean, what: string): Promise<void> => {
      const deadline = Date.now() + 30_000;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    monitored.monitor.start();
    try {
      await waitUntil(() => snapshots.length >= 2, "first samples");
      await sshd.stop();
      await waitUntil(() => states.includes("retrying"), "the session to notice and retry");
      const before = snapshots.length;
      await sshd.start();
      await waitUntil(() => snapshots.length >= before + 2, "samples after the host came back");
      expect(states.at(-1)).toBe("ready");
      expect(snapshots.at(-1)?.services.length).toBe(2);
    } finally {
      monitored.monitor.stop();
      monitored.close();
    }
  }, 90_000);
});
