/**
 * Turns the sampling loop's byte stream into frames (format: remote-script.ts). Chunks may split
 * anywhere, mid-line or mid-UTF-8 sequence. Lines outside frames (MOTD, sudo warnings) come out as
 * noise; a frame cut short by a new header is discarded and counted; a frame that grows past
 * maxFrameBytes is dropped with an event instead of growing memory without bound.
 *
 * Synchronous and free of I/O: `push` returns the events the chunk completed, so a test or the
 * session that owns the SSH channel decides what to do with them.
 */
import type { CapabilityFrame, DiscardReason, Frame, FrameReaderEvent, SectionOutput } from "./frame.ts";

// ==FULCRUM-FRAME seq=12 uptime=8123.45 epoch=1700000000==
const FRAME_HEADER = /^==FULCRUM-FRAME seq=(\d{1,15}) uptime=(\d{1,15}(?:\.\d{1,9})?) epoch=(\d{1,15})==$/;
// ==FULCRUM-CAPS version=1 uptime=8123.45==
const CAPS_HEADER = /^==FULCRUM-CAPS version=(\d{1,6})(?: uptime=(\d{1,15}(?:\.\d{1,9})?))?==$/;
const CAPS_END = "==END caps==";
// ==END seq=12==
const FRAME_END = /^==END seq=(\d{1,15})==$/;
// ==SECTION ipvsadm-stats==
const SECTION_HEADER = /^==SECTION ([A-Za-z0-9_.-]{1,64})==$/;
// ==SECTION-END ipvsadm-stats rc=0==
const SECTION_END = /^==SECTION-END ([A-Za-z0-9_.-]{1,64}) rc=(\d{1,3})==$/;

const NOISE_LINE_LIMIT = 1000;
const EQUALS = 61;

export interface FrameReaderOptions {
  /** A frame (or a single line) larger than this is dropped. Counted in decoded characters, which are bytes for the ASCII these tools print. Default 32 Mi. */
  maxFrameBytes?: number;
}

export interface FrameReaderCounts {
  frames: number;
  capabilityFrames: number;
  discarded: number;
  noiseLines: number;
}

type State =
  | { kind: "outside" }
  | { kind: "caps"; caps: CapabilityFrame; bytes: number }
  | { kind: "frame"; frame: Frame; bytes: number; section?: { name: string; lines: string[] } }
  /** After a dropped frame: ignore lines until the next header. */
  | { kind: "skipping" };

export class FrameReader {
  readonly counts: FrameReaderCounts = { frames: 0, capabilityFrames: 0, discarded: 0, noiseLines: 0 };
  readonly #maxFrameBytes: number;
  readonly #decoder = new TextDecoder("utf-8");
  #state: State = { kind: "outside" };
  /** The unfinished last line, in pieces, so a long line arriving in many chunks is joined once. */
  #partial: string[] = [];
  #partialLength = 0;
  /** The current line already passed the limit: drop the rest of it. */
  #droppingLine = false;
  #events: FrameReaderEvent[] = [];

  constructor(options: FrameReaderOptions = {}) {
    this.#maxFrameBytes = options.maxFrameBytes ?? 32 * 1024 * 1024;
  }

  push(chunk: Uint8Array | string): FrameReaderEvent[] {
    const text = typeof chunk === "string" ? chunk : this.#decoder.decode(chunk, { stream: true });
    this.#consume(text);
    return this.#takeEvents();
  }

  /** The stream closed: a frame still open is discarded, an unterminated line outside one is noise. */
  end(): FrameReaderEvent[] {
    this.#consume(this.#decoder.decode());
    if (this.#partialLength > 0 && !this.#droppingLine) this.#line(this.#partial.join(""));
    this.#partial = [];
    this.#partialLength = 0;
    this.#droppingLine = false;
    if (this.#state.kind === "caps" || this.#state.kind === "frame") {
      this.#discard("stream-ended", "the stream ended inside a frame");
    }
    this.#state = { kind: "outside" };
    return this.#takeEvents();
  }

  #takeEvents(): FrameReaderEvent[] {
    const events = this.#events;
    this.#events = [];
    return events;
  }

  #consume(text: string): void {
    let start = 0;
    for (;;) {
      if (this.#partialLength === 0 && !this.#droppingLine) start = this.#takeSectionBody(text, start);
      const newline = text.indexOf("\n", start);
      if (newline < 0) break;
      const piece = text.slice(start, newline);
      start = newline + 1;
      if (this.#droppingLine) {
        this.#droppingLine = false;
        continue;
      }
      let line = piece;
      if (this.#partialLength > 0) {
        this.#partial.push(piece);
        line = this.#partial.join("");
        this.#partial = [];
        this.#partialLength = 0;
      }
      this.#line(line);
    }
    const rest = text.slice(start);
    if (rest.length === 0 || this.#droppingLine) return;
    this.#partial.push(rest);
    this.#partialLength += rest.length;
    if (this.#partialLength > this.#maxFrameBytes) {
      this.#partial = [];
      this.#partialLength = 0;
      this.#droppingLine = true;
      this.#tooLarge();
    }
  }

  /**
   * Inside a section, takes the complete lines from `start` on that cannot be markers, as one piece:
   * every marker starts with "==", so the text up to the next "\n==" is section output. A
   * 500-backend frame is thousands of such lines; one slice instead of one per line. Returns where
   * line-by-line reading goes on. The frame's size is counted as if line by line.
   */
  #takeSectionBody(text: string, start: number): number {
    const state = this.#state;
    if (state.kind !== "frame" || !state.section || text.charCodeAt(start) === EQUALS) return start;
    const nextMarker = text.indexOf("\n==", start);
    const end = nextMarker >= 0 ? nextMarker : text.lastIndexOf("\n");
    if (end < start) return start;
    const body = text.slice(start, end);
    if (this.#grow(state, body)) state.section.lines.push(body);
    return end + 1;
  }

  #line(raw: string): void {
    // Markers tolerate a CR (a pty in the path); section text keeps its bytes as they were.
    const marker = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const frameHeader = marker.startsWith("==FULCRUM-FRAME ") ? FRAME_HEADER.exec(marker) : null;
    const capsHeader = marker.startsWith("==FULCRUM-CAPS ") ? CAPS_HEADER.exec(marker) : null;
    if (frameHeader || capsHeader) {
      if (this.#state.kind === "caps" || this.#state.kind === "frame") {
        this.#discard("interrupted", "a new header arrived before the end of the frame");
      }
      if (frameHeader) {
        const frame: Frame = {
          seq: Number(frameHeader[1]),
          uptime: Number(frameHeader[2]),
          epoch: Number(frameHeader[3]),
          sections: new Map(),
        };
        this.#state = { kind: "frame", frame, bytes: raw.length + 1 };
      } else if (capsHeader) {
        const caps = {
          version: Number(capsHeader[1]),
          uptime: Number(capsHeader[2] ?? 0),
          values: new Map(),
        };
        this.#state = { kind: "caps", caps, bytes: raw.length + 1 };
      }
      return;
    }
    const state = this.#state;
    switch (state.kind) {
      case "outside":
        this.counts.noiseLines++;
        this.#events.push({ type: "noise", line: raw.slice(0, NOISE_LINE_LIMIT) });
        return;
      case "skipping":
        return;
      case "caps":
        if (this.#grow(state, raw)) this.#capsLine(state, marker);
        return;
      case "frame":
        if (this.#grow(state, raw)) this.#frameLine(state, raw, marker);
        return;
    }
  }

  /** Adds a line's size to the open frame; false when that took it past the limit (and dropped it). */
  #grow(state: { bytes: number }, raw: string): boolean {
    state.bytes += raw.length + 1;
    if (state.bytes <= this.#maxFrameBytes) return true;
    this.#tooLarge();
    return false;
  }

  #capsLine(state: Extract<State, { kind: "caps" }>, marker: string): void {
    if (marker === CAPS_END) {
      this.counts.capabilityFrames++;
      this.#events.push({ type: "capabilities", capabilities: state.caps });
      this.#state = { kind: "outside" };
      return;
    }
    const equals = marker.indexOf("=");
    if (equals > 0) state.caps.values.set(marker.slice(0, equals), marker.slice(equals + 1));
  }

  #frameLine(state: Extract<State, { kind: "frame" }>, raw: string, marker: string): void {
    const { frame, section } = state;
    if (section) {
      const end = SECTION_END.exec(marker);
      if (end && end[1] === section.name) {
        // The loop prints one newline more than the command did; the last line is that newline's.
        const output: SectionOutput = { rc: Number(end[2]), text: section.lines.join("\n") };
        frame.sections.set(section.name, output);
        state.section = undefined;
      } else if (FRAME_END.test(marker)) {
        this.#discard("malformed", `the frame ended inside section ${section.name}`);
      } else {
        section.lines.push(raw);
      }
      return;
    }
    const header = SECTION_HEADER.exec(marker);
    if (header) {
      state.section = { name: header[1] as string, lines: [] };
      return;
    }
    const end = FRAME_END.exec(marker);
    if (end) {
      if (Number(end[1]) === frame.seq) {
        this.counts.frames++;
        this.#events.push({ type: "frame", frame });
        this.#state = { kind: "outside" };
      } else {
        this.#discard("malformed", `frame ${frame.seq} ended with seq=${end[1]}`);
      }
    }
    // Anything else between sections is not ours to interpret; the format never prints it.
  }

  #tooLarge(): void {
    if (this.#state.kind === "caps" || this.#state.kind === "frame") {
      this.#discard("too-large", `the frame passed ${this.#maxFrameBytes} bytes and was dropped`);
      this.#state = { kind: "skipping" };
    } else if (this.#state.kind === "outside") {
      // A line that long outside any frame: count it as discarded output, keep reading.
      this.counts.discarded++;
      this.#events.push({
        type: "frame-discarded",
        reason: "too-large",
        message: `a line outside any frame passed ${this.#maxFrameBytes} bytes and was dropped`,
      });
    }
  }

  #discard(reason: DiscardReason, message: string): void {
    const state = this.#state;
    const seq = state.kind === "frame" ? state.frame.seq : undefined;
    this.counts.discarded++;
    this.#events.push({ type: "frame-discarded", reason, ...(seq === undefined ? {} : { seq }), message });
    this.#state = { kind: "outside" };
  }
}
