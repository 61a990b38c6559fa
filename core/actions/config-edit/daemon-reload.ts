/**
 * The running daemon behind a config file: found through its pid file before anything is written,
 * reloaded after the swap, and checked afterwards as far as can honestly be told from the host:
 *  - nginx: a reload makes the master start new workers (old ones drain and exit); a master that
 *    rejected the new config keeps its old workers and only logs why. New worker PIDs under the
 *    same master are the evidence the new config is live.
 *  - keepalived: SIGHUP makes it re-read the file in place; its checker sets a changed weight in
 *    IPVS. Evidence: still running, and the kernel's table showing the new weight
 *    (keepalived-weight-readback.ts). Without a readable table it says so: not verified.
 */
import { ipvsWeight } from "../../commands/validated.ts";
import { childrenArgv, nginxReloadArgv, readFileArgv, signalArgv } from "./config-edit-commands.ts";
import type { ConfigEditIntent } from "./config-edit-intent.ts";
import type { ConfigEditTarget } from "./config-edit-target.ts";
import { readBackKeepalivedWeight } from "./keepalived-weight-readback.ts";
import type { RecordedRun } from "../recorded-run.ts";

export interface RunningDaemon {
  pid: number;
  /** nginx only: the master's children (workers, cache helpers) before the reload. */
  children: number[];
}

export type DaemonLookup = { ok: true; daemon: RunningDaemon } | { ok: false; reason: string };

// /proc/PID/task/PID/children: "4242 4243 " (space-separated, may be empty)
function pids(text: string): number[] {
  return text
    .split(/\s+/)
    .filter((word) => /^\d+$/.test(word))
    .map(Number);
}

async function isRunning(run: RecordedRun, pid: number): Promise<boolean> {
  return (await run(signalArgv("0", pid))).code === 0;
}

export async function findRunningDaemon(run: RecordedRun, target: ConfigEditTarget): Promise<DaemonLookup> {
  const read = await run(readFileArgv(target.pidFile));
  const pidText = /^\s*(\d{1,10})\s*$/.exec(read.stdout)?.[1];
  if (read.code !== 0 || pidText === undefined || Number(pidText) < 2) {
    return {
      ok: false,
      reason: `no ${target.daemon} pid in ${target.pidFile} (${read.stderr.trim() || "not a pid"}); is ${target.daemon} running?`,
    };
  }
  const pid = Number(pidText);
  if (!(await isRunning(run, pid)))
    return { ok: false, reason: `${target.daemon} (pid ${pid} from ${target.pidFile}) is not running` };
  const children = target.daemon === "nginx" ? pids((await run(childrenArgv(pid))).stdout) : [];
  return { ok: true, daemon: { pid, children } };
}

export async function reloadDaemon(
  run: RecordedRun,
  target: ConfigEditTarget,
  daemon: RunningDaemon,
): Promise<{ ok: boolean; output: string }> {
  const result = await run(
    target.daemon === "nginx" ? nginxReloadArgv(target) : signalArgv("HUP", daemon.pid),
  );
  return { ok: result.code === 0, output: `${result.stdout}${result.stderr}`.trim() };
}

export interface ReloadCheck {
  /** True only when the host shows the new config live (nginx: new workers; keepalived: the weight). */
  verified: boolean;
  /** The daemon is gone after the reload. */
  stopped: boolean;
  /** Reading again will not tell more (the daemon stopped, the table cannot be read). */
  final: boolean;
  detail: string;
}

/**
 * One look at whether the reload took: the daemon still running, and the evidence of the new
 * config (nginx: workers the master did not have before; keepalived: the weight in IPVS). The
 * apply loop looks again until it shows or its bound runs out.
 */
export async function reloadEvidence(
  run: RecordedRun,
  target: ConfigEditTarget,
  daemon: RunningDaemon,
  intent: ConfigEditIntent,
): Promise<ReloadCheck> {
  if (!(await isRunning(run, daemon.pid))) {
    return {
      verified: false,
      stopped: true,
      final: true,
      detail: `${target.daemon} (pid ${daemon.pid}) is no longer running after the reload`,
    };
  }
  if (target.daemon === "keepalived") {
    const running = `keepalived (pid ${daemon.pid}) got SIGHUP and is still running`;
    if (intent.kind !== "keepalived-real-server-weight") {
      return {
        verified: false,
        stopped: false,
        final: true,
        detail: `${running}; the change was not read back`,
      };
    }
    // No weight line (an undo removed the one an edit added): keepalived's default, 1.
    const seen = await readBackKeepalivedWeight(run, intent.realServer, intent.weight ?? ipvsWeight(1));
    if (seen.kind === "live")
      return { verified: true, stopped: false, final: true, detail: `${running}; ${seen.detail}` };
    if (seen.kind === "unreadable") {
      return {
        verified: false,
        stopped: false,
        final: true,
        detail: `${running}; the weight in IPVS was not read back: ${seen.detail}`,
      };
    }
    return {
      verified: false,
      stopped: false,
      final: false,
      detail: `${running}, but the new weight does not show in IPVS (${seen.detail}; a failing health check? see its log)`,
    };
  }
  const fresh = pids((await run(childrenArgv(daemon.pid))).stdout).filter(
    (pid) => !daemon.children.includes(pid),
  );
  if (fresh.length > 0) {
    return {
      verified: true,
      stopped: false,
      final: true,
      detail: `nginx master ${daemon.pid} started new workers (${fresh.join(", ")})`,
    };
  }
  return {
    verified: false,
    stopped: false,
    final: false,
    detail: `nginx master ${daemon.pid} is running but started no new workers: it may have rejected the new config (see its error log)`,
  };
}
