/**
 * One line of the audit log: who did what to which backend, the exact commands, what the table
 * showed before and after, and how it ended. Entries hold no secrets: commands are ipvsadm argv
 * built from validated values, and no credential ever reaches an entry. The schema validates
 * lines read back from disk (a trust boundary: the file may have been edited).
 */
import { z } from "zod";
import { ApplyOutcomeSchema, GuardCodeSchema } from "../actions/action-codes.ts";
import { AuditCommandsSchema, AuditWhoSchema } from "./audit-fields.ts";

const ForwardSchema = z.enum(["masq", "route", "tunnel", "local", "bypass", "fullnat", "snat", "unknown"]);

const BackendSettingsSchema = z.object({
  forward: ForwardSchema,
  weight: z.number().int(),
  upperThreshold: z.number().int().optional(),
  lowerThreshold: z.number().int().optional(),
});

export const BackendStateSchema = z.union([
  z.object({ exists: z.literal(false) }),
  z.object({
    exists: z.literal(true),
    forward: ForwardSchema,
    weight: z.number().int(),
    upperThreshold: z.number().int().optional(),
    lowerThreshold: z.number().int().optional(),
  }),
]);

const target = { service: z.string(), backend: z.string() };
export const ActionIntentSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("setWeight"), ...target, weight: z.number().int() }),
  z.object({ kind: z.literal("drain"), ...target }),
  z.object({ kind: z.literal("undrain"), ...target, weight: z.number().int().optional() }),
  z.object({ kind: z.literal("remove"), ...target }),
  z.object({ kind: z.literal("restore"), ...target, settings: BackendSettingsSchema.optional() }),
]);

export const AuditEntrySchema = z.object({
  id: z.string().min(1),
  /** ISO 8601, UTC. */
  at: z.string(),
  who: AuditWhoSchema,
  hostId: z.string(),
  intent: ActionIntentSchema,
  service: z.string(),
  backend: z.string(),
  commands: AuditCommandsSchema,
  before: BackendStateSchema.optional(),
  after: BackendStateSchema.optional(),
  expectedAfter: BackendStateSchema,
  remembered: BackendSettingsSchema.optional(),
  result: ApplyOutcomeSchema,
  verified: z.boolean(),
  message: z.string(),
  /** Guards lifted by typed confirmation. */
  confirmedGuards: z.array(GuardCodeSchema),
  /** The entry this one undid. */
  undoOf: z.string().optional(),
});

export type AuditEntry = z.infer<typeof AuditEntrySchema>;
