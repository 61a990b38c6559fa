/**
 * Audit entries for changes other than IPVS weights: HAProxy runtime state and weight, config-file
 * edits (nginx, keepalived) and director failovers. They share the log with IPVS entries (one file,
 * one history an operator reads), told apart by `type`. Secrets never reach an entry: commands are
 * built from validated values, config diffs are redacted before they get here.
 */
import { z } from "zod";
import { ApplyOutcomeSchema } from "../actions/action-codes.ts";
import { AuditCommandsSchema, AuditWhoSchema } from "./audit-fields.ts";
import { ConfigEditRecordSchema } from "./config-edit-record.ts";
import { FailoverRecordSchema } from "./failover-record.ts";

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export const ChangeEntrySchema = z.object({
  type: z.enum(["haproxy", "config-edit", "failover"]),
  id: z.string().min(1),
  /** ISO 8601, UTC. */
  at: z.string(),
  who: AuditWhoSchema,
  hostId: z.string(),
  /** One line an operator reads: "drain be_app/web1", "weight 5 for 10.0.0.1:80 in upstream app". */
  summary: z.string(),
  /** What was changed: "haproxy:be_app/web1", a config path, a VRRP instance. */
  target: z.string(),
  commands: AuditCommandsSchema,
  before: z.record(z.string(), Scalar).optional(),
  after: z.record(z.string(), Scalar).optional(),
  result: ApplyOutcomeSchema,
  verified: z.boolean(),
  message: z.string(),
  /** The inverse action in its family's own intent form, validated by that family on undo. */
  undo: z.record(z.string(), Scalar).optional(),
  /**
   * Config edits: the values before and the values set, for a real undo. Absent in entries written
   * before it was recorded (their undo is the manual one in `undo`).
   */
  configEdit: ConfigEditRecordSchema.optional(),
  /** Failovers: what moved and what the method wrote, for a real undo. Absent in older entries. */
  failover: FailoverRecordSchema.optional(),
  /** The entry this one undid. */
  undoOf: z.string().optional(),
});

export type ChangeEntry = z.infer<typeof ChangeEntrySchema>;
