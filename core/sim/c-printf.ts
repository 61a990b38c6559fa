/**
 * The few printf conversions ipvsadm and the kernel use, written out so the formatters read like
 * the C they reproduce: "%-28s" is padEnd, "%8s" / "%8llu" is padStart, "%08X" is zero-padded
 * upper-case hex. printf never truncates: a longer value simply pushes the next column right.
 */
export function leftAligned(text: string | number | bigint, width: number): string {
  return String(text).padEnd(width, " ");
}

export function rightAligned(text: string | number | bigint, width: number): string {
  return String(text).padStart(width, " ");
}

/** "%0<width>X" of an unsigned value. */
export function hexUpper(value: number | bigint, width: number): string {
  return value.toString(16).toUpperCase().padStart(width, "0");
}
