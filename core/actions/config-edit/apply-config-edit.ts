/**
 * Apply a config edit plan on the host, one action per host (the shared lock):
 *   daemon running? -> compare-and-set (re-read, hash) -> backup (cp -p) -> candidate beside the file
 *   (cp -p, then contents from stdin, read back) -> daemon's own check on the candidate -> re-check
 *   the original -> rename over it -> reload -> re-read the file and check the daemon.
 * A failed check removes the candidate (and the backup: the original is untouched); a failed reload
 * puts the backup back. The backup is kept once the file was replaced, for the operator's undo.
 */
import { redactKeepalivedText } from "../../parse/keepalived/redact.ts";
import type { ApplyOutcome, CommandOutcome } from "../apply-report.ts";
import type { HostActionLocks } from "../host-action-lock.ts";
import type { HostExecutor } from "../host-executor.ts";
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
import { checkReload, findRunningDaemon, reloadDaemon } from "./daemon-reload.ts";
import type { ConfigEditPlan } from "./plan-config-edit.ts";
import { recordedRun } from "./recorded-run.ts";

export interface ConfigEditReport {
  outcome: ApplyOutcome;
  message: string;
  commands: CommandOutcome[];
  /** Present when the file was replaced; the backup is kept beside it. */
  backupPath?: string;
  /** The validator's output when it refused the candidate (redacted for keepalived). */
  validatorOutput?: string;
  /** A failed reload put the backup back in place. */
  restored?: boolean;
}

export interface ConfigEditApplyOptions {
  hostId: string;
  executor: HostExecutor;
  locks: HostActionLocks;
  /** How long to look for the reload to show (nginx: new workers). Default 10 s. */
  verifyTimeoutMs?: number;
  pollIntervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function applyConfigEdit(
  plan: ConfigEditPlan,
  options: ConfigEditApplyOptions,
): Promise<ConfigEditReport> {
  const lock = options.locks.tryAcquire(options.hostId, plan.summary);
  if ("busyWith" in lock) {
    return {
      outcome: "refused",
      commands: [],
      message: `another action is in progress on ${options.hostId} (${lock.busyWith})`,
    };
  }
  try {
    return await applyLocked(plan, options);
  } finally {
    lock.release();
  }
}

async function applyLocked(plan: ConfigEditPlan, options: ConfigEditApplyOptions): Promise<ConfigEditReport> {
  const { target, backupPath, tempPath } = plan;
  const path = target.configPath;
  const redact = target.daemon === "keepalived" ? redactKeepalivedText : (text: string) => text;
  const commands: CommandOutcome[] = [];
  const run = recordedRun(options.executor, commands, redact);
  const report = (
    outcome: ApplyOutcome,
    message: string,
    extra: Partial<ConfigEditReport> = {},
  ): ConfigEditReport => ({
    outcome,
    message,
    commands,
    ...extra,
  });
  const unchanged = `${path} was not changed`;

  const found = await findRunningDaemon(run, target);
  if (!found.ok) return report("failed", `${found.reason}; ${unchanged}`);

  const current = await run(readFileArgv(path));
  if (current.code !== 0) return report("failed", `cannot read ${path}: ${current.stderr.trim()}`);
  if (contentHash(current.stdout) !== plan.baseHash) {
    return report("aborted", `${path} changed since the plan; nothing was written — plan again`);
  }
  const edited = applyConfigEditIntent(current.stdout, plan.intent);
  if (!edited.ok || contentHash(edited.text) !== plan.newHash) {
    return report(
      "failed",
      `the edit no longer gives the planned text (${edited.ok ? "different result" : edited.reason}); ${unchanged}`,
    );
  }

  if ((await run(isAbsentArgv(backupPath))).code !== 0)
    return report("failed", `${backupPath} already exists; plan again; ${unchanged}`);
  if ((await run(copyPreservingArgv(path, backupPath))).code !== 0)
    return report("failed", `could not write the backup ${backupPath}; ${unchanged}`);
  const withBackup = { backupPath };
  // Before the swap the original is untouched, so a failure leaves neither candidate nor backup.
  const discardCandidate = async () => {
    await run(removeArgv(tempPath));
    await run(removeArgv(backupPath));
  };

  const staged =
    (await run(copyPreservingArgv(path, tempPath))).code === 0 &&
    (await run(writeStdinArgv(tempPath), edited.text)).code === 0 &&
    contentHash((await run(readFileArgv(tempPath))).stdout) === plan.newHash;
  if (!staged) {
    await discardCandidate();
    return report("failed", `could not write the candidate ${tempPath} intact; ${unchanged}`);
  }

  const check = await run(validateArgv(target, tempPath));
  if (check.code !== 0) {
    await discardCandidate();
    const validatorOutput = redact(`${check.stdout}${check.stderr}`.trim());
    return report("failed", `${target.daemon} refused the new config; ${unchanged}:\n${validatorOutput}`, {
      validatorOutput,
    });
  }

  // The check took time; someone may have written the file meanwhile.
  if (contentHash((await run(readFileArgv(path))).stdout) !== plan.baseHash) {
    await discardCandidate();
    return report(
      "aborted",
      `${path} changed while the candidate was checked; nothing was written — plan again`,
    );
  }
  if ((await run(replaceArgv(tempPath, path))).code !== 0) {
    await discardCandidate();
    return report("failed", `could not move the candidate over ${path}; ${unchanged}`);
  }

  const reload = await reloadDaemon(run, target, found.daemon);
  if (!reload.ok) {
    const restored =
      (await run(copyPreservingArgv(backupPath, tempPath))).code === 0 &&
      (await run(replaceArgv(tempPath, path))).code === 0 &&
      contentHash((await run(readFileArgv(path))).stdout) === plan.baseHash;
    const after = restored
      ? `the original was restored from ${backupPath}`
      : `restoring ${backupPath} FAILED: ${path} holds the new text`;
    return report(
      "failed",
      `the ${target.daemon} reload failed (${redact(reload.output) || "no output"}); ${after}`,
      { ...withBackup, restored },
    );
  }

  const written = contentHash((await run(readFileArgv(path))).stdout) === plan.newHash;
  const pollMs = options.pollIntervalMs ?? 200;
  const sleep = options.sleep ?? wait;
  const bound = {
    polls: Math.ceil((options.verifyTimeoutMs ?? 10_000) / pollMs),
    sleep: () => sleep(pollMs),
  };
  const daemon = await checkReload(run, target, found.daemon, bound, plan.intent);
  const fileState = written
    ? `${path} holds the new text`
    : `${path} no longer holds the text written (changed again?)`;
  const message = `${plan.summary}: checked by ${target.daemon}, written, reloaded; ${fileState}; ${daemon.detail}. Backup: ${backupPath}`;
  if (daemon.stopped) return report("failed", message, withBackup);
  return report(written && daemon.verified ? "verified" : "not-verified", message, withBackup);
}
