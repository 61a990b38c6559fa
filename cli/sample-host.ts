/**
 * One consistent sample of a host over SSH: two frames a window apart (rates need two), then the
 * remote loop stops. `fulcrum snapshot` prints it; `fulcrum dns --host` joins names with it.
 */
import type { HostSnapshot } from "../core/api.ts";
import { SnapshotBuilder } from "../core/live/snapshot-builder.ts";
import { openSshSamplerStream } from "../core/live/ssh-stream.ts";
import { FrameReader } from "../core/sampler/frame-reader.ts";
import { frameToSample } from "../core/sampler/frame-to-sample.ts";
import type { HostSession } from "../core/ssh/session.ts";

const DEADLINE_MS = 60_000;

export type HostSample = {
  snapshot: HostSnapshot | undefined;
  capabilities: Map<string, string>;
  ended: "done" | "lost" | "timeout";
};

export async function sampleHostOnce(
  session: HostSession,
  hostId: string,
  options: { windowSeconds: number; haproxySocket?: string },
): Promise<HostSample> {
  const stream = await openSshSamplerStream(session, {
    intervalSeconds: options.windowSeconds,
    maxFrames: 2,
    ...(options.haproxySocket === undefined ? {} : { haproxySocket: options.haproxySocket }),
  })();
  const reader = new FrameReader();
  const builder = new SnapshotBuilder(hostId);
  let snapshot: HostSnapshot | undefined;
  const capabilities = new Map<string, string>();
  stream.onData((chunk) => {
    for (const event of reader.push(chunk)) {
      if (event.type === "frame") snapshot = builder.build(frameToSample(event.frame), Date.now());
      if (event.type === "capabilities")
        for (const [key, value] of event.capabilities.values) capabilities.set(key, value);
    }
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<"timeout">(
    (resolve) => (timer = setTimeout(() => resolve("timeout"), DEADLINE_MS)),
  );
  const ended = await Promise.race([
    stream.exited.then(
      () => "done" as const,
      () => "lost" as const,
    ),
    deadline,
  ]);
  clearTimeout(timer);
  stream.close();
  return { snapshot, capabilities, ended };
}
