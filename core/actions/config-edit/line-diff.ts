/**
 * The changed lines of an edit, numbered, for the plan preview ("-12: ...", "+12: ..."). Edits
 * touch a line or two, so the common head and tail are cut first and a plain LCS runs on what is
 * left; a middle too large for that is shown as wholly replaced rather than computed slowly.
 */
import { linesWithEndings, withoutEnding } from "./text-lines.ts";

export interface DiffLine {
  kind: "removed" | "added";
  /** 1-based: in the old file for removed lines, in the new file for added lines. */
  lineNo: number;
  text: string;
}

const LCS_CELL_LIMIT = 4_000_000;

export function diffLines(before: string, after: string): DiffLine[] {
  const old = linesWithEndings(before);
  const next = linesWithEndings(after);
  let head = 0;
  while (head < old.length && head < next.length && old[head] === next[head]) head++;
  let tail = 0;
  while (
    tail < old.length - head &&
    tail < next.length - head &&
    old[old.length - 1 - tail] === next[next.length - 1 - tail]
  )
    tail++;
  const a = old.slice(head, old.length - tail);
  const b = next.slice(head, next.length - tail);
  const removed = (i: number): DiffLine => ({
    kind: "removed",
    lineNo: head + i + 1,
    text: withoutEnding(a[i] ?? ""),
  });
  const added = (j: number): DiffLine => ({
    kind: "added",
    lineNo: head + j + 1,
    text: withoutEnding(b[j] ?? ""),
  });
  if (a.length * b.length > LCS_CELL_LIMIT)
    return [...a.map((_, i) => removed(i)), ...b.map((_, j) => added(j))];

  // lengths[i][j]: LCS length of a[i..] and b[j..]
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = lengths[i] as number[];
      row[j] =
        a[i] === b[j]
          ? (lengths[i + 1]?.[j + 1] ?? 0) + 1
          : Math.max(lengths[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const diff: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (j >= b.length || (i < a.length && (lengths[i + 1]?.[j] ?? 0) >= (lengths[i]?.[j + 1] ?? 0))) {
      diff.push(removed(i++));
    } else {
      diff.push(added(j++));
    }
  }
  return diff;
}

export function formatDiff(diff: readonly DiffLine[]): string {
  return diff.map((line) => `${line.kind === "removed" ? "-" : "+"}${line.lineNo}: ${line.text}`).join("\n");
}
