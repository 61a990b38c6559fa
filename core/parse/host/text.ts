/**
 * Small helpers shared by the host, HAProxy, nginx and keepalived parsers: line splitting and
 * exact decimal numbers. Counters are u64 in the kernel and in HAProxy, so they are read as bigint
 * straight from the digits, never through a JS number.
 */
import { ParseError } from "../../model/parse-error.ts";

const U64_MAX = (1n << 64n) - 1n;

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
