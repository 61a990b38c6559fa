import { describe, expect, it } from "vitest";
import { diffLines, formatDiff } from "../../../../core/actions/config-edit/line-diff.ts";

describe("diffLines", () => {
  it("lists only the changed lines, numbered in the old and the new file", () => {
    const diff = diffLines("a\nb\nc\nd\n", "a\nB\nc\nx\nd\n");
    expect(formatDiff(diff)).toBe("-2: b\n+2: B\n+4: x");
  });

  it("shows an insertion as one added line and a CRLF file without the carriage returns", () => {
    expect(diffLines("a\r\nb\r\n", "a\r\nnew\r\nb\r\n")).toEqual([{ kind: "added", lineNo: 2, text: "new" }]);
  });

  it("tells a change of the final newline apart", () => {
    expect(diffLines("a\nb", "a\nb\n")).toEqual([
      { kind: "removed", lineNo: 2, text: "b" },
      { kind: "added", lineNo: 2, text: "b" },
    ]);
    expect(diffLines("same\n", "same\n")).toEqual([]);
  });
});
