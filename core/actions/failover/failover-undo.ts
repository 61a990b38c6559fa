/**
 * The undo of a failover entry, read from the audit log (a file anyone may edit, so validated):
 * a failover back from the node that took the VIPs to the node that held them, on the same
 * instance, and, when the failover wrote a track file on the node the VIPs left, that file as
 * recorded so the failover back can restore it (restore-method.ts). The recorded path is only ever
 * acted on when the node's own keepalived.conf tracks that very file. Pure.
 */
import { z } from "zod";
import type { ChangeEntry } from "../../audit/change-entry.ts";
import type { RecordedTrackFile } from "./restore-method.ts";

const UndoRecordSchema = z.object({
  action: z.literal("failover"),
  from: z.string(),
  to: z.string(),
  instance: z.string(),
});

export interface FailoverUndo {
  /** The node holding the VIPs since the failover: the failover back starts here. */
  from: string;
  /** The node that held them before. */
  to: string;
  instance: string;
  restore?: RecordedTrackFile;
}

export function failoverUndoOf(
  entry: ChangeEntry,
): { ok: true; undo: FailoverUndo } | { ok: false; reason: string } {
  if (entry.type !== "failover") return { ok: false, reason: `entry ${entry.id} is not a failover` };
  if (entry.result !== "verified") {
    const why =
      entry.result === "unknown"
        ? "its VIP ended neither where it went nor back where it was: check the nodes and act by hand"
        : "the VIP did not move, so there is nothing to move back";
    return { ok: false, reason: `entry ${entry.id} ended ${entry.result}: ${why}` };
  }
  const record = UndoRecordSchema.safeParse(entry.undo);
  if (!record.success) return { ok: false, reason: `entry ${entry.id} does not record the failover back` };
  const { from, to, instance } = record.data;
  const file = entry.failover?.trackFile;
  // The record of what was written belongs to this move only if it left the node we go back to.
  const restore = file && entry.failover?.from === to && entry.failover.to === from ? file : undefined;
  return { ok: true, undo: { from, to, instance, ...(restore ? { restore } : {}) } };
}
