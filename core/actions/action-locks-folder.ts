/**
 * Where the per-host action locks live: locks/ in Fulcrum's data folder, shared by every Fulcrum
 * process of this OS user (CLI runs, `fulcrum serve`, the app), and the locks real hosts use.
 * Demo hosts and unit tests keep in-memory locks: their hosts exist only in one process.
 */
import { homedir } from "node:os";
import { join } from "node:path";
import { fulcrumDataFolder } from "../data-folder.ts";
import { HostActionLocks } from "./host-action-lock.ts";

export const LOCKS_FOLDER_NAME = "locks";

export function actionLocksFolder(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  return join(fulcrumDataFolder(env, home), LOCKS_FOLDER_NAME);
}

/** Locks backed by the data folder; `onTakeover` hears when a dead process's lock was taken over. */
export function dataFolderHostLocks(onTakeover: (message: string) => void): HostActionLocks {
  return new HostActionLocks({ folder: actionLocksFolder(), onTakeover });
}
