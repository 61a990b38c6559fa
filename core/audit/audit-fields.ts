/**
 * The fields every audit entry has, whichever family wrote it (IPVS entries and change entries
 * alike): who, when, and the commands as they ran. One schema and one builder for them, so an entry
 * of any family reads the same way in `fulcrum audit` and the console.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { CommandStatusSchema } from "../actions/action-codes.ts";
import type { CommandOutcome } from "../actions/apply-report.ts";

export const AuditWhoSchema = z.object({ osUser: z.string(), sshUser: z.string().optional() });
export type AuditWho = z.infer<typeof AuditWhoSchema>;

/** Shell text of each command, as previewed and as run, and what it did. */
export const AuditCommandsSchema = z.array(
  z.object({
    shell: z.string(),
    status: CommandStatusSchema,
    exitCode: z.number().int().nullable().optional(),
  }),
);

/** id, at (the apply's start, ISO 8601 UTC) and who, for a new entry. */
export function entryIdentity(startedAt: number, who: AuditWho, id?: string) {
  return {
    id: id ?? randomUUID(),
    at: new Date(startedAt).toISOString(),
    who: { osUser: who.osUser, ...(who.sshUser !== undefined ? { sshUser: who.sshUser } : {}) },
  };
}

/** The commands of a report as an entry keeps them (no stderr: it may hold file content). */
export function entryCommands(commands: readonly CommandOutcome[]): z.infer<typeof AuditCommandsSchema> {
  return commands.map((command) => ({
    shell: command.shell,
    status: command.status,
    ...(command.exitCode !== undefined ? { exitCode: command.exitCode } : {}),
  }));
}
