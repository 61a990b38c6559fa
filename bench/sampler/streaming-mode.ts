/**
 * The way Fulcrum samples (DESIGN §4): one long-lived channel running the sampling loop, N frames at
 * a 1 s interval; the loop stops by itself after N (maxFrames). The host is this machine, so the
 * frame header's uptime (/proc/uptime when the loop began the frame, in centiseconds) and our own
 * read of /proc/uptime when the frame's end marker arrived share one clock: latency is from the
 * host starting the frame to the app holding it complete, at 10 ms resolution.
 */
import { readFileSync } from "node:fs";
import type { HostSession } from "../../core/ssh/session.ts";
import { FrameReader } from "../../core/sampler/frame-reader.ts";
import type { PollRun } from "./poll-modes.ts";

function uptimeSeconds(): number {
  return Number(readFileSync("/proc/uptime", "utf8").split(" ")[0]);
}

export interface StreamRun extends PollRun {
  /** Time between successive frame arrivals, ms (ideal: 1000). */
  intervalsMs: number[];
}

export async function runStreaming(
  session: HostSession,
  invocation: { command: string; stdin: string },
  samples: number,
): Promise<StreamRun> {
  const run: StreamRun = { latenciesMs: [], frames: [], intervalsMs: [] };
  const reader = new FrameReader();
  let lastArrival: number | undefined;
  const stream = await session.openStream(invocation.command);
  stream.stdout.on("data", (chunk: Buffer) => {
    for (const event of reader.push(chunk)) {
      if (event.type !== "frame") continue;
      const now = performance.now();
      run.latenciesMs.push((uptimeSeconds() - event.frame.uptime) * 1000);
      if (lastArrival !== undefined) run.intervalsMs.push(now - lastArrival);
      lastArrival = now;
      run.frames.push(event.frame);
    }
  });
  stream.stdin.end(invocation.stdin);
  const timeout = setTimeout(() => stream.close(), (samples + 30) * 1000);
  try {
    const exit = await stream.exited;
    if (exit.code !== 0) throw new Error(`sampling loop exited ${exit.code ?? exit.signal}`);
  } finally {
    clearTimeout(timeout);
  }
  if (run.frames.length !== samples) throw new Error(`expected ${samples} frames, got ${run.frames.length}`);
  return run;
}
