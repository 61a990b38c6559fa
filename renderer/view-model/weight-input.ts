/**
 * Reads the inline weight box: ipvsadm takes a whole weight from 0 to 65535 (-w), so anything else
 * is refused in the box, before a plan is asked for; the message is shown next to the box.
 */
import type { I18n } from "../i18n/i18n.ts";

export const MAX_WEIGHT = 65_535;

export type WeightInput = { ok: true; weight: number } | { ok: false; message: string };

export function parseWeightInput(text: string, i18n: I18n): WeightInput {
  const trimmed = text.trim();
  const max = MAX_WEIGHT;
  if (trimmed === "") return { ok: false, message: i18n.t("weight.empty", { max }) };
  if (!/^\d+$/.test(trimmed)) return { ok: false, message: i18n.t("weight.notWhole", { max }) };
  const weight = Number(trimmed);
  if (weight > MAX_WEIGHT) return { ok: false, message: i18n.t("weight.tooLarge", { max }) };
  return { ok: true, weight };
}
