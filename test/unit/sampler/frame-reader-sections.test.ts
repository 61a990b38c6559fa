import { describe, expect, it } from "vitest";
import type { FrameReaderEvent } from "../../../core/sampler/frame.ts";
import { FrameReader } from "../../../core/sampler/frame-reader.ts";

// Section output with lines that only look like markers: the reader takes runs of output lines in
// one piece up to the next line starting with "==", so these are the lines at the edges of that.
const BODY = [
  "==SECTION ipvsadm==",
  "=",
  "=SECTION-END ipvsadm rc=0==",
  "==SECTION-END other rc=0==",
  "  -> 10.0.0.1:80 Masq 1 0 0",
  "",
  "==not a marker",
  "x\r",
  "==SECTION-END ipvsadm rc=0==",
];
const FRAME = ["==FULCRUM-FRAME seq=1 uptime=1.00 epoch=1==", ...BODY, "==END seq=1=="].join("\n") + "\n";
const OUTPUT = BODY.slice(1, -1).join("\n");

function read(chunks: string[], maxFrameBytes?: number): FrameReaderEvent[] {
  const reader = new FrameReader(maxFrameBytes === undefined ? {} : { maxFrameBytes });
  return [...chunks.flatMap((chunk) => reader.push(chunk)), ...reader.end()];
}

/** The text cut after every `size` characters. */
function pieces(text: string, size: number): string[] {
  const result: string[] = [];
  for (let at = 0; at < text.length; at += size) result.push(text.slice(at, at + size));
  return result;
}

describe("FrameReader, section output", () => {
  it("keeps lines that only look like markers as output, byte for byte", () => {
    const events = read([FRAME]);
    expect(events.map((event) => event.type)).toEqual(["frame"]);
    const frame = events[0]?.type === "frame" ? events[0].frame : undefined;
    expect(frame?.sections.get("ipvsadm")).toEqual({ rc: 0, text: OUTPUT });
  });

  it("reads the same whatever the chunk size", () => {
    const whole = read([FRAME]);
    for (let size = 1; size <= FRAME.length; size++)
      expect(read(pieces(FRAME, size)), `chunks of ${size}`).toEqual(whole);
  });

  it("counts a frame's size exactly, output taken in one piece or line by line", () => {
    for (const size of [1, 5, 64, FRAME.length]) {
      const chunks = pieces(FRAME, size);
      expect(
        read(chunks, FRAME.length).map((event) => event.type),
        `chunks of ${size}`,
      ).toEqual(["frame"]);
      const over = read(chunks, FRAME.length - 1);
      expect(
        over.map((event) => event.type),
        `chunks of ${size}`,
      ).toEqual(["frame-discarded"]);
      expect(over[0]).toMatchObject({ reason: "too-large", seq: 1 });
    }
  });
});
