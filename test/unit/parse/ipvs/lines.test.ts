import { describe, expect, it } from "vitest";
import { LineReader, lineAfterEnd, sourceLines, type SourceLine } from "../../../../core/parse/ipvs/lines.ts";

/** The plain definition: split on newlines, drop one CR, skip blank lines, tokens by /\s+/. */
function reference(text: string): SourceLine[] {
  return text.split("\n").flatMap((raw, i) => {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    return line.trim() === "" ? [] : [{ number: i + 1, text: line, tokens: line.trim().split(/\s+/) }];
  });
}

const TEXTS = [
  "",
  "\n",
  "one",
  "one\n",
  "one\r\ntwo\r\n",
  "\n\n  a  b\t c \n\t\n\r\nlast",
  "  -> 10.0.0.1:80   1 2\r\r\n",
  // Whitespace that is not ASCII: a no-break space line is blank, a form feed splits tokens.
  "a\n\u00a0\u2003\nb\fc\n\u3000x\u00a0y\n",
  "\r",
  "x\n\n\n",
];

describe("LineReader and sourceLines", () => {
  it("give the non-blank lines, numbered as in the original, with their tokens", () => {
    for (const text of TEXTS) expect(sourceLines(text), JSON.stringify(text)).toEqual(reference(text));
  });

  it("walks the same lines one at a time", () => {
    for (const text of TEXTS) {
      const reader = new LineReader(text);
      const walked: [number, string][] = [];
      while (reader.next()) walked.push([reader.number, reader.text]);
      expect(walked).toEqual(reference(text).map((line) => [line.number, line.text]));
      expect(reader.next()).toBe(false);
    }
  });
});

describe("lineAfterEnd", () => {
  it("is the number of the line after the last one", () => {
    const byLines = (text: string): number => {
      const raw = text.split("\n");
      return raw[raw.length - 1] === "" ? raw.length : raw.length + 1;
    };
    for (const text of [...TEXTS, "a\nb", "a\nb\n"])
      expect(lineAfterEnd(text), JSON.stringify(text)).toBe(byLines(text));
    expect(lineAfterEnd("a\nb\n")).toBe(3);
    expect(lineAfterEnd("a\nb")).toBe(3);
    expect(lineAfterEnd("")).toBe(1);
  });
});
