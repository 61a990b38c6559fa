/**
 * JSON form of the model (DESIGN.md §3): bigint counters become decimal strings, so no digit is lost
 * past 2^53. Used by the CLI, the API carriers and reports.
 */
export function toJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v), indent);
}
