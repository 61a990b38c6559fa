/**
 * Everything the harness starts or creates is registered here, so it is removed even when a test
 * fails: by the test's afterAll (async, graceful) and, as a last resort, on process exit
 * (synchronous: kill by PID, remove directories).
 */
import { rmSync } from "node:fs";

export interface CleanupItem {
  /** Graceful, awaited teardown. */
  run(): Promise<void>;
  /** Synchronous fallback for process exit. */
  runSync(): void;
}

const pending = new Set<CleanupItem>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const item of [...pending].reverse()) {
      try {
        item.runSync();
      } catch {
        // best effort at exit; nothing left to report to
      }
    }
    pending.clear();
  });
}

export function registerCleanup(item: CleanupItem): () => Promise<void> {
  installExitHook();
  pending.add(item);
  return async () => {
    if (!pending.delete(item)) return;
    await item.run();
  };
}

export function killQuietly(pid: number, signal: NodeJS.Signals = "SIGKILL"): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

export function removeDirSync(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
