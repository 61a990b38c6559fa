import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Frame, SectionOutput } from "../../../core/sampler/frame.ts";
import { frameToSample } from "../../../core/sampler/frame-to-sample.ts";
import { SectionMemo } from "../../../core/sampler/section-memo.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures");
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), "utf8");
const LIST = fixture("ipvs/constructed-list.txt");
const STATS = fixture("ipvs/constructed-stats-exact.txt");
const ADDRESSES = fixture("host/netns-master-ip-addr.txt");

function frame(seq: number, sections: Record<string, SectionOutput>): Frame {
  return { seq, uptime: seq, epoch: seq, sections: new Map(Object.entries(sections)) };
}
const ok = (text: string): SectionOutput => ({ rc: 0, text });

describe("frameToSample with a SectionMemo", () => {
  it("gives what a fresh parse gives, reusing the parse of a section whose text repeats", () => {
    const memo = new SectionMemo();
    const sections = { ipvsadm: ok(LIST), "ipvsadm-stats": ok(STATS), "ip-addr": ok(ADDRESSES) };
    const first = frameToSample(frame(1, sections), memo);
    // The same text again, as a new string (as the next frame's would be).
    const again = frameToSample(frame(2, { ...sections, "ip-addr": ok(`${ADDRESSES} `.slice(0, -1)) }), memo);
    expect(again).toEqual({ ...frameToSample(frame(2, sections)), seq: 2 });
    expect(again.addresses).toBe(first.addresses);
  });

  it("parses a changed text again", () => {
    const memo = new SectionMemo();
    const first = frameToSample(frame(1, { "ip-addr": ok(ADDRESSES) }), memo);
    const fewer = ADDRESSES.split("\n").slice(1).join("\n");
    const changed = frameToSample(frame(2, { "ip-addr": ok(fewer) }), memo);
    expect(changed.addresses).not.toBe(first.addresses);
    expect(changed.addresses).toEqual(frameToSample(frame(2, { "ip-addr": ok(fewer) })).addresses);
    expect(changed.addresses?.length).toBe((first.addresses?.length ?? 0) - 1);
  });

  it("reports a section that does not parse every time it comes, and never remembers it", () => {
    const memo = new SectionMemo();
    frameToSample(frame(1, { "ip-addr": ok(ADDRESSES) }), memo);
    for (const seq of [2, 3]) {
      const sample = frameToSample(frame(seq, { "ip-addr": ok("garbage here\n") }), memo);
      expect(sample.addresses).toBeUndefined();
      expect(sample.problems).toMatchObject([{ section: "ip-addr", kind: "parse-failed", line: 1 }]);
    }
    // The good text again after the bad one is parsed anew, not taken for the bad one.
    expect(frameToSample(frame(4, { "ip-addr": ok(ADDRESSES) }), memo).addresses?.length).toBeGreaterThan(0);
  });

  it("leaves the IPVS listings out: their parse is never shared between samples", () => {
    const memo = new SectionMemo();
    const sections = { ipvsadm: ok(LIST), "ipvsadm-stats": ok(STATS) };
    const first = frameToSample(frame(1, sections), memo);
    const again = frameToSample(frame(2, sections), memo);
    expect(again.ipvs).toEqual(first.ipvs);
    expect(again.ipvs?.services[0]).not.toBe(first.ipvs?.services[0]);
  });

  it("does not answer a failed command with the last good parse", () => {
    const memo = new SectionMemo();
    frameToSample(frame(1, { "ip-addr": ok(ADDRESSES) }), memo);
    const failed = frameToSample(frame(2, { "ip-addr": { rc: 1, text: ADDRESSES } }), memo);
    expect(failed.addresses).toBeUndefined();
    expect(failed.problems).toMatchObject([{ section: "ip-addr", kind: "command-failed", rc: 1 }]);
  });
});
