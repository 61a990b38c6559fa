/**
 * Pre-generated sampling frames for the scale run: the director's capability block, and one frame
 * body (the sections between header and end marker, frame format 1 of core/sampler/remote-script.ts)
 * per second of simulated traffic, so counters grow from body to body and the app computes rates.
 * ip-addr is this machine's own `ip -o addr show`, captured once.
 */
import { execFileSync } from "node:child_process";
import { demoHostCaps, demoHostSections, demoHostUptime, type DemoHost } from "../../core/sim/demo-cluster.ts";
import { FrameReader } from "../../core/sampler/frame-reader.ts";
import { BACKENDS, advanceDirector } from "./director-sim.ts";
import { checkFrame } from "./frame-check.ts";

export const BODY_SECTIONS = ["ipvsadm", "ipvsadm-stats", "netdev", "net-speed", "ip-addr"];

export interface FrameTexts {
  caps: string;
  bodies: string[];
}

function body(sections: Record<string, string>): string {
  return BODY_SECTIONS.map((name) => `==SECTION ${name}==\n${sections[name] ?? ""}\n==SECTION-END ${name} rc=0==\n`).join("");
}

export function generateFrameTexts(director: DemoHost, count: number): FrameTexts {
  const ipAddr = execFileSync("ip", ["-o", "addr", "show"], { encoding: "utf8" });
  const bodies: string[] = [];
  for (let i = 0; i < count; i++) {
    advanceDirector(director, 1000);
    bodies.push(body({ ...demoHostSections(director), "ip-addr": ipAddr }));
  }
  const texts = { caps: demoHostCaps(director), bodies };
  checkFrameTexts(texts, demoHostUptime(director));
  return texts;
}

/** The reader and parsers must take the bodies as the loop will frame them, or the run means nothing. */
function checkFrameTexts(texts: FrameTexts, uptime: string): void {
  const reader = new FrameReader();
  const framed = texts.bodies.slice(0, 2).map((text, i) => `==FULCRUM-FRAME seq=${i + 1} uptime=${uptime} epoch=0==\n${text}==END seq=${i + 1}==\n`);
  const events = reader.push(texts.caps + framed.join(""));
  const frames = events.flatMap((event) => (event.type === "frame" ? [event.frame] : []));
  if (!events.some((event) => event.type === "capabilities") || frames.length !== 2) {
    throw new Error(`generated frames do not read back: ${JSON.stringify(reader.counts)}`);
  }
  for (const frame of frames) checkFrame(frame, BACKENDS, BODY_SECTIONS);
}
