/**
 * Small helpers shared by the host, HAProxy, nginx and keepalived parsers: line splitting and
 * exact decimal numbers. Counters are u64 in the kernel and in HAProxy, so they are read as bigint
 * straight from the digits, never through a JS number.
 */
import { ParseError } from "../../model/parse-error.ts";

const U64_MAX = (1n << 64n) - 1n;

/**
 * Refuses tool output that was cut short. Every program these parsers read (ipvsadm, ip, the
 * sampler's own lines) ends what it prints with a newline and prints something even for an empty
 * table (a title, the `lo` line), so an empty text or one whose last line has no newline did not
 * come out of the program whole: a dropped channel or a full buffer cut it, maybe in the middle of
 * a number ("578642 45293116 8268" for 826814146). Parsing it would give a wrong value with no
 * error. Cuts at a line boundary are caught by the sampler's framing (a section counts only with
 * its own end marker and exit status; a frame only with its end line: frame-reader.ts).
 */
export function requireCompleteOutput(text: string, what: string): void {
  if (text.trim() === "")
    throw new ParseError(1, `${what} (the input is empty: nothing was read, or it was lost)`, text);
  if (!text.endsWith("\n")) {
    const lines = text.split("\n");
    throw new ParseError(
      lines.length,
      `${what} ending in a newline (the last line is cut short)`,
      lines.at(-1) ?? "",
    );
  }
}

/** Lines without their terminators ("\n" or "\r\n"); a final newline adds no empty line. */
export function splitLines(text: string): string[] {
  const lines = text.split("\n").map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

// "18446744073709551615"
const DECIMAL = /^\d+$/;

/** An unsigned 64-bit decimal counter, exactly. */
export function parseU64(text: string, line: number, what: string): bigint {
  if (!DECIMAL.test(text)) throw new ParseError(line, `${what} (unsigned decimal)`, text);
  const value = BigInt(text);
  if (value > U64_MAX) throw new ParseError(line, `${what} within 64 bits`, text);
  return value;
}

/** A non-negative decimal that fits a JS number exactly (gauges, ids, weights). */
export function parseCount(text: string, line: number, what: string): number {
  if (!DECIMAL.test(text)) throw new ParseError(line, `${what} (unsigned decimal)`, text);
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new ParseError(line, `${what} below 2^53`, text);
  return value;
}

// "-1", "42"
const SIGNED = /^-?\d+$/;

export function parseSigned(text: string, line: number, what: string): number {
  if (!SIGNED.test(text)) throw new ParseError(line, `${what} (decimal)`, text);
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new ParseError(line, `${what} below 2^53`, text);
  return value;
}
