/**
 * ipvsadm.c print_largenum(): with --exact the full number, right-aligned in max(9, digits + 1);
 * without it, 9 columns below 10^8 and a truncated K/M/G/T (decimal) above:
 *   < 10^8  "%9llu"   < 10^9  "%8lluK" (/10^3)   < 10^11 "%8lluM" (/10^6)
 *   < 10^14 "%8lluG" (/10^9)   otherwise "%8lluT" (/10^12)
 */
import { rightAligned } from "./c-printf.ts";

export function printLargenum(value: bigint, exact: boolean): string {
  if (exact) {
    const digits = value.toString();
    return rightAligned(digits, digits.length <= 8 ? 9 : digits.length + 1);
  }
  if (value < 100_000_000n) return rightAligned(value, 9);
  if (value < 1_000_000_000n) return `${rightAligned(value / 1_000n, 8)}K`;
  if (value < 100_000_000_000n) return `${rightAligned(value / 1_000_000n, 8)}M`;
  if (value < 100_000_000_000_000n) return `${rightAligned(value / 1_000_000_000n, 8)}G`;
  return `${rightAligned(value / 1_000_000_000_000n, 8)}T`;
}
