/**
 * What a failover did, as its audit entry keeps it for `fulcrum undo`: the instance and VIPs, the
 * node they left and the node they went to, the method, and for the track_file methods the file it
 * wrote on the node it left, with its content before and the content it left there (null: no file).
 * Undo restores that file when it still holds what the failover wrote, so the pair ends as it was,
 * rather than lowering the other node too. Validated again by the failover family on undo.
 */
import { z } from "zod";

/** How a failover moved the VIPs (core/actions/failover/failover-plan.ts FailoverMethodKind). */
export const FailoverMethodSchema = z.enum([
  /** A track file on the master lowers its priority below the peer's. */
  "lower-priority",
  /** A track file on the master puts its instance into FAULT. */
  "force-fault",
  /** keepalived on the master is stopped. */
  "stop-keepalived",
  /** The undo of a track-file failover: the file gets its old content back. */
  "restore-track-file",
  /** Nothing was chosen: the failover stopped before acting. */
  "none",
]);

export const FailoverRecordSchema = z.object({
  instance: z.string(),
  vips: z.array(z.string()),
  from: z.string(),
  to: z.string(),
  method: FailoverMethodSchema,
  trackFile: z
    .object({
      path: z.string(),
      /** Trimmed content before the failover; null when the file did not exist. */
      before: z.string().nullable(),
      /** Trimmed content the failover left; null when it removed the file. */
      after: z.string().nullable(),
    })
    .optional(),
});

export type FailoverRecord = z.infer<typeof FailoverRecordSchema>;
