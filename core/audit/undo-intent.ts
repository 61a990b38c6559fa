/**
 * The intent that undoes an audit entry. It goes through plan and apply like any other, so
 * compare-and-set protects an undo from a table that moved on since.
 */
import type { ActionIntent } from "../actions/action-intent.ts";
import type { UndoIntent } from "../actions/action-family.ts";
import type { AuditEntry } from "./audit-entry.ts";

export type UndoResult = UndoIntent<ActionIntent>;

export function undoIntent(entry: AuditEntry): UndoResult {
  const { service, backend } = entry;
  const applied = entry.commands.some((command) => command.status === "applied");
  if (!applied)
    return {
      ok: false,
      code: "nothing-to-undo",
      message: `entry ${entry.id} changed nothing (${entry.result}); there is nothing to undo`,
    };
  const before = entry.before;
  switch (entry.intent.kind) {
    case "drain":
    case "setWeight":
    case "undrain": {
      if (!before?.exists)
        return {
          ok: false,
          code: "entry-incomplete",
          message: `entry ${entry.id} does not record the weight before`,
        };
      if (entry.intent.kind === "drain")
        return { ok: true, intent: { kind: "undrain", service, backend, weight: before.weight } };
      // Back to weight 0 is a drain, so the weight it leaves is remembered for the next undrain.
      if (before.weight === 0) return { ok: true, intent: { kind: "drain", service, backend } };
      return { ok: true, intent: { kind: "setWeight", service, backend, weight: before.weight } };
    }
    case "remove": {
      const settings = entry.remembered ?? (before?.exists ? before : undefined);
      if (!settings)
        return {
          ok: false,
          code: "entry-incomplete",
          message: `entry ${entry.id} does not record the removed backend's settings`,
        };
      const { forward, weight, upperThreshold, lowerThreshold } = settings;
      return {
        ok: true,
        intent: {
          kind: "restore",
          service,
          backend,
          settings: {
            forward,
            weight,
            ...(upperThreshold !== undefined ? { upperThreshold } : {}),
            ...(lowerThreshold !== undefined ? { lowerThreshold } : {}),
          },
        },
      };
    }
    case "restore":
      return { ok: true, intent: { kind: "remove", service, backend } };
  }
}
