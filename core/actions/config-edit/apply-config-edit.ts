/**
 * apply for a config edit: the family's part of the one apply loop (apply-loop.ts).
 *   read:    the file (its content hash) and the daemon behind it (pid file, running, nginx workers);
 *            after the reload, also the evidence that the new config is live;
 *   compare-and-set: the file hashes to what the plan was made on;
 *   change:  backup (cp -p) -> candidate beside the file (cp -p, contents from stdin, read back) ->
 *            the daemon's own check on the candidate -> re-check the original -> rename over it ->
 *            reload;
 *   verify:  the file holds the new text and the daemon shows the new config (new nginx workers,
 *            keepalived's weight in IPVS).
 * A failed check removes the candidate (and the backup: the original is untouched); a failed reload
 * puts the backup back. The backup is kept once the file was replaced, for the operator's undo.
 */
import { redactKeepalivedText } from "../../parse/keepalived/redact.ts";
import type { ApplyOutcome } from "../action-codes.ts";
import { applyChange, type ApplyLoopOptions, type ChangeOutcome, type ChangeSpec } from "../apply-loop.ts";
import type { CommandOutcome } from "../apply-report.ts";
import { plainRun, type RecordedRun } from "../recorded-run.ts";
import {
  copyPreservingArgv,
  isAbsentArgv,
  readFileArgv,
  removeArgv,
  replaceArgv,
  validateArgv,
  writeStdinArgv,
} from "./config-edit-commands.ts";
import { applyConfigEditIntent } from "./config-edit-intent.ts";
import { contentHash } from "./content-hash.ts";
import {
  findRunningDaemon,
  reloadDaemon,
  reloadEvidence,
  type DaemonLookup,
  type ReloadCheck,
  type RunningDaemon,
} from "./daemon-reload.ts";
import type { ConfigEditPlan } from "./plan-config-edit.ts";

export interface ConfigEditReport {
  outcome: ApplyOutcome;
  message: string;
  commands: CommandOutcome[];
  startedAt: number;
  finishedAt: number;
  /** Present when the file was replaced; the backup is kept beside it. */
  backupPath?: string;
  /** The validator's output when it refused the candidate (redacted for keepalived). */
  validatorOutput?: string;
  /** A failed reload put the backup back in place. */
  restored?: boolean;
}

export interface ConfigEditApplyOptions extends ApplyLoopOptions {
  hostId: string;
}

/** The file and its daemon as one read sees them. */
export interface ConfigFileState {
  /** SHA-256 of the file's text. */
  hash: string;
  text: string;
  daemon: DaemonLookup;
  /** After the reload: whether the daemon shows the new config. */
  reload?: ReloadCheck;
}

interface Extras {
  backupPath?: string;
  validatorOutput?: string;
  restored?: boolean;
  /** The daemon as found before the change (its nginx workers then), once the reload was sent. */
  reloaded?: RunningDaemon;
}

function fileWords(plan: ConfigEditPlan, hash: string): string {
  if (hash === plan.newHash) return "holds the new text";
  if (hash === plan.baseHash) return "holds the text it had before";
  return "holds neither the text planned against nor the new text (changed again?)";
}

/** The change itself: every step recorded; a failure cleans up and says what was left. */
async function changeFile(plan: ConfigEditPlan, run: RecordedRun, before: ConfigFileState, extras: Extras) {
  const { target, backupPath, tempPath } = plan;
  const path = target.configPath;
  const unchanged = `${path} was not changed`;
  const failed = (message: string): ChangeOutcome => ({ ran: false, outcome: "failed", message });
  const edited = applyConfigEditIntent(before.text, plan.intent);
  if (!edited.ok || contentHash(edited.text) !== plan.newHash) {
    return failed(
      `the edit no longer gives the planned text (${edited.ok ? "different result" : edited.reason}); ${unchanged}`,
    );
  }
  if ((await run(isAbsentArgv(backupPath))).code !== 0)
    return failed(`${backupPath} already exists; plan again; ${unchanged}`);
  if ((await run(copyPreservingArgv(path, backupPath))).code !== 0)
    return failed(`could not write the backup ${backupPath}; ${unchanged}`);
  // Before the swap the original is untouched, so a failure leaves neither candidate nor backup.
  const discardCandidate = async () => {
    await run(removeArgv(tempPath));
    await run(removeArgv(backupPath));
  };
  const staged =
    (await run(copyPreservingArgv(path, tempPath))).code === 0 &&
    (await run(writeStdinArgv(tempPath), { stdin: edited.text })).code === 0 &&
    contentHash((await run(readFileArgv(tempPath))).stdout) === plan.newHash;
  if (!staged) {
    await discardCandidate();
    return failed(`could not write the candidate ${tempPath} intact; ${unchanged}`);
  }
  const redact = target.daemon === "keepalived" ? redactKeepalivedText : (text: string) => text;
  const check = await run(validateArgv(target, tempPath));
  if (check.code !== 0) {
    await discardCandidate();
    extras.validatorOutput = redact(`${check.stdout}${check.stderr}`.trim());
    return failed(`${target.daemon} refused the new config; ${unchanged}:\n${extras.validatorOutput}`);
  }
  // The check took time; someone may have written the file meanwhile.
  if (contentHash((await run(readFileArgv(path))).stdout) !== plan.baseHash) {
    await discardCandidate();
    return {
      ran: false,
      outcome: "aborted",
      message: `${path} changed while the candidate was checked; nothing was written — plan again`,
    } as const;
  }
  if ((await run(replaceArgv(tempPath, path))).code !== 0) {
    await discardCandidate();
    return failed(`could not move the candidate over ${path}; ${unchanged}`);
  }
  extras.backupPath = backupPath;
  const daemon = before.daemon.ok ? before.daemon.daemon : undefined;
  if (!daemon)
    return failed(`${path} was replaced but its daemon is gone; not reloaded. Backup: ${backupPath}`);
  // From here on a read looks for the reload's evidence: also after a connection lost mid-reload.
  extras.reloaded = daemon;
  const reload = await reloadDaemon(run, target, daemon);
  if (!reload.ok) {
    const restored =
      (await run(copyPreservingArgv(backupPath, tempPath))).code === 0 &&
      (await run(replaceArgv(tempPath, path))).code === 0 &&
      contentHash((await run(readFileArgv(path))).stdout) === plan.baseHash;
    extras.restored = restored;
    const after = restored
      ? `the original was restored from ${backupPath}`
      : `restoring ${backupPath} FAILED: ${path} holds the new text`;
    return failed(`the ${target.daemon} reload failed (${redact(reload.output) || "no output"}); ${after}`);
  }
  return { ran: true } as const;
}

export function configEditChange(
  plan: ConfigEditPlan,
  hostId: string,
  extras: Extras,
): ChangeSpec<ConfigFileState> {
  const { target } = plan;
  const path = target.configPath;
  return {
    hostId,
    what: plan.summary,
    target: path,
    source: path,
    planned: plan.commands,
    report: "as-run",
    read: async (executor) => {
      const run = plainRun(executor);
      const read = await run(readFileArgv(path));
      if (read.code !== 0)
        throw new Error(`cannot read ${path}: ${read.stderr.trim() || `exit ${read.code}`}`);
      const hash = contentHash(read.stdout);
      // Once the reload went out, the daemon is the one found before it; only its evidence is read.
      if (extras.reloaded) {
        const reload = await reloadEvidence(run, target, extras.reloaded, plan.intent);
        return { hash, text: read.stdout, daemon: { ok: true, daemon: extras.reloaded }, reload };
      }
      return { hash, text: read.stdout, daemon: await findRunningDaemon(run, target) };
    },
    changedSincePlan: (state) =>
      state.hash === plan.baseHash ? [] : ["its content is not what the plan was made on"],
    refuseToStart: (state) =>
      state.daemon.ok ? undefined : `${state.daemon.reason}; ${path} was not changed`,
    change: (run, before) => changeFile(plan, run, before, extras),
    isExpected: (state) => state.hash === plan.newHash && state.reload?.verified === true,
    isBefore: (state) => state.hash === plan.baseHash,
    settled: (state) => state.reload?.final === true,
    describe: (state) => `${fileWords(plan, state.hash)}${state.reload ? `; ${state.reload.detail}` : ""}`,
    expected: `the new text, reloaded by ${target.daemon}`,
    conclude: (after, verified) => {
      const file = after ? `${path} ${fileWords(plan, after.hash)}` : `${path} could not be read back`;
      const daemon = after?.reload?.detail ?? `${target.daemon} could not be checked`;
      const message = `${plan.summary}: checked by ${target.daemon}, written, reloaded; ${file}; ${daemon}. Backup: ${plan.backupPath}`;
      if (after?.reload?.stopped) return { outcome: "failed", message };
      return { outcome: verified ? "verified" : "not-verified", message };
    },
    lossNote: `the backup ${plan.backupPath} or the candidate ${plan.tempPath} may be left beside the file`,
    ...(target.daemon === "keepalived" ? { redact: redactKeepalivedText } : {}),
  };
}

export async function applyConfigEdit(
  plan: ConfigEditPlan,
  options: ConfigEditApplyOptions,
): Promise<ConfigEditReport> {
  const extras: Extras = {};
  const report = await applyChange(configEditChange(plan, options.hostId, extras), options);
  return {
    outcome: report.outcome,
    message: report.message,
    commands: report.commands,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    ...(extras.backupPath !== undefined ? { backupPath: extras.backupPath } : {}),
    ...(extras.validatorOutput !== undefined ? { validatorOutput: extras.validatorOutput } : {}),
    ...(extras.restored !== undefined ? { restored: extras.restored } : {}),
  };
}
