/**
 * The naive way to sample: one SSH exec per poll, running the sampling program for a single frame
 * (maxFrames=1), on a 1 s grid. Either on one kept connection (a new channel per poll) or on a new
 * connection per poll. Latency is from the request to the complete frame (the exec's output, read
 * when the channel closed just after the frame's end marker).
 */
import type { HostSession } from "../../core/ssh/session.ts";
import { FrameReader } from "../../core/sampler/frame-reader.ts";
import type { Frame } from "../../core/sampler/frame.ts";
import { sleepUntil } from "./sample-stats.ts";

export interface PollRun {
  latenciesMs: number[];
  frames: Frame[];
}

async function execOneFrame(session: HostSession, command: string, program: string): Promise<Frame> {
  const result = await session.exec(command, { stdin: program, timeoutMs: 30_000 });
  if (result.code !== 0) throw new Error(`sampler exited ${result.code}: ${result.stderr.slice(0, 300)}`);
  const frames = new FrameReader().push(result.stdout).flatMap((event) => (event.type === "frame" ? [event.frame] : []));
  const frame = frames[0];
  if (frames.length !== 1 || !frame) throw new Error(`expected one frame, got ${frames.length}`);
  return frame;
}

export async function runExecPerPoll(
  session: HostSession,
  invocation: { command: string; stdin: string },
  samples: number,
): Promise<PollRun> {
  const run: PollRun = { latenciesMs: [], frames: [] };
  const start = Date.now();
  for (let i = 0; i < samples; i++) {
    await sleepUntil(start + i * 1000);
    const asked = performance.now();
    run.frames.push(await execOneFrame(session, invocation.command, invocation.stdin));
    run.latenciesMs.push(performance.now() - asked);
  }
  return run;
}

export async function runConnectionPerPoll(
  openSession: () => Promise<HostSession>,
  invocation: { command: string; stdin: string },
  samples: number,
): Promise<PollRun> {
  const run: PollRun = { latenciesMs: [], frames: [] };
  const start = Date.now();
  for (let i = 0; i < samples; i++) {
    await sleepUntil(start + i * 1000);
    const asked = performance.now();
    const session = await openSession();
    try {
      await session.connect();
      run.frames.push(await execOneFrame(session, invocation.command, invocation.stdin));
      run.latenciesMs.push(performance.now() - asked);
    } finally {
      session.close();
    }
  }
  return run;
}
