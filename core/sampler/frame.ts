/** What the frame reader makes of the sampling loop's output (format: remote-script.ts). */

/** One section of a frame: the command's exit status and its output, byte for byte. */
export interface SectionOutput {
  rc: number;
  text: string;
}

export interface Frame {
  /** 1, 2, 3, ... per run of the loop; a restart of the loop starts again at 1. */
  seq: number;
  /** Host /proc/uptime in seconds (centisecond resolution): the monotonic clock for rates. */
  uptime: number;
  /** Host wall clock, Unix seconds. */
  epoch: number;
  sections: Map<string, SectionOutput>;
}

/** The loop's first block: what the host has and what it may do, as KEY=VALUE text. */
export interface CapabilityFrame {
  version: number;
  uptime: number;
  values: Map<string, string>;
}

export type DiscardReason =
  /** A new header arrived before this frame's END (the loop restarted, or output was lost). */
  | "interrupted"
  /** The frame grew past the reader's byte limit. */
  | "too-large"
  /** The frame broke the format (END with another seq, END inside a section). */
  | "malformed"
  /** The stream ended inside the frame. */
  | "stream-ended";

export type FrameReaderEvent =
  | { type: "capabilities"; capabilities: CapabilityFrame }
  | { type: "frame"; frame: Frame }
  | { type: "frame-discarded"; reason: DiscardReason; seq?: number; message: string }
  /** A line outside any frame: a MOTD, a sudo complaint, a shell error. Cut to 1,000 characters. */
  | { type: "noise"; line: string };
