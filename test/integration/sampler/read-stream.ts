/** Everything a sampler printed, through the frame reader, sorted by kind. */
import type { CapabilityFrame, Frame, FrameReaderEvent } from "../../../core/sampler/frame.ts";
import { FrameReader } from "../../../core/sampler/frame-reader.ts";

export function readStream(stdout: Buffer): {
  events: FrameReaderEvent[];
  frames: Frame[];
  caps: CapabilityFrame[];
} {
  const reader = new FrameReader();
  const events = [...reader.push(stdout), ...reader.end()];
  return {
    events,
    frames: events.flatMap((event) => (event.type === "frame" ? [event.frame] : [])),
    caps: events.flatMap((event) => (event.type === "capabilities" ? [event.capabilities] : [])),
  };
}
