/**
 * The live data path on a real IPVS kernel: Fulcrum's own SSH session (core/ssh) connects to the lab
 * VM by an ~/.ssh/config alias, the streaming sampler runs there under the guest's busybox sh, and the
 * per-backend counters it reports equal `ipvsadm -Ln --stats --exact` read directly over another path.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HostSnapshot } from "../../../core/api.ts";
import { SnapshotBuilder } from "../../../core/live/snapshot-builder.ts";
import { openSshSamplerStream } from "../../../core/live/ssh-stream.ts";
import { backendKey, serviceKey } from "../../../core/model/service-key.ts";
import { parseIpvsadmList } from "../../../core/parse/ipvs/ipvsadm-list.ts";
import { FrameReader } from "../../../core/sampler/frame-reader.ts";
import { frameToSample } from "../../../core/sampler/frame-to-sample.ts";
import { openHostSession } from "../../../core/ssh/open-host-session.ts";
import type { HostSession } from "../../../core/ssh/session.ts";
import { executable, missingPrerequisites } from "../../support/prerequisites.ts";
import { startLabVm, type LabVm } from "../lab-vm.ts";
import { expectEvery } from "../../support/expect-every.ts";

const FULCRUM_BIN = path.resolve(import.meta.dirname, "../../../bin/fulcrum.mjs");

const skip = missingPrerequisites(
  executable("/usr/bin/qemu-system-x86_64", "qemu-system-x86"),
  executable("/usr/bin/ssh", "openssh-client"),
);

async function sampleOnce(session: HostSession): Promise<HostSnapshot> {
  const stream = await openSshSamplerStream(session, { intervalSeconds: 2, maxFrames: 1 })();
  const reader = new FrameReader();
  const builder = new SnapshotBuilder("lab");
  let snapshot: HostSnapshot | undefined;
  stream.onData((chunk) => {
    for (const event of reader.push(chunk))
      if (event.type === "frame") snapshot = builder.build(frameToSample(event.frame), Date.now());
  });
  await stream.exited;
  if (!snapshot) throw new Error("the sampler sent no frame");
  return snapshot;
}

describe.skipIf(skip)("streaming sampler on the real kernel (qemu lab)", () => {
  let vm: LabVm;
  let home: string;
  let session: HostSession;

  beforeAll(async () => {
    vm = await startLabVm("live");
    home = await mkdtemp(path.join(tmpdir(), "fulcrum-lab-home-"));
    await mkdir(path.join(home, ".ssh"), { mode: 0o700 });
    const { host, port, keyPath, hostKeyBase64 } = vm.env;
    await writeFile(
      path.join(home, ".ssh", "config"),
      `Host lab\n  HostName ${host}\n  Port ${port}\n  User root\n  IdentityFile ${keyPath}\n  IdentityAgent none\n`,
    );
    await writeFile(
      path.join(home, ".ssh", "known_hosts"),
      `[${host}]:${port} ssh-ed25519 ${hostKeyBase64}\n`,
    );
    session = await openHostSession("lab", { home });
    await session.connect();
  });

  afterAll(async () => {
    session?.close();
    await vm?.stop();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it("reports every backend's counters exactly as ipvsadm --stats --exact prints them", async () => {
    await vm.reset();
    const sent = await vm.ssh(
      "/lab/traffic.sh http 203.0.113.10 80 20 && /lab/traffic.sh http 203.0.113.20 80 9 && /lab/traffic.sh udp 203.0.113.40 9000 6 100",
      120,
    );
    expect(sent.code).toBe(0);
    // IPVS folds its counters every 2 s; wait for the fold, then for a second one to be sure.
    await new Promise((resolve) => setTimeout(resolve, 4500));

    const snapshot = await sampleOnce(session);
    const direct = parseIpvsadmList((await vm.ssh("ipvsadm -Ln --stats --exact")).stdout);
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.ipvsSource).toBe("ipvsadm");

    const ours = new Map(snapshot.services.map((service) => [serviceKey(service), service]));
    expect(ours.size).toBe(direct.services.length);
    for (const service of direct.services) {
      const mine = ours.get(serviceKey(service));
      expect(mine, serviceKey(service)).toBeDefined();
      expect(mine?.stats).toEqual(toWireCounters(service.stats));
      for (const server of service.realServers) {
        const theirs = mine?.realServers.find((candidate) => backendKey(candidate) === backendKey(server));
        expect(theirs?.stats, `${serviceKey(service)} -> ${backendKey(server)}`).toEqual(
          toWireCounters(server.stats),
        );
      }
    }
    // The traffic sent is visible: wrr 3:1:0 over 20 NAT connections, DR round robin, UDP 6 datagrams.
    const nat = ours.get("203.0.113.10:80");
    expect(
      nat?.realServers.map((server) => [server.address, server.forward, server.weight, server.stats?.conns]),
    ).toEqual([
      ["192.0.2.11", "masq", 3, "15"],
      ["192.0.2.12", "masq", 1, "5"],
      ["192.0.2.13", "masq", 0, "0"],
    ]);
    expectEvery(
      ours.get("203.0.113.20:80")?.realServers ?? [],
      (server) => server.forward === "route" && server.stats?.outBytes === "0",
    );
    expect(ours.get("udp:203.0.113.40:9000")?.stats?.conns).toBe("6");
    expect(snapshot.nics.some((nic) => nic.name === "eth0")).toBe(true);
  }, 180_000);

  it("records real traffic with fulcrum record, and fulcrum report's per-backend totals equal ipvsadm's own before/after differences", async () => {
    await vm.reset();
    const dataDir = await mkdtemp(path.join(tmpdir(), "fulcrum-lab-history-"));
    const kernelStats = async () => {
      const listed = await vm.ssh("ipvsadm -Ln --stats --exact");
      expect(listed.code).toBe(0);
      const map = new Map<string, { conns: bigint; inPkts: bigint; outPkts: bigint }>();
      for (const service of parseIpvsadmList(listed.stdout).services)
        for (const server of service.realServers)
          if (server.stats) map.set(`${serviceKey(service)} ${backendKey(server)}`, server.stats);
      return map;
    };
    try {
      const before = await kernelStats();
      const startedAt = Date.now();
      const recorder = spawn(process.execPath, [FULCRUM_BIN, "record", "lab", "--interval", "1"], {
        env: { ...process.env, HOME: home, FULCRUM_DATA: dataDir },
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      recorder.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => recorder.once("exit", (code) => resolve(code)));
      try {
        for (let i = 0; i < 100 && !/recording lab/.test(stderr); i++)
          await new Promise((r) => setTimeout(r, 100));
        expect(stderr).toMatch(/recording lab/);
        // A few samples before the traffic, then the traffic, the 2 s fold, and a few samples after.
        await new Promise((resolve) => setTimeout(resolve, 3000));
        const sent = await vm.ssh(
          "/lab/traffic.sh http 203.0.113.10 80 16 && /lab/traffic.sh udp 203.0.113.40 9000 4 100",
          120,
        );
        expect(sent.code).toBe(0);
        await new Promise((resolve) => setTimeout(resolve, 6000));
      } finally {
        recorder.kill("SIGINT");
      }
      expect(await exited, stderr).toBe(0);
      const after = await kernelStats();

      const out = path.join(dataDir, "report.json");
      const report = spawnSync(
        process.execPath,
        [
          FULCRUM_BIN,
          "report",
          "lab",
          "--from",
          new Date(startedAt - 1000).toISOString(),
          "--to",
          "now",
          "--format",
          "json",
          "--out",
          out,
        ],
        { env: { ...process.env, HOME: home, FULCRUM_DATA: dataDir }, encoding: "utf8", timeout: 60_000 },
      );
      expect(report.status, report.stderr).toBe(0);
      const document = JSON.parse(await readFile(out, "utf8")) as {
        services: Array<{
          service: string;
          backends: Array<{ backend: string; totals: Record<string, string> }>;
        }>;
      };
      const moved = [...after].filter(([key, stats]) => stats.conns !== before.get(key)?.conns);
      expect(moved.length).toBeGreaterThanOrEqual(3);
      for (const [key, stats] of after) {
        const [service, backend] = key.split(" ");
        const row = document.services
          .find((s) => s.service === service)
          ?.backends.find((b) => b.backend === backend);
        const was = before.get(key);
        expect(row?.totals, key).toMatchObject({
          conns: String(stats.conns - (was?.conns ?? 0n)),
          inPkts: String(stats.inPkts - (was?.inPkts ?? 0n)),
          outPkts: String(stats.outPkts - (was?.outPkts ?? 0n)),
        });
      }
      const csv = spawnSync(
        process.execPath,
        [
          FULCRUM_BIN,
          "report",
          "lab",
          "--from",
          new Date(startedAt - 1000).toISOString(),
          "--to",
          "now",
          "--format",
          "csv",
          "--out",
          path.join(dataDir, "report.csv"),
        ],
        { env: { ...process.env, HOME: home, FULCRUM_DATA: dataDir }, encoding: "utf8", timeout: 60_000 },
      );
      expect(csv.status, csv.stderr).toBe(0);
      expect((await readFile(path.join(dataDir, "report.csv"), "utf8")).split("\n")[0]).toMatch(/timestamp/i);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});

function toWireCounters(
  counters: { conns: bigint; inPkts: bigint; outPkts: bigint; inBytes: bigint; outBytes: bigint } | undefined,
): unknown {
  if (!counters) return undefined;
  return {
    conns: counters.conns.toString(),
    inPkts: counters.inPkts.toString(),
    outPkts: counters.outPkts.toString(),
    inBytes: counters.inBytes.toString(),
    outBytes: counters.outBytes.toString(),
  };
}
