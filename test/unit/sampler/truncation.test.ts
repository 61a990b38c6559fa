/**
 * Output cut short never becomes a number (issue 10 item 7). Three layers: a parser refuses a text
 * that is empty or whose last line has no newline (ipvsadm --stats cut inside a number would
 * otherwise read as a smaller counter); frameToSample turns that refusal into a section problem
 * with no value; and the frame reader drops a frame whose stream ended before its end line, so a
 * cut at a line boundary (which no parser could see) never reaches a sample at all.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ParseError } from "../../../core/model/parse-error.ts";
import { PARSE_KINDS } from "../../../core/parse/kinds.ts";
import { parseIpvsadmList } from "../../../core/parse/ipvs/ipvsadm-list.ts";
import { FrameReader } from "../../../core/sampler/frame-reader.ts";
import { frameToSample } from "../../../core/sampler/frame-to-sample.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures");
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), "utf8");
const STATS = fixture("ipvs/constructed-stats-exact.txt");

function parseErrorOf(run: () => unknown): ParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error("expected a ParseError");
}

describe("a parser refuses output cut short", () => {
  it("refuses ipvsadm --stats cut in the middle of a number, at every byte of its last line", () => {
    const lastLineStart = STATS.slice(0, -1).lastIndexOf("\n") + 1;
    const cuts = [];
    for (let end = lastLineStart + 1; end < STATS.length; end++) cuts.push(end);
    expect(cuts.length).toBeGreaterThan(40);
    for (const end of cuts) {
      const error = parseErrorOf(() => parseIpvsadmList(STATS.slice(0, end)));
      expect(error.expected).toContain("ending in a newline");
    }
    // Whole, it reads: the refusal is about the cut, not the table.
    expect(parseIpvsadmList(STATS).services.length).toBeGreaterThan(0);
  });

  it.each([
    ["ipvsadm", "ipvs/constructed-stats-exact.txt"],
    ["ipvsadm-save", "ipvs/constructed-save.txt"],
    ["net-speed", "host/netns-net-speed.txt"],
    ["ip-addr", "host/netns-master-ip-addr.txt"],
  ])("%s refuses empty input and a last line without its newline", (kind, file) => {
    const parse = PARSE_KINDS[kind]?.parse;
    if (!parse) throw new Error(`no kind ${kind}`);
    for (const empty of ["", "\n", " \n\n"])
      expect(parseErrorOf(() => parse(empty)).expected).toContain("the input is empty");
    const text = fixture(file);
    expect(text.endsWith("\n")).toBe(true);
    expect(parseErrorOf(() => parse(text.slice(0, -2))).expected).toContain("ending in a newline");
    expect(parse(text)).toBeDefined();
  });
});

describe("a sample never carries a cut section's value", () => {
  it("reports a cut --stats section as a problem, with no IPVS value", () => {
    const cut = STATS.slice(0, STATS.length - 5);
    const sample = frameToSample({
      seq: 1,
      uptime: 1,
      epoch: 1,
      sections: new Map([["ipvsadm-stats", { rc: 0, text: cut }]]),
    });
    expect(sample.ipvs).toBeUndefined();
    expect(sample.problems).toMatchObject([{ section: "ipvsadm-stats", kind: "parse-failed" }]);
  });

  it("drops a frame whose stream ends anywhere before its end line", () => {
    const stream =
      "==FULCRUM-FRAME seq=7 uptime=10.00 epoch=1700000000==\n" +
      `==SECTION ipvsadm-stats==\n${STATS}\n==SECTION-END ipvsadm-stats rc=0==\n` +
      "==END seq=7==\n";
    const whole = new FrameReader();
    expect([...whole.push(stream), ...whole.end()].filter((event) => event.type === "frame")).toHaveLength(1);
    // Every cut up to (not including) the end line's last character, then the channel closes.
    const endLine = stream.lastIndexOf("==END");
    for (let end = 0; end < endLine + "==END seq=7==".length - 1; end++) {
      const reader = new FrameReader();
      const events = [...reader.push(stream.slice(0, end)), ...reader.end()];
      expect(events.filter((event) => event.type === "frame")).toEqual([]);
    }
  });
});
