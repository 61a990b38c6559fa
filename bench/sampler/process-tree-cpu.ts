/**
 * CPU time of a process tree, from /proc/PID/stat (proc(5)): utime, stime, cutime, cstime are
 * fields 14-17, in clock ticks. A process's own time plus cutime/cstime (its reaped children's) is
 * everything the process and its waited-for descendants used. Summed over the root and every live
 * descendant, that counts each process once: a live child is not yet in its parent's cutime, and
 * an exited child is no longer in the tree. (A process that exits between two reads of the walk
 * can be counted twice or not at all; with few exits per walk that is within a tick.)
 *
 * For an sshd listener this is the whole host-side cost of its connections: the per-connection
 * monitors are reaped by the listener, sessions by their monitors, commands by their shells.
 */
import { readFileSync } from "node:fs";
import { descendantsOf } from "../../test/integration/harness/process-tree.ts";

/** USER_HZ: 100 on every Linux architecture Fulcrum runs on (`getconf CLK_TCK`). */
const TICKS_PER_SECOND = 100;

function treeTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the parenthesised command name start at field 3 (state).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0);
  } catch {
    return 0; // exited during the walk
  }
}

/** Milliseconds of CPU the process and all its descendants (live and reaped) have used so far. */
export function processTreeCpuMs(root: number): number {
  const ticks = [root, ...descendantsOf(root)].reduce((sum, pid) => sum + treeTicks(pid), 0);
  return (ticks * 1000) / TICKS_PER_SECOND;
}
