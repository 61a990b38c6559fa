/**
 * Read-modify-write of a small file in the data folder (hosts.json, known-hosts.json) with any
 * number of writers at once: concurrent requests in one process, and other Fulcrum processes (the
 * app, `fulcrum serve`, a CLI run) sharing the folder. Without it, two "add host" calls both read
 * the old list and the second rename drops the first host.
 *
 *   in this process    one queue per file: each update starts after the previous one settled
 *   across processes   the data folder's lock files (core/actions/host-lock-file.ts, the same
 *                      primitive the per-host action locks use: created whole by link(2), a dead
 *                      holder's lock taken over), held from the read to the rename
 *   the write          a temporary name of its own (pid + random), flushed, then renamed over the
 *                      file: a reader sees the old content or the new, never half of either
 */
import { randomUUID } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { HostActionLocks } from "./actions/host-action-lock.ts";
import { LOCKS_FOLDER_NAME } from "./actions/action-locks-folder.ts";

/** The new content, or undefined to leave the file as it is. */
export type FileUpdate = (current: string | undefined) => string | undefined | Promise<string | undefined>;

export interface FileUpdateOptions {
  /** How long to wait for another process's update before giving up (default 10 s). */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const FIRST_RETRY_MS = 5;
const LONGEST_RETRY_MS = 100;

/** Per file (resolved path): the tail of this process's queue of updates. */
const queues = new Map<string, Promise<unknown>>();

export function updateDataFile(
  file: string,
  update: FileUpdate,
  options: FileUpdateOptions = {},
): Promise<void> {
  const key = path.resolve(file);
  // The tail never rejects: one failed update does not stop the ones queued behind it.
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(() => underFileLock(key, update, options));
  const tail = run.catch(() => {});
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}

async function underFileLock(file: string, update: FileUpdate, options: FileUpdateOptions): Promise<void> {
  const folder = path.dirname(file);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const release = await acquire(file, options);
  try {
    const current = await readIfPresent(file);
    const next = await update(current);
    if (next !== undefined && next !== current) await replaceWhole(file, next);
  } finally {
    release();
  }
}

/**
 * The lock's id contains a space, which no ssh alias can, so it never shares a lock file with a
 * host's action lock in the same locks/ folder.
 */
function lockId(file: string): string {
  return `data file ${path.basename(file)}`;
}

async function acquire(file: string, options: FileUpdateOptions): Promise<() => void> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const locks = new HostActionLocks({ folder: path.join(path.dirname(file), LOCKS_FOLDER_NAME) });
  let wait = FIRST_RETRY_MS;
  for (;;) {
    const lock = locks.tryAcquire(lockId(file), `updating ${path.basename(file)}`);
    if ("release" in lock) return lock.release;
    if (now() >= deadline) {
      throw new Error(`${file} is being updated by ${lock.busyWith}; it was left as it is, try again`);
    }
    await sleep(wait);
    wait = Math.min(wait * 2, LONGEST_RETRY_MS);
  }
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

async function replaceWhole(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  try {
    const handle = await open(temporary, "wx", 0o600);
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
