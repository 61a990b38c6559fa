/**
 * The argv of every step of a config edit. Paths arrive validated (config-path.ts); file content
 * never appears here, it goes on stdin. Each argv becomes a command only through toShellCommand.
 */
import type { ConfigPath } from "./config-path.ts";
import type { ConfigEditTarget } from "./config-edit-target.ts";

type Argv = readonly string[];

// 2026-01-25T14:30:05.123Z -> 20260125T143005Z (sorts by time, no characters a shell cares about)
export function utcStamp(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

export const backupPathFor = (path: ConfigPath, stamp: string) => `${path}.fulcrum-${stamp}` as ConfigPath;
export const tempPathFor = (path: ConfigPath, stamp: string) => `${path}.fulcrum-new-${stamp}` as ConfigPath;

export const readFileArgv = (path: ConfigPath): Argv => ["cat", path];
export const isSymlinkArgv = (path: ConfigPath): Argv => ["test", "-L", path];
export const isAbsentArgv = (path: ConfigPath): Argv => ["test", "!", "-e", path];
/** Mode, owner and times kept (-p), so the temp file and the backup look like the original. */
export const copyPreservingArgv = (from: ConfigPath, to: ConfigPath): Argv => ["cp", "-p", from, to];
/** Overwrites the contents from stdin; dd truncates the file but keeps its inode, mode and owner. */
export const writeStdinArgv = (to: ConfigPath): Argv => ["dd", `of=${to}`, "status=none"];
export const replaceArgv = (from: ConfigPath, to: ConfigPath): Argv => ["mv", "-f", from, to];
export const removeArgv = (path: ConfigPath): Argv => ["rm", "-f", path];

export function validateArgv(target: ConfigEditTarget, candidate: ConfigPath): Argv {
  if (target.daemon === "keepalived") return ["keepalived", "--config-test", "-f", candidate];
  return ["nginx", "-t", ...(target.prefix ? ["-p", target.prefix] : []), "-c", candidate];
}

/** nginx only: keepalived is reloaded by signalling the pid read from its pid file. */
export function nginxReloadArgv(target: Extract<ConfigEditTarget, { daemon: "nginx" }>): Argv {
  return ["nginx", ...(target.prefix ? ["-p", target.prefix] : []), "-c", target.configPath, "-s", "reload"];
}

export const signalArgv = (signal: "HUP" | "0", pid: number): Argv => ["kill", `-${signal}`, String(pid)];
/** Children of a process (Linux ≥ 3.5, CONFIG_PROC_CHILDREN): nginx's workers under its master. */
export const childrenArgv = (pid: number): Argv => ["cat", `/proc/${pid}/task/${pid}/children`];
