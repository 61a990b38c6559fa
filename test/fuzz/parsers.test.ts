/**
 * Fuzz tier (issue 10): every parser `fulcrum parse` offers (core/parse/kinds.ts) and the
 * sampler's frame reader, on random text, binary, NUL, very long lines, mutated real captures
 * (test/fixtures) and every truncation of a few of them. Each call must end in a value or a
 * ParseError (the one error type of core/parse: the CLI prints it and exits 2); any other throw,
 * or a call slower than a second, is a failure naming the kind, the case and the seed. Each parser
 * must also be linear: CPU time for an input ten times longer stays under 25x (median of several
 * runs; generous, so a loaded CI machine does not flake). Bounded in count: a few seconds in all.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../../core/model/parse-error.ts";
import { PARSE_KINDS } from "../../core/parse/kinds.ts";
import { FrameReader } from "../../core/sampler/frame-reader.ts";
import { Random, SEED } from "./seeded.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), "utf8");

/** Real (or constructed-from-real) captures of each kind. */
const CAPTURES: Record<string, string[]> = {
  ipvsadm: [
    "ipvs/constructed-list.txt",
    "ipvs/constructed-stats-exact.txt",
    "ipvs/constructed-rate-abbreviated.txt",
    "ipvs/constructed-conn-pe.txt",
    "ipvs/constructed-thresholds.txt",
  ],
  "ipvsadm-save": ["ipvs/constructed-save.txt"],
  "ip-vs-proc": ["ipvs/constructed-procfs-ip_vs.txt"],
  "ip-vs-stats": ["ipvs/constructed-procfs-ip_vs_stats.txt"],
  "ip-vs-conn": ["ipvs/constructed-procfs-ip_vs_conn.txt", "ipvs/constructed-procfs-ip_vs_conn_sync.txt"],
  netdev: ["host/host-proc-net-dev.txt", "host/netns-proc-net-dev.txt"],
  "net-speed": ["host/netns-net-speed.txt", "host/host-net-speed.txt"],
  "haproxy-stat": ["haproxy/show-stat.csv", "haproxy/exporter-old-version.csv"],
  "haproxy-servers-state": ["haproxy/show-servers-state.txt"],
  "haproxy-info": ["haproxy/show-info.txt"],
  "nginx-status": ["nginx/stub-status.txt"],
  "nginx-config": ["nginx/nginx-T.txt"],
  "keepalived-config": [
    "keepalived/node1-keepalived.conf",
    "keepalived/corpus/ansible-role/keepalived.conf",
    "keepalived/corpus/lvs-director/keepalived.conf",
  ],
  "keepalived-data": ["keepalived/master.data", "keepalived/exporter-v2.2.7.data"],
  "ip-addr": ["host/netns-master-ip-addr.txt", "host/host-ip-addr.txt"],
};

const SLOW_CALL_MS = 1000;

type Outcome = { ok: true } | { ok: false; problem: string };

function outcome(parse: (text: string) => unknown, input: string): Outcome {
  const started = performance.now();
  try {
    parse(input);
  } catch (error) {
    if (!(error instanceof ParseError)) {
      const name = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return { ok: false, problem: `threw ${name.slice(0, 200)}` };
    }
  }
  const took = performance.now() - started;
  return took > SLOW_CALL_MS
    ? { ok: false, problem: `took ${Math.round(took)} ms on ${input.length} chars` }
    : { ok: true };
}

function inputsFor(kind: string, random: Random): { name: string; text: string }[] {
  const captures = (CAPTURES[kind] ?? []).map(fixture);
  const inputs: { name: string; text: string }[] = [];
  for (let i = 0; i < 40; i++) inputs.push({ name: `random #${i}`, text: random.text(random.int(1500)) });
  for (let i = 0; i < 10; i++) inputs.push({ name: `binary #${i}`, text: random.binary(random.int(2000)) });
  for (let i = 0; i < 120; i++) {
    const capture = random.pick(captures);
    inputs.push({ name: `mutated #${i}`, text: random.mutate(capture) });
  }
  for (const capture of captures) {
    inputs.push({ name: "NUL in every line", text: capture.replaceAll("\n", "\0\n") });
    inputs.push({ name: "CRLF", text: capture.replaceAll("\n", "\r\n") });
    inputs.push({ name: "very long line", text: `${capture}${"x".repeat(200_000)}\n` });
    inputs.push({ name: "very long number", text: capture.replace(/\d+/, "9".repeat(100_000)) });
    inputs.push({
      name: "very long token line",
      text: `${capture.split("\n")[0] ?? ""} ${"a b ".repeat(50_000)}\n`,
    });
  }
  // Truncation at every byte of the first capture (the dropped channel's view of it).
  const first = captures[0] ?? "";
  for (let end = 0; end <= Math.min(first.length, 4000); end++)
    inputs.push({ name: `cut at ${end}`, text: first.slice(0, end) });
  return inputs;
}

describe("fuzz: every parser ends in a value or a ParseError", () => {
  it("has a capture for every kind", () => {
    const kinds = Object.keys(PARSE_KINDS);
    expect(kinds.length).toBeGreaterThan(10);
    expect(kinds.filter((kind) => !CAPTURES[kind])).toEqual([]);
  });

  it.each(Object.keys(PARSE_KINDS))("%s", (kind) => {
    const parse = PARSE_KINDS[kind]?.parse;
    if (!parse) throw new Error(`no kind ${kind}`);
    const random = new Random(SEED ^ hash(kind));
    const inputs = inputsFor(kind, random);
    expect(inputs.length).toBeGreaterThan(200);
    const failures = inputs.flatMap((input) => {
      const result = outcome(parse, input.text);
      return result.ok ? [] : [`${kind} / ${input.name} (seed ${SEED}): ${result.problem}`];
    });
    expect(failures.slice(0, 5)).toEqual([]);
  });
});

describe("fuzz: the frame reader", () => {
  const section = (name: string, text: string) =>
    `==SECTION ${name}==\n${text}\n==SECTION-END ${name} rc=0==\n`;
  const frame = (seq: number) =>
    `==FULCRUM-FRAME seq=${seq} uptime=${seq}.00 epoch=1700000000==\n` +
    section("ipvsadm-stats", fixture("ipvs/constructed-stats-exact.txt")) +
    section("ip-addr", fixture("host/netns-master-ip-addr.txt")) +
    `==END seq=${seq}==\n`;
  const KNOWN = new Set(["frame", "frame-discarded", "capabilities", "noise"]);

  function run(stream: string, random: Random): string[] {
    const reader = new FrameReader({ maxFrameBytes: 1 << 20 });
    const events = [];
    let at = 0;
    while (at < stream.length) {
      const size = 1 + random.int(2000);
      events.push(...reader.push(stream.slice(at, at + size)));
      at += size;
    }
    events.push(...reader.end());
    return events.map((event) => event.type);
  }

  it("never throws on mutated, cut, binary or oversized streams, and emits only its own events", () => {
    const random = new Random(SEED ^ hash("frame-reader"));
    const whole = frame(1) + frame(2);
    const streams = [
      ...Array.from({ length: 200 }, () => random.mutate(whole)),
      ...Array.from({ length: 30 }, () => random.text(random.int(5000))),
      ...Array.from({ length: 10 }, () => random.binary(random.int(5000))),
      `${whole.slice(0, 100)}${"=".repeat(2_000_000)}\n${whole}`,
      `==FULCRUM-FRAME seq=1 uptime=1.00 epoch=1==\n==SECTION a==\n${"y".repeat(1_500_000)}\n`,
    ];
    for (let end = 0; end <= whole.length; end += 7) streams.push(whole.slice(0, end));
    const failures: string[] = [];
    for (const [index, stream] of streams.entries()) {
      try {
        const types = run(stream, random);
        const unknown = types.filter((type) => !KNOWN.has(type));
        if (unknown.length > 0) failures.push(`stream ${index}: events ${unknown.join(",")}`);
      } catch (error) {
        failures.push(`stream ${index} (seed ${SEED}): threw ${String(error)}`);
      }
    }
    expect(streams.length).toBeGreaterThan(300);
    expect(failures.slice(0, 5)).toEqual([]);
    // The whole stream still gives its two frames, whatever the chunking.
    expect(run(whole, random).filter((type) => type === "frame")).toHaveLength(2);
  });
});

/** CPU microseconds of one call, median of `runs`. */
function cpuMedian(call: () => void, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const before = process.cpuUsage();
    call();
    const used = process.cpuUsage(before);
    times.push(used.user + used.system);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? 0;
}

/** The capture's lines repeated until `size` characters: the shape a parser meets on a big host. */
function manyLines(capture: string, size: number): string {
  const lines = capture.split("\n").filter((line) => line !== "");
  const head = lines.slice(0, 3);
  const body = lines.slice(3).length > 0 ? lines.slice(3) : lines;
  const out = [...head];
  let length = head.join("\n").length;
  for (let i = 0; length < size; i++) {
    const line = body[i % body.length] ?? "";
    out.push(line);
    length += line.length + 1;
  }
  return `${out.join("\n")}\n`;
}

/** One line of `size` characters made of the capture's own words. */
function oneLongLine(capture: string, size: number): string {
  const words = capture.split(/\s+/).filter((word) => word !== "");
  let line = "";
  for (let i = 0; line.length < size; i++) line += `${words[i % words.length] ?? "x"} `;
  return `${line}\n`;
}

const LINEAR_RATIO = 25;
const BASE = 40_000;

describe("fuzz: every parser is linear in its input", () => {
  const silent = (parse: (text: string) => unknown) => (text: string) => () => {
    try {
      parse(text);
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
    }
  };

  it.each(Object.keys(PARSE_KINDS))("%s", (kind) => {
    const parse = PARSE_KINDS[kind]?.parse;
    if (!parse) throw new Error(`no kind ${kind}`);
    const capture = fixture(CAPTURES[kind]?.[0] ?? "");
    const call = silent(parse);
    const ratios: string[] = [];
    for (const [shape, build] of [
      ["many lines", manyLines],
      ["one long line", oneLongLine],
    ] as const) {
      const small = build(capture, BASE);
      const large = build(capture, BASE * 10);
      cpuMedian(call(large), 1); // warm the JIT on the large shape too
      const smallTime = Math.max(cpuMedian(call(small), 5), 200);
      const largeTime = cpuMedian(call(large), 5);
      const ratio = largeTime / smallTime;
      ratios.push(
        `${shape}: ${Math.round(smallTime)} us -> ${Math.round(largeTime)} us (x${ratio.toFixed(1)})`,
      );
      if (process.env.FULCRUM_FUZZ_VERBOSE === "1") console.log(kind, ratios.at(-1));
      expect(ratio, `${kind} ${ratios.join("; ")}`).toBeLessThan(LINEAR_RATIO);
    }
  });
});

describe("fuzz: the frame reader is linear in its input", () => {
  const frameText = (seq: number) =>
    `==FULCRUM-FRAME seq=${seq} uptime=${seq}.00 epoch=1700000000==\n==SECTION ipvsadm-stats==\n` +
    `${fixture("ipvs/constructed-stats-exact.txt")}\n==SECTION-END ipvsadm-stats rc=0==\n==END seq=${seq}==\n`;
  const read = (stream: string) => () => {
    const reader = new FrameReader();
    for (let at = 0; at < stream.length; at += 4096) reader.push(stream.slice(at, at + 4096));
    reader.end();
  };

  it.each([
    ["many frames", (count: number) => Array.from({ length: count }, (_, i) => frameText(i + 1)).join("")],
    [
      "one long section line",
      (count: number) =>
        `==FULCRUM-FRAME seq=1 uptime=1.00 epoch=1==\n==SECTION a==\n${"z".repeat(count * 1000)}\n`,
    ],
  ] as const)("%s", (_shape, build) => {
    const small = build(60);
    const large = build(600);
    cpuMedian(read(large), 1);
    const ratio = cpuMedian(read(large), 5) / Math.max(cpuMedian(read(small), 5), 200);
    expect(ratio).toBeLessThan(LINEAR_RATIO);
  });
});

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
