/** Why planning refused (any family), and what lifts it when typed confirmation can. */
import type { PlanRefusal } from "../../core/actions/plan-result.ts";

export function refusalText(refusal: PlanRefusal<unknown>): string {
  const lines: string[] = [];
  if (refusal.guards && refusal.guards.length > 0) {
    lines.push("guards:", ...refusal.guards.map((guard) => `  - ${guard.code}: ${guard.message}`));
  }
  lines.push(`refused (${refusal.code}): ${refusal.message}`);
  if (refusal.confirmText !== undefined) lines.push(`to go ahead, pass --confirm ${refusal.confirmText}`);
  return `${lines.join("\n")}\n`;
}
