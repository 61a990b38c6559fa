/**
 * Descendants of a PID, from /proc (ppid is field 4 of /proc/PID/stat, after the parenthesised
 * command name, which may itself hold spaces). Used to stop an sshd together with its
 * per-connection children, which sshd moves into their own sessions (setsid), so a process-group
 * kill would miss them.
 */
import { readdirSync, readFileSync } from "node:fs";

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[1]);
  } catch {
    return undefined;
  }
}

function childrenByParent(): Map<number, number[]> {
  const parents = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const parent = parentOf(pid);
    if (parent === undefined) continue;
    parents.set(parent, [...(parents.get(parent) ?? []), pid]);
  }
  return parents;
}

export function childrenOf(parent: number): number[] {
  return childrenByParent().get(parent) ?? [];
}

export function descendantsOf(root: number): number[] {
  const parents = childrenByParent();
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const children = parents.get(queue.shift() as number) ?? [];
    found.push(...children);
    queue.push(...children);
  }
  return found;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The kernel's short command name (/proc/PID/comm), or undefined once the process is gone. */
export function commandName(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return undefined;
  }
}
