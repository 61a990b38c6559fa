/**
 * Pure planning of the undo of a recorded config edit: a new edit with the inverse intent, planned
 * like any other (diff, hashes, commands, backup of its own). Compare-and-set against the entry:
 * the line must still show the values the edit set; if anyone changed them since, the undo refuses
 * rather than overwrite their change. The inverse touches only the edited line's recorded fields,
 * so other edits made to the file since are kept (copying the old backup back would lose them).
 */
import type { ConfigEditValues } from "./config-edit-intent.ts";
import { readConfigEditValues } from "./config-edit-intent.ts";
import type { ConfigEditInverse } from "./config-edit-record.ts";
import { planConfigEdit, type ConfigEditPlanResult } from "./plan-config-edit.ts";
import { refused } from "../plan-result.ts";

function describeValues(values: Partial<ConfigEditValues>): string {
  const words: string[] = [];
  if (values.weight !== undefined)
    words.push(values.weight === null ? "no weight (default 1)" : `weight ${values.weight}`);
  if (values.down !== undefined) words.push(values.down ? "down" : "not down");
  return words.join(", ");
}

export function planConfigEditUndo(
  currentText: string,
  inverse: ConfigEditInverse,
  entryId: string,
  plannedAt: Date,
): ConfigEditPlanResult {
  const path = inverse.target.configPath;
  const byHand =
    inverse.backupPath !== undefined
      ? ` The file as it was before that edit is ${inverse.backupPath} on the host; copying it back would also undo every change made to the file since.`
      : "";
  const now = readConfigEditValues(currentText, inverse.intent);
  if (!now.ok) {
    return refused(
      now.code,
      `cannot tell whether ${path} still shows what entry ${entryId} set: ${now.reason}; nothing was changed.${byHand}`,
    );
  }
  const changed = (Object.keys(inverse.expected) as (keyof ConfigEditValues)[]).filter(
    (field) => now.values[field] !== inverse.expected[field],
  );
  if (changed.length > 0) {
    const shown = Object.fromEntries(changed.map((field) => [field, now.values[field]]));
    return refused(
      "changed-since-entry",
      `${path} was changed since entry ${entryId}: it set ${describeValues(inverse.expected)}, the file now shows ${describeValues(shown)}; nothing was changed.${byHand}`,
    );
  }
  const planned = planConfigEdit(currentText, inverse.target, inverse.intent, plannedAt);
  if (!planned.ok)
    return refused(planned.refusal.code, `${planned.refusal.message} (undo of entry ${entryId})`);
  const { plan } = planned;
  return {
    ok: true,
    plan: {
      ...plan,
      summary: `undo of ${entryId}: ${plan.summary}`,
      warnings: [
        ...plan.warnings,
        ...(inverse.backupPath !== undefined
          ? [
              `The edit's own backup ${inverse.backupPath} is left in place: the manual way back, which would also revert changes made since.`,
            ]
          : []),
      ],
    },
  };
}
