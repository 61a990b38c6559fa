/**
 * The model in its JSON form (DESIGN.md §3): every bigint becomes its decimal string, so a value
 * crosses IPC, a WebSocket or a file without losing a digit. Same rule as json.ts, without the text.
 */
export type Wire<T> = T extends bigint
  ? string
  : T extends (infer E)[]
    ? Wire<E>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export function toWire<T>(value: T): Wire<T> {
  return convert(value) as Wire<T>;
}

function convert(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(convert);
  if (value !== null && typeof value === "object") {
    const result: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) if (inner !== undefined) result[key] = convert(inner);
    return result;
  }
  return value;
}
