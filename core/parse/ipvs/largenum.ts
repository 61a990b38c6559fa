/**
 * Numbers printed by ipvsadm's print_largenum() (ipvsadm.c, ipvsadm 1.31), used by the --stats and
 * --rate tables:
 *   with --exact:    "%*llu", width max(9, digits + 1)           ->  " 45293116", " 18446744073709551615"
 *   without:         "%9llu" below 10^8                          ->  "   582893"
 *                    "%8lluK" below 10^9, value / 1000           ->  "  125426K"
 *                    "%8lluM" below 10^11, value / 10^6          ->  "   13034M"
 *                    "%8lluG" below 10^14, value / 10^9          ->  "    1234G"
 *                    "%8lluT" otherwise, value / 10^12           ->  "18446744T"
 * The divisions truncate, so a suffixed number is a lower bound: it is marked inexact.
 * Values stay bigint from the text on: u64 counters pass 2^53 on busy directors.
 */

export interface LargeNum {
  value: bigint;
  /** False when the tool printed a K/M/G/T abbreviation (the value was truncated). */
  exact: boolean;
}

const U64_MAX = 18446744073709551615n;

const SCALE: Record<string, bigint> = { K: 1000n, M: 1000000n, G: 1000000000n, T: 1000000000000n };

// "45293116" | "125426K" | "13034M" | "1234G" | "18446744T"
const LARGENUM = /^(\d+)([KMGT]?)$/;
const PLAIN = /^\d+$/;

/** One print_largenum token; undefined when the text is not one (or exceeds u64). */
export function parseLargeNum(token: string): LargeNum | undefined {
  if (PLAIN.test(token)) {
    const value = BigInt(token);
    return value > U64_MAX ? undefined : { value, exact: true };
  }
  const match = LARGENUM.exec(token);
  if (!match) return undefined;
  const digits = match[1] as string;
  const suffix = match[2] as string;
  const value = suffix === "" ? BigInt(digits) : BigInt(digits) * (SCALE[suffix] as bigint);
  if (value > U64_MAX) return undefined;
  return { value, exact: suffix === "" };
}

// "%8lluT" has no room for a leading space once the value reaches 10^19: "18446744T" fills all
// 8 columns, so it touches the number before it: "18446744T18446744T" or "        018446744T".
// Every other print_largenum output keeps at least one leading space, so a token holding more
// than one number is one number followed by 8-digit T values.
// "18446744T18446744T" -> ["18446744T", "18446744T"];  "018446744T" -> ["0", "18446744T"]
const GLUED = /^(\d+[KMG]?|\d{1,8}T)((?:\d{8}T)+)$/;

/**
 * Splits whitespace tokens of a print_largenum run into one string per number. Returns undefined
 * when a token is not made only of largenum parts (a word, a sign, a stray character).
 */
export function splitLargeNums(tokens: readonly string[]): string[] | undefined {
  const result: string[] = [];
  for (const token of tokens) {
    // A T value has at most 8 digits (u64 max / 10^12 = 18446744): longer is two numbers.
    if (LARGENUM.test(token) && !(token.endsWith("T") && token.length > 9)) {
      result.push(token);
      continue;
    }
    const glued = GLUED.exec(token);
    if (!glued) return undefined;
    result.push(glued[1] as string, ...((glued[2] as string).match(/\d{8}T/g) ?? []));
  }
  return result;
}
