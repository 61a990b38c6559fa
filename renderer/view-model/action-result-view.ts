/**
 * Shapes what apply or undo answered: the outcome in words with a tone, the core's message, each
 * command's status, and whether Undo is on offer (only a verified change with an audit entry).
 */
import type { ActionResult } from "../../core/api.ts";
/** ok: done and seen; busy: needs a look; bad: did not happen; muted: did not run. */
export type ActionTone = "ok" | "busy" | "bad" | "muted";

export interface ActionResultView {
  outcome: ActionResult["outcome"];
  tone: ActionTone;
  message: string;
  commands: { shell: string; status: ActionResult["commands"][number]["status"]; tone: ActionTone }[];
  undoAuditId: string | undefined;
}

const OUTCOME_TONE: Record<ActionResult["outcome"], ActionTone> = {
  verified: "ok",
  "not-verified": "busy",
  aborted: "busy",
  refused: "bad",
  failed: "bad",
  unknown: "busy",
};

const COMMAND_TONE: Record<ActionResult["commands"][number]["status"], ActionTone> = {
  applied: "ok",
  "not-applied": "bad",
  unknown: "busy",
  "not-run": "muted",
};

export function toActionResultView(result: ActionResult): ActionResultView {
  return {
    outcome: result.outcome,
    tone: OUTCOME_TONE[result.outcome],
    message: result.message,
    commands: result.commands.map((command) => ({ ...command, tone: COMMAND_TONE[command.status] })),
    undoAuditId: result.outcome === "verified" ? result.auditId : undefined,
  };
}
