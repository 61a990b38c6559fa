/**
 * Table 2: the app at 20 hosts x 500 backends at 1 s (DESIGN §8: under 10 % of one core and under
 * 400 MB). 20 real SSH sessions (one sshd, 20 aliases) each stream a 500-backend director's frames
 * (frame-loop-stream.ts) into the app's pipeline (scale-fleet.ts). After every host has delivered
 * a frame with rates, this process's CPU is measured over a fixed window; memory peaks cover the
 * whole run. The sshd tree's CPU over the same window is shown for information.
 *
 * Three rows, one after the other in this process (so later rows' memory starts from what earlier
 * ones left behind): production (no payload validation) with one browser-mode socket's JSON
 * serialization, which is the row the target is judged on; the pipeline alone, without a carrier;
 * and the event hub's default outside production (zod validation of every snapshot).
 */
import { printTable } from "../measure.ts";
import { startBenchHost, type BenchHost } from "./bench-host.ts";
import { startAppMeter } from "./app-meter.ts";
import { BACKENDS, createBenchDirector } from "./director-sim.ts";
import { generateFrameTexts } from "./frame-bodies.ts";
import type { FrameLoopOptions } from "./frame-loop-stream.ts";
import { processTreeCpuMs } from "./process-tree-cpu.ts";
import { createFleet, type Fleet, type FleetOptions } from "./scale-fleet.ts";

const HOSTS = 20;
const WINDOW_SECONDS = 30;
/** Frames per stream, and bodies on disk: enough for warm-up and the window, no wrap-around. */
const FRAMES = 60;
const WARM_UP_LIMIT_MS = 60_000;
const TARGET_CPU_PERCENT = 10;
const TARGET_RSS_BYTES = 400 * 1024 * 1024;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);

/** Every host has published a snapshot with rates (its second frame), and each has all backends. */
function warmedUp(fleet: Fleet): boolean {
  return fleet.latest().every((snapshot) => {
    const servers = snapshot?.services.flatMap((service) => service.realServers) ?? [];
    return servers.length === BACKENDS && servers.every((server) => server.rates !== undefined);
  });
}

interface Variant extends FleetOptions {
  label: string;
}

const VARIANTS: Variant[] = [
  { label: "production, JSON for one socket", validatePayloads: false, serializeForCarrier: true },
  { label: "production, no carrier", validatePayloads: false, serializeForCarrier: false },
  { label: "zod-validated events, JSON for one socket", validatePayloads: true, serializeForCarrier: true },
];

async function runVariant(host: BenchHost, aliases: string[], loop: FrameLoopOptions, variant: Variant): Promise<string[]> {
  const sessions = await Promise.all(aliases.map((alias) => host.openSession(alias)));
  const meter = startAppMeter();
  const fleet = createFleet(sessions, loop, variant);
  try {
    fleet.start();
    const deadline = Date.now() + WARM_UP_LIMIT_MS;
    while (!warmedUp(fleet)) {
      if (Date.now() > deadline) throw new Error(`hosts did not all deliver rates within ${WARM_UP_LIMIT_MS} ms`);
      await sleep(100);
    }
    const pid = host.sshd.pid();
    if (pid === undefined) throw new Error("sshd is not running");
    const sshdBefore = processTreeCpuMs(pid);
    const before = fleet.counts();
    meter.startWindow();
    await sleep(WINDOW_SECONDS * 1000);
    const cost = meter.stop();
    const sshdPercent = ((processTreeCpuMs(pid) - sshdBefore) / 1000 / cost.wallSeconds) * 100;
    const after = fleet.counts();
    if (!warmedUp(fleet)) throw new Error("a host stopped delivering full snapshots during the window");
    const meets = cost.cpuPercentOfCore < TARGET_CPU_PERCENT && cost.peakRssBytes < TARGET_RSS_BYTES;
    return [
      variant.label,
      `${HOSTS} x ${BACKENDS}`,
      cost.wallSeconds.toFixed(1),
      String(after.snapshots - before.snapshots),
      variant.serializeForCarrier ? `${((after.serializedBytes - before.serializedBytes) / cost.wallSeconds / 1024 / 1024).toFixed(1)} MiB/s` : "-",
      cost.cpuPercentOfCore.toFixed(1),
      mib(cost.peakRssBytes),
      mib(cost.peakHeapUsedBytes),
      sshdPercent.toFixed(1),
      meets ? "meets" : "MISSES",
    ];
  } finally {
    fleet.stop();
  }
}

export async function benchSamplerScale(): Promise<void> {
  const texts = generateFrameTexts(createBenchDirector(23), FRAMES);
  const files: Record<string, string> = { "caps.txt": texts.caps };
  texts.bodies.forEach((body, i) => (files[`body-${i}.txt`] = body));
  const aliases = Array.from({ length: HOSTS }, (_, i) => `director-${String(i + 1).padStart(2, "0")}`);
  const host = await startBenchHost({ address: "127.0.0.72", aliases, files });
  try {
    const loop: FrameLoopOptions = { dataDir: host.dataDir, bodies: FRAMES, maxFrames: FRAMES };
    const rows: string[][] = [];
    for (const variant of VARIANTS) {
      rows.push(await runVariant(host, aliases, loop, variant));
      // Let the closed sessions' sshd processes exit before the next variant connects.
      await sleep(1000);
    }
    printTable(
      `App cost at scale: ${HOSTS} hosts x ${BACKENDS} backends, 1 s frames over real SSH (sshd ${host.sshd.address}), ${WINDOW_SECONDS} s window after warm-up`,
      ["app side", "hosts x backends", "window s", "snapshots", "JSON to carrier", "app CPU % of one core", "peak rss MiB", "peak heapUsed MiB", "sshd side CPU %", `target < ${TARGET_CPU_PERCENT} % and < 400 MB`],
      rows,
    );
  } finally {
    await host.dispose();
  }
}
