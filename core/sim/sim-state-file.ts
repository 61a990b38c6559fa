/**
 * The ipvsadm shim's state file, shared by concurrent invocations (a sampler listing while an
 * action edits). A lock file created with O_EXCL serialises them; the state is written to a
 * temporary file and renamed over the old one, so a reader never sees half a file. A lock left by a
 * killed process is taken over once it is older than STALE_LOCK_MS.
 */
import {
  closeSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  existsSync,
} from "node:fs";
import { stateFromJson, stateToJson } from "./sim-state-json.ts";
import type { IpvsSimState } from "./sim-types.ts";

const STALE_LOCK_MS = 30_000;
const LOCK_WAIT_MS = 20_000;
const RETRY_SLEEP_MS = 5;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function acquireLock(lockPath: string): number {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, `${process.pid}\n`);
      return fd;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    try {
      if (Date.now() - statSync(lockPath).mtimeMs > STALE_LOCK_MS) unlinkSync(lockPath);
    } catch {
      // Released between the two calls: try again.
    }
    if (Date.now() > deadline) throw new Error(`the simulator state is locked: ${lockPath}`);
    sleepSync(RETRY_SLEEP_MS);
  }
}

/** Runs `change` on the state under the lock and saves what it leaves; creates the state when absent. */
export function withStateFile<T>(
  path: string,
  create: () => IpvsSimState,
  change: (state: IpvsSimState) => T,
): T {
  const lockPath = `${path}.lock`;
  const fd = acquireLock(lockPath);
  try {
    const state = existsSync(path) ? stateFromJson(readFileSync(path, "utf8")) : create();
    const result = change(state);
    const temporary = `${path}.${process.pid}.tmp`;
    const out = openSync(temporary, "w");
    try {
      writeSync(out, stateToJson(state));
    } finally {
      closeSync(out);
    }
    renameSync(temporary, path);
    return result;
  } finally {
    closeSync(fd);
    unlinkSync(lockPath);
  }
}
