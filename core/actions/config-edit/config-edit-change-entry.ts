/**
 * The audit entry of an applied config edit: the commands as they ran, the changed lines before and
 * after (already redacted by the planner), and, once the file was replaced, what undo needs: the
 * values the line held before and the values set (configEdit, for `fulcrum undo`), and the backup
 * as the manual way back. Pure: the caller supplies who, when and the id.
 */
import { entryCommands } from "../../audit/audit-fields.ts";
import type { ChangeEntry } from "../../audit/change-entry.ts";
import type { ConfigEditReport } from "./apply-config-edit.ts";
import { configEditRecordOf } from "./config-edit-record.ts";
import type { ConfigEditPlan } from "./plan-config-edit.ts";

export interface ConfigEditEntryContext {
  id: string;
  at: Date;
  who: ChangeEntry["who"];
  hostId: string;
  /** The entry this edit undid. */
  undoOf?: string;
}

/** "line 12" -> the line's text, for each side of the diff. */
function diffSide(plan: ConfigEditPlan, kind: "removed" | "added"): Record<string, string> {
  const side: Record<string, string> = {};
  for (const line of plan.diff) if (line.kind === kind) side[`line ${line.lineNo}`] = line.text.trimEnd();
  return side;
}

export function configEditChangeEntry(
  plan: ConfigEditPlan,
  report: ConfigEditReport,
  context: ConfigEditEntryContext,
): ChangeEntry {
  const { target } = plan;
  // The file was replaced only when a backup path came back and it was not restored already.
  const replaced = report.backupPath !== undefined && report.restored !== true;
  const record = replaced ? configEditRecordOf(plan, report.backupPath) : undefined;
  return {
    type: "config-edit",
    id: context.id,
    at: context.at.toISOString(),
    who: context.who,
    hostId: context.hostId,
    summary: plan.summary,
    target: target.configPath,
    commands: entryCommands(report.commands),
    before: diffSide(plan, "removed"),
    after: diffSide(plan, "added"),
    result: report.outcome,
    verified: report.outcome === "verified",
    message: report.message,
    ...(replaced && report.backupPath !== undefined
      ? {
          undo: {
            action: "restore-config-backup",
            daemon: target.daemon,
            configPath: target.configPath,
            backupPath: report.backupPath,
            pidFile: target.pidFile,
            ...(target.daemon === "nginx" && target.prefix ? { prefix: target.prefix } : {}),
          },
        }
      : {}),
    ...(record ? { configEdit: record } : {}),
    ...(context.undoOf !== undefined ? { undoOf: context.undoOf } : {}),
  };
}
