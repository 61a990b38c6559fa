import { describe, expect, it } from "vitest";
import type { Frame, FrameReaderEvent } from "../../../core/sampler/frame.ts";
import { FrameReader } from "../../../core/sampler/frame-reader.ts";

// A capture in the loop's format, with what real streams carry around it: a MOTD and a sudo
// warning before the first block, a shell complaint between frames, multi-byte UTF-8 (an interface
// label and a HAProxy server name), output without a final newline, empty output, CRLF lines, and a
// section whose text itself contains a line that looks like another section's header.
const CAPTURE = [
  "Welcome to director-1 — authorised use only",
  "sudo: unable to resolve host director-1",
  "==FULCRUM-CAPS version=1 uptime=100.00==",
  "uid=0",
  "root=1",
  "ipvsadm=/usr/sbin/ipvsadm",
  "ipvsadm-error=",
  "sections=netdev ip_addr",
  "==END caps==",
  "==FULCRUM-FRAME seq=1 uptime=100.01 epoch=1700000000==",
  "==SECTION netdev==",
  "Inter-|   Receive",
  "  eth0: 874354587 1036395    0    0",
  "",
  "==SECTION-END netdev rc=0==",
  "==SECTION ip-addr==",
  "2: eth0    inet 192.0.2.1/24 scope global eth0:ü",
  "==SECTION-END ip-addr rc=0==",
  "==SECTION haproxy-stat==",
  "==SECTION-END haproxy-stat rc=0==",
  "==SECTION ipvsadm==",
  "Can't initialize ipvs: Permission denied (you must be root?)",
  "",
  "==SECTION-END ipvsadm rc=2==",
  "==END seq=1==",
  "sh: 1: date: not found",
  "==FULCRUM-FRAME seq=2 uptime=102.01 epoch=0==\r",
  "==SECTION haproxy-stat==\r",
  "be_app,srv→1,0\r",
  "==SECTION other==",
  "\r",
  "==SECTION-END haproxy-stat rc=0==\r",
  "==END seq=2==\r",
  "",
].join("\n");

function frames(events: FrameReaderEvent[]): Frame[] {
  return events.flatMap((event) => (event.type === "frame" ? [event.frame] : []));
}

function readAll(chunks: (string | Uint8Array)[]): FrameReaderEvent[] {
  const reader = new FrameReader();
  const events = chunks.flatMap((chunk) => reader.push(chunk));
  return [...events, ...reader.end()];
}

describe("FrameReader on a whole capture", () => {
  const events = readAll([Buffer.from(CAPTURE, "utf8")]);

  it("reports the lines outside frames as noise, in order", () => {
    const noise = events.flatMap((event) => (event.type === "noise" ? [event.line] : []));
    expect(noise).toEqual([
      "Welcome to director-1 — authorised use only",
      "sudo: unable to resolve host director-1",
      "sh: 1: date: not found",
    ]);
  });

  it("reads the capability block as key/value text", () => {
    const caps = events.find((event) => event.type === "capabilities");
    expect(caps?.type === "capabilities" && caps.capabilities).toEqual({
      version: 1,
      uptime: 100,
      values: new Map([
        ["uid", "0"],
        ["root", "1"],
        ["ipvsadm", "/usr/sbin/ipvsadm"],
        ["ipvsadm-error", ""],
        ["sections", "netdev ip_addr"],
      ]),
    });
  });

  it("reads each frame's header and sections with their exit status and exact text", () => {
    const [first, second, ...more] = frames(events);
    expect(more).toEqual([]);
    expect(first).toMatchObject({ seq: 1, uptime: 100.01, epoch: 1700000000 });
    expect([...(first?.sections.keys() ?? [])]).toEqual(["netdev", "ip-addr", "haproxy-stat", "ipvsadm"]);
    expect(first?.sections.get("netdev")).toEqual({
      rc: 0,
      text: "Inter-|   Receive\n  eth0: 874354587 1036395    0    0\n",
    });
    // Output without a final newline keeps none; empty output is empty.
    expect(first?.sections.get("ip-addr")).toEqual({
      rc: 0,
      text: "2: eth0    inet 192.0.2.1/24 scope global eth0:ü",
    });
    expect(first?.sections.get("haproxy-stat")).toEqual({ rc: 0, text: "" });
    expect(first?.sections.get("ipvsadm")).toEqual({
      rc: 2,
      text: "Can't initialize ipvs: Permission denied (you must be root?)\n",
    });
    // CRLF: markers still recognised; the section's own bytes are left alone.
    expect(second).toMatchObject({ seq: 2, uptime: 102.01, epoch: 0 });
    expect(second?.sections.get("haproxy-stat")).toEqual({
      rc: 0,
      text: "be_app,srv→1,0\r\n==SECTION other==\n\r",
    });
  });
});

describe("FrameReader with the stream split anywhere", () => {
  const bytes = Buffer.from(CAPTURE, "utf8");
  const expected = readAll([bytes]);

  it("gives the same events for a split at every byte offset (mid-line and mid-UTF-8 included)", () => {
    expect(bytes.length).toBeGreaterThan(CAPTURE.length); // the capture does contain multi-byte characters
    for (let offset = 0; offset <= bytes.length; offset++) {
      const events = readAll([bytes.subarray(0, offset), bytes.subarray(offset)]);
      expect(events, `split at byte ${offset}`).toEqual(expected);
    }
  });

  it("gives the same events for three-way splits", () => {
    for (let first = 1; first < bytes.length; first += 7) {
      for (let second = first; second <= bytes.length; second += 13) {
        const chunks = [bytes.subarray(0, first), bytes.subarray(first, second), bytes.subarray(second)];
        expect(readAll(chunks), `split at ${first} and ${second}`).toEqual(expected);
      }
    }
  });

  it("gives the same events one byte at a time, and for string chunks", () => {
    const oneByteChunks = Array.from(bytes, (_, index) => bytes.subarray(index, index + 1));
    expect(readAll(oneByteChunks)).toEqual(expected);
    expect(readAll(Array.from(CAPTURE))).toEqual(expected);
  });
});

function frameText(seq: number, body: string[]): string {
  return (
    [`==FULCRUM-FRAME seq=${seq} uptime=${seq}.00 epoch=${seq}==`, ...body, `==END seq=${seq}==`].join("\n") +
    "\n"
  );
}
const netdevSection = ["==SECTION netdev==", "eth0: 1 2", "", "==SECTION-END netdev rc=0=="];

describe("FrameReader on broken streams", () => {
  it("discards and counts a frame cut short by a new header, and reads the next one", () => {
    const reader = new FrameReader();
    const cut =
      ["==FULCRUM-FRAME seq=7 uptime=7.00 epoch=7==", "==SECTION netdev==", "eth0: 1"].join("\n") + "\n";
    const events = [...reader.push(cut + frameText(1, netdevSection)), ...reader.end()];
    expect(events.map((event) => event.type)).toEqual(["frame-discarded", "frame"]);
    expect(events[0]).toMatchObject({ type: "frame-discarded", reason: "interrupted", seq: 7 });
    expect(frames(events)[0]?.sections.get("netdev")).toEqual({ rc: 0, text: "eth0: 1 2\n" });
    expect(reader.counts).toEqual({ frames: 1, capabilityFrames: 0, discarded: 1, noiseLines: 0 });
  });

  it("discards a capability block interrupted by a frame", () => {
    const reader = new FrameReader();
    const events = reader.push("==FULCRUM-CAPS version=1==\nroot=0\n" + frameText(1, []));
    expect(events.map((event) => event.type)).toEqual(["frame-discarded", "frame"]);
    expect(reader.counts.capabilityFrames).toBe(0);
  });

  it("drops a frame that grows past the limit, says so, and reads the frames after it", () => {
    const reader = new FrameReader({ maxFrameBytes: 4096 });
    const bigSection = [
      "==SECTION netdev==",
      ...Array.from({ length: 200 }, (_, i) => `eth${i}: ${"9".repeat(40)}`),
      "==SECTION-END netdev rc=0==",
    ];
    const events = [
      ...reader.push(frameText(1, bigSection)),
      ...reader.push(frameText(2, netdevSection)),
      ...reader.end(),
    ];
    expect(events.map((event) => event.type)).toEqual(["frame-discarded", "frame"]);
    expect(events[0]).toMatchObject({ reason: "too-large", seq: 1 });
    expect(frames(events).map((frame) => frame.seq)).toEqual([2]);
  });

  it("drops a single endless line without holding it, in small chunks", () => {
    const reader = new FrameReader({ maxFrameBytes: 10_000 });
    const events: FrameReaderEvent[] = [];
    events.push(...reader.push("==FULCRUM-FRAME seq=1 uptime=1.00 epoch=1==\n==SECTION ipvsadm==\n"));
    for (let i = 0; i < 100; i++) events.push(...reader.push("x".repeat(1000)));
    events.push(
      ...reader.push("\n==SECTION-END ipvsadm rc=0==\n==END seq=1==\n"),
      ...reader.push(frameText(2, netdevSection)),
    );
    expect(events.map((event) => event.type)).toEqual(["frame-discarded", "frame"]);
    expect(events[0]).toMatchObject({ reason: "too-large", seq: 1 });
    expect(frames(events)[0]?.seq).toBe(2);
  });

  it("treats an END with another seq, or an END inside a section, as malformed", () => {
    const reader = new FrameReader();
    const wrongSeq = "==FULCRUM-FRAME seq=3 uptime=3.00 epoch=3==\n==END seq=4==\n";
    const openSection =
      "==FULCRUM-FRAME seq=5 uptime=5.00 epoch=5==\n==SECTION netdev==\neth0\n==END seq=5==\n";
    const events = reader.push(wrongSeq + openSection);
    expect(events).toMatchObject([
      { type: "frame-discarded", reason: "malformed", seq: 3 },
      { type: "frame-discarded", reason: "malformed", seq: 5 },
    ]);
  });

  it("discards a frame still open when the stream ends, and reports a last unterminated line", () => {
    const reader = new FrameReader();
    expect(reader.push("sudo: a password is required")).toEqual([]);
    expect(reader.end()).toEqual([{ type: "noise", line: "sudo: a password is required" }]);
    reader.push("==FULCRUM-FRAME seq=9 uptime=9.00 epoch=9==\n==SECTION netdev==\n");
    expect(reader.end()).toMatchObject([{ type: "frame-discarded", reason: "stream-ended", seq: 9 }]);
  });
});
