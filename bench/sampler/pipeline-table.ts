/**
 * The app's per-frame work at scale without SSH, stage by stage: the same 500-backend frames the
 * scale run streams (frame-bodies.ts), fed in-process to 20 hosts' frame readers (in 32 KiB byte
 * chunks, as an SSH channel delivers them), frameToSample (with the per-stream SectionMemo, as
 * core/live/host-monitor.ts runs it), SnapshotBuilder, and one browser socket's JSON.stringify.
 * CPU time (process.cpuUsage: all threads, so GC helpers count), not wall
 * time, so other load on the machine moves the figures less. Repeated rounds, medians printed.
 * Run: npm run bench -- pipeline
 */
import type { HostSnapshot } from "../../core/api.ts";
import { SnapshotBuilder } from "../../core/live/snapshot-builder.ts";
import { FrameReader } from "../../core/sampler/frame-reader.ts";
import { frameToSample } from "../../core/sampler/frame-to-sample.ts";
import type { Frame } from "../../core/sampler/frame.ts";
import type { HostSample } from "../../core/sampler/host-sample.ts";
import { SectionMemo } from "../../core/sampler/section-memo.ts";
import { demoHostUptime } from "../../core/sim/demo-cluster.ts";
import { printTable } from "../measure.ts";
import { BACKENDS, createBenchDirector } from "./director-sim.ts";
import { generateFrameTexts } from "./frame-bodies.ts";
import { quantile } from "./sample-stats.ts";

const HOSTS = 20;
const FRAMES = 60;
const ROUNDS = 5;
const CHUNK_BYTES = 32 * 1024;

const STAGES = ["frame reader", "frameToSample", "SnapshotBuilder", "JSON for one socket"] as const;
type Stage = (typeof STAGES)[number];

const cpuMs = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** Frame i of the run as the loop prints it, cut into the chunks the reader will get. */
function framedChunks(bodies: string[], uptimeAtStart: number): Buffer[][] {
  return bodies.map((body, i) => {
    const uptime = (uptimeAtStart + i + 1).toFixed(2);
    const bytes = Buffer.from(
      `==FULCRUM-FRAME seq=${i + 1} uptime=${uptime} epoch=0==\n${body}==END seq=${i + 1}==\n`,
    );
    const chunks: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += CHUNK_BYTES) chunks.push(bytes.subarray(at, at + CHUNK_BYTES));
    return chunks;
  });
}

/** One round: every host reads all frames; CPU ms per stage, summed over hosts and frames. */
function runRound(frames: Buffer[][], caps: string): Record<Stage, number> {
  const spent: Record<Stage, number> = {
    "frame reader": 0,
    frameToSample: 0,
    SnapshotBuilder: 0,
    "JSON for one socket": 0,
  };
  const hosts = Array.from({ length: HOSTS }, (_, i) => ({
    reader: new FrameReader(),
    memo: new SectionMemo(),
    builder: new SnapshotBuilder(`director-${i + 1}`),
    latest: null as HostSnapshot | null,
  }));
  for (const host of hosts) host.reader.push(caps);
  let withRates = 0;
  for (const chunks of frames) {
    for (const host of hosts) {
      let at = cpuMs();
      const done: Frame[] = [];
      for (const chunk of chunks) {
        for (const event of host.reader.push(chunk)) if (event.type === "frame") done.push(event.frame);
      }
      const step = (stage: Stage): void => {
        const now = cpuMs();
        spent[stage] += now - at;
        at = now;
      };
      step("frame reader");
      const samples: HostSample[] = done.map((frame) => frameToSample(frame, host.memo));
      step("frameToSample");
      const snapshots = samples.map((sample) => host.builder.build(sample, 0));
      step("SnapshotBuilder");
      for (const snapshot of snapshots) JSON.stringify({ event: "sampleReceived", payload: snapshot });
      step("JSON for one socket");
      if (snapshots.length !== 1) throw new Error(`a frame read back as ${snapshots.length} snapshots`);
      host.latest = snapshots[0] ?? null;
      if (host.latest?.services[0]?.realServers[0]?.rates) withRates++;
    }
  }
  // Rates start at the third frame (the 2 s IPVS fold), so all but two frames per host carry them.
  if (withRates !== HOSTS * (FRAMES - 2))
    throw new Error(`${withRates} snapshots with rates, expected ${HOSTS * (FRAMES - 2)}`);
  return spent;
}

export function benchPipeline(): void {
  const director = createBenchDirector(23);
  const texts = generateFrameTexts(director, FRAMES);
  const frames = framedChunks(texts.bodies, Number(demoHostUptime(director)));
  runRound(frames, texts.caps); // warm-up
  const rounds = Array.from({ length: ROUNDS }, () => runRound(frames, texts.caps));
  const perFrame = (stage: Stage): number =>
    quantile(
      rounds.map((round) => round[stage] / (HOSTS * FRAMES)),
      0.5,
    );
  const rows = STAGES.map((stage) => [
    stage,
    perFrame(stage).toFixed(3),
    ((perFrame(stage) * HOSTS) / 10).toFixed(2),
  ]);
  const total = STAGES.reduce((sum, stage) => sum + perFrame(stage), 0);
  rows.push(["total", total.toFixed(3), ((total * HOSTS) / 10).toFixed(2)]);
  printTable(
    `App pipeline without SSH: ${HOSTS} hosts x ${BACKENDS} backends, ${FRAMES} frames each, CPU time, median of ${ROUNDS} rounds`,
    ["stage", "CPU ms per frame", `% of one core at ${HOSTS} hosts, 1 s`],
    rows,
  );
}
