/**
 * Pure planning of a persistent config edit: the file as read + intent -> the changed lines (with
 * line numbers, secrets redacted), the hashes apply checks against, the exact commands, warnings.
 * The plan holds no file content beyond the diff, so it can be shown, logged and audited.
 */
import { toShellCommand } from "../../commands/shell-quote.ts";
import { redactLine } from "../../parse/keepalived/redact.ts";
import {
  backupPathFor,
  copyPreservingArgv,
  isAbsentArgv,
  nginxReloadArgv,
  readFileArgv,
  removeArgv,
  replaceArgv,
  tempPathFor,
  utcStamp,
  validateArgv,
  writeStdinArgv,
} from "./config-edit-commands.ts";
import {
  applyConfigEditIntent,
  describeConfigEditIntent,
  readConfigEditValues,
  type ConfigEditIntent,
  type ConfigEditValues,
} from "./config-edit-intent.ts";
import type { ConfigPath } from "./config-path.ts";
import type { ConfigEditTarget } from "./config-edit-target.ts";
import { contentHash } from "./content-hash.ts";
import { diffLines, type DiffLine } from "./line-diff.ts";
import { refused, type PlanResult } from "../plan-result.ts";

export interface ConfigEditPlan {
  target: ConfigEditTarget;
  intent: ConfigEditIntent;
  summary: string;
  /** SHA-256 of the file as planned against (compare-and-set) and of the text apply will write. */
  baseHash: string;
  newHash: string;
  diff: DiffLine[];
  backupPath: ConfigPath;
  tempPath: ConfigPath;
  /**
   * What the edited line held before (apply writes only over the same text, so it holds for the
   * apply too): the audit entry keeps it for undo. Absent when the line's values could not be read.
   */
  previous?: ConfigEditValues;
  /** What apply runs when all goes well, in order, as the host will see it. */
  commands: string[];
  warnings: string[];
}

export type ConfigEditPlanResult = PlanResult<ConfigEditPlan>;

const DAEMON_OF_INTENT = {
  "nginx-upstream-server": "nginx",
  "keepalived-real-server-weight": "keepalived",
} as const;

export function planConfigEdit(
  currentText: string,
  target: ConfigEditTarget,
  intent: ConfigEditIntent,
  plannedAt: Date,
): ConfigEditPlanResult {
  if (DAEMON_OF_INTENT[intent.kind] !== target.daemon) {
    return refused("wrong-family", `a ${intent.kind} edit does not apply to a ${target.daemon} config`);
  }
  // The SSH layer decodes output as UTF-8; bytes that were not UTF-8 came back as U+FFFD and
  // writing the text back would corrupt them.
  if (currentText.includes("\uFFFD")) {
    return refused(
      "edit-by-hand",
      `${target.configPath} is not valid UTF-8 text; Fulcrum will not rewrite it`,
    );
  }
  const edited = applyConfigEditIntent(currentText, intent);
  if (!edited.ok) return refused(edited.code, edited.reason);
  if (edited.text === currentText)
    return refused("no-change", `${target.configPath} already says so; nothing to change`);

  const redact = (line: DiffLine): DiffLine =>
    target.daemon === "keepalived" ? { ...line, text: redactLine(line.text).line } : line;
  const stamp = utcStamp(plannedAt);
  const backupPath = backupPathFor(target.configPath, stamp);
  const tempPath = tempPathFor(target.configPath, stamp);
  const reload =
    target.daemon === "nginx"
      ? toShellCommand(nginxReloadArgv(target))
      : `kill -HUP <pid read from ${target.pidFile}>`;
  const commands = [
    toShellCommand(readFileArgv(target.configPath)),
    toShellCommand(isAbsentArgv(backupPath)),
    toShellCommand(copyPreservingArgv(target.configPath, backupPath)),
    toShellCommand(copyPreservingArgv(target.configPath, tempPath)),
    `${toShellCommand(writeStdinArgv(tempPath))}   < new contents (${edited.text.length} characters)`,
    toShellCommand(validateArgv(target, tempPath)),
    toShellCommand(replaceArgv(tempPath, target.configPath)),
    reload,
  ];
  const warnings = [
    `The backup ${backupPath} stays beside the file: an include glob that matches it would load it too.`,
    `The reload re-reads the whole file: changes others made on disk and never loaded take effect with it.`,
    `If the check fails, the candidate is removed (${toShellCommand(removeArgv(tempPath))}) and the file is left as it is.`,
  ];
  if (target.daemon === "keepalived") {
    warnings.push(
      "keepalived sets this weight in IPVS when its checker reloads the file; a health-check transition of this real server can still change the runtime weight.",
    );
  }
  const previous = readConfigEditValues(currentText, intent);
  return {
    ok: true,
    plan: {
      target,
      intent,
      ...(previous.ok ? { previous: previous.values } : {}),
      summary: `${describeConfigEditIntent(intent)} in ${target.configPath}`,
      baseHash: contentHash(currentText),
      newHash: contentHash(edited.text),
      diff: diffLines(currentText, edited.text).map(redact),
      backupPath,
      tempPath,
      commands,
      warnings,
    },
  };
}
