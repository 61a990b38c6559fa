/**
 * One snapshot of the lab VM as the app gets it: the streaming sampler (core/sampler's remote loop)
 * over Fulcrum's own SSH session, its frame decoded and built into a HostSnapshot (core/live).
 *
 * IPVS sections by default: the drift watch reads weights and forwarding methods.
 */
import type { HostSnapshot } from "../../../core/api.ts";
import { SnapshotBuilder } from "../../../core/live/snapshot-builder.ts";
import { openSshSamplerStream } from "../../../core/live/ssh-stream.ts";
import { FrameReader } from "../../../core/sampler/frame-reader.ts";
import { frameToSample } from "../../../core/sampler/frame-to-sample.ts";
import type { SamplerOptionsInput } from "../../../core/sampler/sampler-options.ts";
import type { HostSession } from "../../../core/ssh/session.ts";

export async function sampleSnapshot(
  session: HostSession,
  hostId: string,
  sections: SamplerOptionsInput["sections"] = ["ipvsadm", "ipvsadm-stats"],
): Promise<HostSnapshot> {
  const stream = await openSshSamplerStream(session, { intervalSeconds: 1, maxFrames: 1, sections })();
  const reader = new FrameReader();
  const builder = new SnapshotBuilder(hostId);
  let snapshot: HostSnapshot | undefined;
  stream.onData((chunk) => {
    for (const event of reader.push(chunk)) {
      if (event.type === "frame") snapshot = builder.build(frameToSample(event.frame), Date.now());
    }
  });
  await stream.exited;
  if (!snapshot) throw new Error("the sampler sent no frame");
  return snapshot;
}
