/**
 * What undrain and restore restore: the settings the last applied drain or remove of each backend
 * recorded. The audit log is the memory, so it survives restarts and is shared with the CLI.
 */
import type { RememberedBackend } from "../actions/action-intent.ts";
import type { AuditEntry } from "./audit-entry.ts";

export function rememberedSettings(entries: readonly AuditEntry[], hostId: string): RememberedBackend[] {
  return entries.flatMap((entry): RememberedBackend[] => {
    if (entry.hostId !== hostId || !entry.remembered) return [];
    if (!entry.commands.some((command) => command.status === "applied")) return [];
    return [
      { service: entry.service, backend: entry.backend, settings: entry.remembered, entryId: entry.id },
    ];
  });
}
