/**
 * Table 1: what one sample costs the host, exec-per-poll against streaming, in one run against one
 * real sshd (DESIGN §4 and §8: streaming at least 5x cheaper per sample in host CPU).
 *
 * Host CPU: the sshd listener's whole process tree (process-tree-cpu.ts) before and after a mode,
 * divided by its samples; the kept connection is opened before either mode starts. Bytes: counted
 * by a TCP forwarder in front of sshd, both directions, SSH payload over TCP.
 */
import { formatIpvsadm } from "../../core/sim/format-ipvsadm.ts";
import { buildSamplerScript } from "../../core/sampler/remote-script.ts";
import { buildSamplerInvocation } from "../../core/sampler/sampler-command.ts";
import type { SamplerSource } from "../../core/sampler/sampler-sections.ts";
import type { HostSession } from "../../core/ssh/session.ts";
import { printTable } from "../measure.ts";
import { startBenchHost, type BenchHost } from "./bench-host.ts";
import { BACKENDS, createBenchDirector } from "./director-sim.ts";
import { checkFrame } from "./frame-check.ts";
import { runConnectionPerPoll, runExecPerPoll, type PollRun } from "./poll-modes.ts";
import { processTreeCpuMs } from "./process-tree-cpu.ts";
import { formatBytes, formatMs, quantile } from "./sample-stats.ts";
import { STAND_IN_IPVSADM } from "./stand-in-ipvsadm.ts";
import { runStreaming, type StreamRun } from "./streaming-mode.ts";

export const SECTIONS: SamplerSource[] = ["ipvsadm", "ipvsadm-stats", "netdev", "net-speed", "ip-addr"];
const TARGET_RATIO = 5;
/** Time for the processes of a closed connection to exit and be reaped before the last reading. */
const SETTLE_MS = 500;

export interface ModeCost<T extends PollRun> {
  run: T;
  cpuMsPerSample: number;
  bytesPerSample: number;
}

/** Host CPU (the sshd listener's whole process tree) and wire bytes per sample of one mode's run. */
export async function measured<T extends PollRun>(
  host: BenchHost,
  run: () => Promise<T>,
  sections: readonly string[] = SECTIONS,
): Promise<ModeCost<T>> {
  const pid = host.sshd.pid();
  if (pid === undefined) throw new Error("sshd is not running");
  const bytes = (): number => (host.forwarder ? host.forwarder.counts().up + host.forwarder.counts().down : Number.NaN);
  const cpuBefore = processTreeCpuMs(pid);
  const bytesBefore = bytes();
  const result = await run();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const samples = result.frames.length;
  for (const frame of result.frames) checkFrame(frame, BACKENDS, sections);
  return {
    run: result,
    cpuMsPerSample: (processTreeCpuMs(pid) - cpuBefore) / samples,
    bytesPerSample: (bytes() - bytesBefore) / samples,
  };
}

function invocation(maxFrames: number): { command: string; stdin: string } {
  const script = buildSamplerScript({ intervalSeconds: 1, sections: SECTIONS, maxFrames });
  return buildSamplerInvocation(script, { useSudo: false });
}

export async function benchSamplerCost(samples = 20): Promise<void> {
  const director = createBenchDirector();
  const ipvs = director.ipvs;
  if (!ipvs) throw new Error("bench director has no IPVS table");
  const host = await startBenchHost({
    address: "127.0.0.71",
    aliases: ["director"],
    tools: { ipvsadm: STAND_IN_IPVSADM },
    files: {
      "ipvsadm-list.txt": formatIpvsadm(ipvs, { form: "list", exact: true }),
      "ipvsadm-stats.txt": formatIpvsadm(ipvs, { form: "stats", exact: true }),
    },
    countBytes: true,
  });
  let session: HostSession | undefined;
  try {
    session = await host.openSession("director");
    await session.connect();
    const kept = session;
    const perExec = await measured(host, () => runExecPerPoll(kept, invocation(1), samples));
    const perConnection = await measured(host, () =>
      runConnectionPerPoll(() => host.openSession("director"), invocation(1), samples),
    );
    const streaming: ModeCost<StreamRun> = await measured(host, () => runStreaming(kept, invocation(samples), samples));
    const row = (mode: string, cost: ModeCost<PollRun>, latency: string): string[] => [
      mode,
      String(cost.run.frames.length),
      latency,
      formatMs(cost.cpuMsPerSample),
      formatBytes(cost.bytesPerSample),
      `${(cost.cpuMsPerSample / streaming.cpuMsPerSample).toFixed(1)}x`,
    ];
    const spread = (values: number[]): string => `${formatMs(quantile(values, 0.5))} / ${formatMs(Math.max(...values))}`;
    const jitter = streaming.run.intervalsMs.map((interval) => Math.abs(interval - 1000));
    printTable(
      `Host cost per sample, ${BACKENDS}-backend director, sections ${SECTIONS.join(" ")}, 1 s grid (sshd ${host.sshd.address})`,
      ["mode", "samples", "latency ms (median / max)", "host CPU ms/sample", "wire bytes/sample", "host CPU vs streaming"],
      [
        row("exec per poll (new channel, kept connection)", perExec, spread(perExec.run.latenciesMs)),
        row("new connection per poll", perConnection, spread(perConnection.run.latenciesMs)),
        row("streaming (one channel, 1 s interval)", streaming, spread(streaming.run.latenciesMs)),
      ],
    );
    const ratio = perExec.cpuMsPerSample / streaming.cpuMsPerSample;
    console.log(
      `\nlatency: exec modes = request to complete frame; streaming = host began the frame (its /proc/uptime) to frame complete here, 10 ms resolution.` +
        `\nstreaming frame-to-frame jitter |interval - 1000 ms|: median ${formatMs(quantile(jitter, 0.5))} ms, max ${formatMs(Math.max(...jitter))} ms.` +
        `\ntarget (DESIGN §8): streaming >= ${TARGET_RATIO}x cheaper in host CPU than exec per poll: ${ratio.toFixed(1)}x, ${ratio >= TARGET_RATIO ? "meets" : "MISSES"}.`,
    );
  } finally {
    session?.close();
    await host.dispose();
  }
}
