/**
 * Reads the inline weight box: ipvsadm takes a whole weight from 0 to 65535 (-w), so anything else
 * is refused in the box, before a plan is asked for.
 */
export const MAX_WEIGHT = 65_535;

export type WeightInput = { ok: true; weight: number } | { ok: false; message: string };

export function parseWeightInput(text: string): WeightInput {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, message: "Type a weight from 0 to 65535." };
  if (!/^\d+$/.test(trimmed)) return { ok: false, message: "A weight is a whole number from 0 to 65535." };
  const weight = Number(trimmed);
  if (weight > MAX_WEIGHT) return { ok: false, message: "The largest weight ipvsadm takes is 65535." };
  return { ok: true, weight };
}
