/**
 * How to move the VIP, chosen by configuration (formats.md §4.5, keepalived#2552):
 * - preempt on at the peer: lower the master's priority below the peer's through a track_file, so
 *   the peer preempts;
 * - nopreempt at the peer: a lower priority does not move the VIP, so force the master into FAULT
 *   (a track_file value x weight <= -254, or any non-zero value with weight 0);
 * - no usable track_file: stop keepalived on the master (blunt: it drops its VIPs and IPVS table).
 * Track file semantics: keepalived.conf(5) "vrrp_track_file"; the value in the file times the
 * weight is added to the priority.
 */
import { toShellCommand } from "../../commands/shell-quote.ts";
import type { KeepalivedConfig } from "../../parse/keepalived/keepalived-config.ts";
import type { RefusalCode } from "../action-codes.ts";
import type { FailoverMethod, FailoverMethodKind, FailoverStep } from "./failover-plan.ts";
import type { NodeView } from "./node-view.ts";

/** A value x weight at or below this drives the instance to FAULT. */
export const FAULT_THRESHOLD = -254;

export interface UsableTrackFile {
  name: string;
  path: string;
  /** What one unit in the file adds to the priority (the weight; negated by "reverse"); 0 = fault-only. */
  multiplier: number;
  previous: string | null;
  currentValue: number;
}

export interface MethodChoice {
  method?: FailoverMethod;
  steps: FailoverStep[];
  rollback: FailoverStep[];
  /** Why no method could be chosen. */
  problem?: string;
  /** The refusal's code, when stopping keepalived was the way left and the node shows none. */
  code?: RefusalCode;
}

export function usableTrackFiles(
  config: KeepalivedConfig | undefined,
  instanceName: string,
  trackFileValues: NodeView["trackFileValues"],
): UsableTrackFile[] {
  const instance = config?.vrrpInstances.find((candidate) => candidate.name === instanceName);
  const usable: UsableTrackFile[] = [];
  for (const tracked of instance?.trackFiles ?? []) {
    const definition = config?.trackFiles.find((candidate) => candidate.name === tracked.name);
    if (!definition?.file) continue;
    const weight = tracked.weight ?? definition.weight ?? 1;
    // With weight 0 "reverse" makes zero the failure value: writing a value cannot be reasoned about simply.
    const reverse = tracked.reverse ?? definition.reverse ?? false;
    if (weight === 0 && reverse) continue;
    const previous = trackFileValues[definition.file] ?? null;
    const parsed = previous === null ? 0 : Number.parseInt(previous.trim(), 10);
    usable.push({
      name: definition.name,
      path: definition.file,
      multiplier: reverse ? -weight : weight,
      previous,
      currentValue: Number.isNaN(parsed) ? 0 : parsed,
    });
  }
  return usable;
}

/** The file value that puts the master's priority just below the peer's, or undefined when none can. */
export function lowerPriorityValue(
  file: UsableTrackFile,
  masterPriority: number,
  peerPriority: number,
): number | undefined {
  if (file.multiplier === 0) return undefined;
  const base = masterPriority - file.currentValue * file.multiplier;
  // Equal priorities are decided by the higher IP address: aim one below the peer.
  const needed = peerPriority - 1 - base;
  const value =
    file.multiplier > 0 ? Math.floor(needed / file.multiplier) : Math.ceil(needed / file.multiplier);
  const contribution = value * file.multiplier;
  if (contribution <= FAULT_THRESHOLD) return undefined;
  return value;
}

export function forceFaultValue(file: UsableTrackFile): number {
  if (file.multiplier === 0) return 1;
  const units = Math.ceil(-FAULT_THRESHOLD / Math.abs(file.multiplier));
  return file.multiplier > 0 ? -units : units;
}

export function step(node: FailoverStep["node"], argv: string[], purpose: string): FailoverStep {
  return { node, argv, shell: toShellCommand(argv), purpose };
}

/**
 * A step that leaves `content` as the one line of the file at `path` (null: removes the file). The
 * content travels on dd's stdin and the path as an argument, never as code, and the command is a
 * plain program a sudoers line can name exactly (`dd of=PATH status=none`, README "Privileges").
 * Its shell form, for the preview and the audit, is the equivalent printf pipe.
 */
export function trackFileStep(
  node: FailoverStep["node"],
  path: string,
  content: string | null,
  purpose: string,
): FailoverStep {
  if (content === null) return step(node, ["rm", "-f", path], purpose);
  const argv = ["dd", `of=${path}`, "status=none"];
  const shell = `${toShellCommand(["printf", "%s\\n", content])} | ${toShellCommand(argv)}`;
  return { node, argv, stdin: `${content}\n`, shell, purpose };
}

export interface MethodInputs {
  instance: string;
  master: NodeView;
  peerPreempt: boolean;
  masterPriority?: number;
  peerPriority?: number;
  forced?: FailoverMethodKind;
}

export function chooseMethod(inputs: MethodInputs): MethodChoice {
  const { master } = inputs;
  const files = usableTrackFiles(master.config, inputs.instance, master.trackFileValues);
  const wanted: FailoverMethodKind[] = inputs.forced
    ? [inputs.forced]
    : inputs.peerPreempt
      ? ["lower-priority", "stop-keepalived"]
      : ["force-fault", "stop-keepalived"];
  const problems: string[] = [];
  let code: RefusalCode | undefined;
  for (const kind of wanted) {
    if (kind === "stop-keepalived") {
      if (!master.control) {
        problems.push(
          `stop-keepalived: ${master.controlProblem ?? "no command to stop keepalived on the master is configured"}`,
        );
        if (master.controlProblem) code = "keepalived-control-unknown";
        continue;
      }
      const how = master.control.how ? ` (keepalived runs as ${master.control.how})` : "";
      return {
        method: {
          kind,
          explanation: `stop keepalived on the master${how}: ${toShellCommand(master.control.stop)}; rollback starts it with ${toShellCommand(master.control.start)} (blunt: it removes the master's VIPs and its IPVS table; the peer takes over within about the skew time)`,
        },
        steps: [step("master", master.control.stop, "stop keepalived on the master")],
        rollback: [step("master", master.control.start, "start keepalived on the master again")],
      };
    }
    for (const file of files) {
      let value: number | undefined;
      if (kind === "lower-priority") {
        if (inputs.masterPriority === undefined || inputs.peerPriority === undefined) continue;
        if (inputs.masterPriority >= 255) continue; // the address owner's priority is not tracked
        value = lowerPriorityValue(file, inputs.masterPriority, inputs.peerPriority);
      } else {
        value = forceFaultValue(file);
      }
      if (value === undefined) continue;
      const explanation =
        kind === "lower-priority"
          ? `write ${value} to track file ${file.path} (${file.name}, weight ${file.multiplier}) on the master: its priority ${inputs.masterPriority} drops below the peer's ${inputs.peerPriority}, and the peer preempts`
          : `write ${value} to track file ${file.path} (${file.name}) on the master: the instance goes to FAULT and releases the VIP (the peer does not preempt a lower priority)`;
      return {
        method: {
          kind,
          explanation,
          trackFile: {
            name: file.name,
            path: file.path,
            multiplier: file.multiplier,
            value,
            previous: file.previous,
            written: String(value),
          },
        },
        steps: [
          trackFileStep(
            "master",
            file.path,
            String(value),
            kind === "lower-priority" ? "lower the master's priority" : "force the master into FAULT",
          ),
        ],
        rollback: [
          trackFileStep("master", file.path, file.previous?.trim() ?? null, `restore track file ${file.path}`),
        ],
      };
    }
    problems.push(
      files.length === 0
        ? `${kind}: no vrrp_track_file with a file is tracked by ${inputs.instance} on the master`
        : `${kind}: no tracked file's weight can ${kind === "lower-priority" ? "lower the priority below the peer's without FAULT" : "force FAULT"}`,
    );
  }
  return { steps: [], rollback: [], problem: problems.join("; "), ...(code ? { code } : {}) };
}
