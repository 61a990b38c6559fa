/**
 * The undo of one audit entry, whichever family wrote it: an entry with nothing to undo is refused
 * (exit 1) before connecting; else the session opens, and the family's undo is planned, shown,
 * confirmed and applied like any action (plan-then-apply.ts).
 */
import type { FamilyRun, FamilyRunOptions, UndoIntent } from "../../core/actions/action-family.ts";
import type { ApplyOutcome } from "../../core/actions/action-codes.ts";
import { EXIT_FAILED } from "../exit-codes.ts";
import type { ActionFlags } from "./action-flags.ts";
import { planThenApply, type RunTexts } from "./plan-then-apply.ts";

export interface UndoFromEntry<Context, Plan, Basis, Report, Entry> {
  entryId: string;
  /** The inverse the entry records, checked before anything connects. */
  inverse: UndoIntent<unknown>;
  open: () => Promise<{ context: Context; close(): void }>;
  undo: (
    context: Context,
    options: FamilyRunOptions<Basis>,
  ) => Promise<FamilyRun<Plan, Basis, Report, Entry>>;
  flags: ActionFlags;
  texts: RunTexts<Plan, Report, Entry>;
}

export async function undoFromEntry<Context, Plan, Basis, Report extends { outcome: ApplyOutcome }, Entry>(
  request: UndoFromEntry<Context, Plan, Basis, Report, Entry>,
): Promise<number> {
  const { entryId, inverse, flags } = request;
  if (!inverse.ok) {
    process.stderr.write(`fulcrum: refused: ${inverse.message}\n`);
    return EXIT_FAILED;
  }
  const opened = await request.open();
  try {
    const result = await planThenApply(
      (options: FamilyRunOptions<Basis>) => request.undo(opened.context, options),
      flags,
      request.texts,
    );
    if (result.run?.entry) process.stdout.write(`undoes audit entry: ${entryId}\n`);
    return result.exitCode;
  } finally {
    opened.close();
  }
}
