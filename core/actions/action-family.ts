/**
 * One action end to end, for every family (DESIGN.md §5): read what plans are made against, plan
 * (pure), stop there for a preview, else apply through the one loop (apply-loop.ts) and append the
 * audit entry. Undo takes the inverse an entry recorded and goes through the same path, so an undo
 * is planned, guarded, compare-and-set and verified like any action. The carriers (the CLI, the
 * console's API) call these; a family says only what differs (ActionFamily).
 */
import type { ApplyOutcome, RefusalCode } from "./action-codes.ts";
import type { PlanRefusal, PlanResult } from "./plan-result.ts";

/**
 * The inverse an audit entry records, checked, or why there is none. `changedSince` is the undo's
 * compare-and-set against the entry: given what the plan is made against, it says (in words) how
 * the target no longer shows what the entry set, naming the later change, or undefined when it
 * still does. An undo that would overwrite a later change is refused, never planned.
 */
export type UndoIntent<Intent, Basis = never> =
  | { ok: true; intent: Intent; changedSince?: (basis: Basis) => string | undefined }
  | { ok: false; code: RefusalCode; message: string };

/** The entry an undo names, when it is this host's; else why the undo is refused. */
export function entryOfHost<Entry extends { hostId: string }>(
  entry: Entry | undefined,
  entryId: string,
  hostId: string,
): { entry: Entry } | Extract<UndoIntent<never>, { ok: false }> {
  if (!entry) return { ok: false, code: "entry-not-found", message: `no audit entry ${entryId}` };
  if (entry.hostId !== hostId)
    return {
      ok: false,
      code: "entry-not-found",
      message: `entry ${entryId} is for host ${entry.hostId}, not ${hostId}`,
    };
  return { entry };
}

export interface ActionFamily<Intent, Plan, Basis, Report extends { outcome: ApplyOutcome }, Entry> {
  /** What plans are made against (a table, the servers and their socket), or why there is none. */
  readBasis(): Promise<Basis | { refusal: PlanRefusal<never> }>;
  plan(basis: Basis, intent: Intent, confirmation: string | undefined): PlanResult<Plan>;
  /** Through the apply loop: lock, compare-and-set, run, verify, resolve after a lost connection. */
  apply(plan: Plan): Promise<Report>;
  /** The audit entry of one apply; `undoOf` names the entry it undid. */
  entry(plan: Plan, report: Report, undoOf: string | undefined): Entry;
  record(entry: Entry): Promise<void>;
  /** The inverse recorded in this family's entry `entryId` of this host. */
  undoIntent(entryId: string): Promise<UndoIntent<Intent, Basis>>;
}

export interface FamilyRun<Plan, Basis, Report, Entry> {
  /** What the plan was made against (absent when it could not be read). */
  basis?: Basis;
  planned: PlanResult<Plan>;
  /** Present once apply ran (or refused: another action held the host). */
  report?: Report;
  /** The audit entry, written for every apply that reached the host. */
  entry?: Entry;
}

export interface FamilyRunOptions<Basis> {
  dryRun?: boolean;
  /** What the operator typed to lift the guards. */
  confirmation?: string;
  /** Plan against this, as read for the preview (the plan that runs is the plan shown). */
  basis?: Basis;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Plans `intent`; a basis that cannot be read is a refusal (state-unreadable), never a throw. */
export async function planFamilyAction<Intent, Plan, Basis, Report extends { outcome: ApplyOutcome }, Entry>(
  family: ActionFamily<Intent, Plan, Basis, Report, Entry>,
  intent: Intent,
  options: Pick<FamilyRunOptions<Basis>, "confirmation" | "basis"> = {},
): Promise<FamilyRun<Plan, Basis, Report, Entry>> {
  let basis: Basis;
  if (options.basis !== undefined) basis = options.basis;
  else {
    let read: Basis | { refusal: PlanRefusal<never> };
    try {
      read = await family.readBasis();
    } catch (error) {
      return {
        planned: {
          ok: false,
          refusal: {
            code: "state-unreadable",
            message: `could not read the host to plan: ${errorText(error)}`,
          },
        },
      };
    }
    if (typeof read === "object" && read !== null && "refusal" in read)
      return { planned: { ok: false, refusal: read.refusal } };
    basis = read;
  }
  return { basis, planned: family.plan(basis, intent, options.confirmation) };
}

/**
 * Applies a plan and records it. An apply refused before anything ran (another action held the
 * host) ran nothing and is not kept in the log.
 */
export async function applyFamilyPlan<Intent, Plan, Basis, Report extends { outcome: ApplyOutcome }, Entry>(
  family: ActionFamily<Intent, Plan, Basis, Report, Entry>,
  plan: Plan,
  undoOf?: string,
): Promise<{ report: Report; entry?: Entry }> {
  const report = await family.apply(plan);
  if (report.outcome === "refused") return { report };
  const entry = family.entry(plan, report, undoOf);
  await family.record(entry);
  return { report, entry };
}

export async function runFamilyAction<Intent, Plan, Basis, Report extends { outcome: ApplyOutcome }, Entry>(
  family: ActionFamily<Intent, Plan, Basis, Report, Entry>,
  intent: Intent,
  options: FamilyRunOptions<Basis> = {},
  undoOf?: string,
): Promise<FamilyRun<Plan, Basis, Report, Entry>> {
  const run = await planFamilyAction(family, intent, options);
  if (!run.planned.ok || options.dryRun) return run;
  return { ...run, ...(await applyFamilyPlan(family, run.planned.plan, undoOf)) };
}

export async function undoFamilyAction<Intent, Plan, Basis, Report extends { outcome: ApplyOutcome }, Entry>(
  family: ActionFamily<Intent, Plan, Basis, Report, Entry>,
  entryId: string,
  options: FamilyRunOptions<Basis> = {},
): Promise<FamilyRun<Plan, Basis, Report, Entry>> {
  const run = await planFamilyUndo(family, entryId, options);
  if (!run.planned.ok || options.dryRun) return run;
  return { ...run, ...(await applyFamilyPlan(family, run.planned.plan, entryId)) };
}

/**
 * Plans the undo of an entry: the inverse it records, refused (changed-since-entry) when the target
 * no longer shows what the entry set, else planned, guarded and previewed like any action.
 */
export async function planFamilyUndo<Intent, Plan, Basis, Report extends { outcome: ApplyOutcome }, Entry>(
  family: ActionFamily<Intent, Plan, Basis, Report, Entry>,
  entryId: string,
  options: Pick<FamilyRunOptions<Basis>, "confirmation" | "basis"> = {},
): Promise<FamilyRun<Plan, Basis, Report, Entry>> {
  const inverse = await family.undoIntent(entryId);
  if (!inverse.ok)
    return { planned: { ok: false, refusal: { code: inverse.code, message: inverse.message } } };
  const read = await planFamilyAction(family, inverse.intent, options);
  if (read.basis === undefined) return read;
  const changed = inverse.changedSince?.(read.basis);
  if (changed !== undefined)
    return {
      basis: read.basis,
      planned: { ok: false, refusal: { code: "changed-since-entry", message: changed } },
    };
  return read;
}
