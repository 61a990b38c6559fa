/**
 * The simulated director's state as JSON text: bigint counters become {"bigint":"123"} so no digit
 * is lost past 2^53, and come back as bigint on reading.
 */
import type { IpvsSimState } from "./sim-types.ts";

export function stateToJson(state: IpvsSimState): string {
  return JSON.stringify(state, (_key, value: unknown) =>
    typeof value === "bigint" ? { bigint: value.toString() } : value,
  );
}

export function stateFromJson(text: string): IpvsSimState {
  const state = JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      const keys = Object.keys(value);
      const tagged = (value as { bigint?: unknown }).bigint;
      if (keys.length === 1 && typeof tagged === "string" && /^-?\d+$/.test(tagged)) return BigInt(tagged);
    }
    return value;
  }) as IpvsSimState;
  if (state?.version !== 1) throw new Error("not a simulated director state (version 1)");
  return state;
}
