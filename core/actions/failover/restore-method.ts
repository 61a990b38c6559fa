/**
 * The undo of a track_file failover (lower-priority or force-fault), chosen when it will work: the
 * node the VIPs left (now the peer) gets back the track file content the failover replaced, its
 * priority rises above the current master's and, preempting, it takes the VIPs back. The pair then
 * ends as it was before the failover, where a failover back by lowering the other node would leave
 * both nodes' track files changed. Compare-and-set: the file must still hold what the failover
 * left there. Pure.
 */
import type { VrrpInstance } from "../../model/keepalived.ts";
import {
  FAULT_THRESHOLD,
  usableTrackFiles,
  trackFileStep,
  type MethodChoice,
} from "./choose-method.ts";
import type { NodeView } from "./node-view.ts";

/** The track file a failover wrote on the node the VIPs left (FailoverRecord.trackFile). */
export interface RecordedTrackFile {
  path: string;
  /** Trimmed content before the failover; null when there was no file. */
  before: string | null;
  /** Trimmed content the failover left; null when it removed the file. */
  after: string | null;
}

export interface RestoreInputs {
  instance: string;
  peer: NodeView;
  masterInstance: VrrpInstance;
  peerInstance: VrrpInstance;
  peerPreempt: boolean;
  recorded: RecordedTrackFile;
}

export interface RestoreChoice extends MethodChoice {
  /** The peer is in FAULT only because of the recorded file: the restore lifts it. */
  peerFaultFromFile?: boolean;
}

const valueOf = (content: string | null): number => {
  const parsed = content === null ? 0 : Number.parseInt(content, 10);
  return Number.isNaN(parsed) ? 0 : parsed;
};

export function chooseRestoreMethod(inputs: RestoreInputs): RestoreChoice {
  const { peer, recorded, peerInstance, masterInstance } = inputs;
  const refuse = (problem: string): RestoreChoice => ({ steps: [], rollback: [], problem });
  const file = usableTrackFiles(peer.config, inputs.instance, peer.trackFileValues).find(
    (candidate) => candidate.path === recorded.path,
  );
  if (!file) return refuse(`${peer.label}'s ${inputs.instance} no longer tracks ${recorded.path}`);
  const now = file.previous === null ? null : file.previous.trim();
  if (now !== recorded.after) {
    const shown = (content: string | null) => (content === null ? "no file" : JSON.stringify(content));
    return refuse(
      `${recorded.path} on ${peer.label} holds ${shown(now)}, not ${shown(recorded.after)} as the failover left it: changed since`,
    );
  }
  if (!inputs.peerPreempt)
    return refuse(`${peer.label} does not preempt: restoring its track file would not take the VIP back`);

  const restoredValue = valueOf(recorded.before);
  const faultContribution = valueOf(recorded.after) * file.multiplier;
  const peerFaultFromFile =
    peerInstance.state === "FAULT" &&
    (file.multiplier === 0 ? valueOf(recorded.after) !== 0 : faultContribution <= FAULT_THRESHOLD);
  // In FAULT the effective priority says nothing: start from the configured one.
  const effective = peerInstance.effectivePriority ?? peerInstance.priority;
  const base = peerFaultFromFile
    ? peerInstance.priority
    : effective === undefined
      ? undefined
      : effective - file.currentValue * file.multiplier;
  const masterPriority = masterInstance.effectivePriority ?? masterInstance.priority;
  if (base === undefined || masterPriority === undefined)
    return refuse("the priorities could not be read from the DATA dumps");
  const restored = base + restoredValue * file.multiplier;
  if (restored <= masterPriority) {
    return refuse(
      `restoring ${recorded.path} gives ${peer.label} priority ${restored}, not above the master's ${masterPriority}`,
    );
  }
  const what = recorded.before === null ? "remove" : `write ${recorded.before} to`;
  return {
    method: {
      kind: "restore-track-file",
      explanation: `${what} track file ${recorded.path} (${file.name}) on ${peer.label}, as before the failover: its priority goes back to ${restored}, above the master's ${masterPriority}, and it preempts the VIP back`,
      trackFile: {
        name: file.name,
        path: file.path,
        multiplier: file.multiplier,
        value: restoredValue,
        previous: file.previous,
        written: recorded.before,
      },
    },
    steps: [trackFileStep("peer", recorded.path, recorded.before, `restore track file ${recorded.path}`)],
    rollback: [
      trackFileStep("peer", recorded.path, recorded.after, `put back what the failover left in ${recorded.path}`),
    ],
    ...(peerFaultFromFile ? { peerFaultFromFile } : {}),
  };
}
