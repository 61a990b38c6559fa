/**
 * Opening history for a data folder: one writer (a lock file in the history folder, the same
 * primitive as the per-host action locks: a dead writer's lock is taken over) and any number of
 * readers. Both answer HistoryQuery; the writer also takes points and events.
 */
import { accessSync, constants, mkdirSync } from "node:fs";
import type { DatabaseSync } from "node:sqlite";
import { HostActionLocks } from "../actions/host-action-lock.ts";
import { HistoryError, historyDatabasePath, historyFolder, openHistoryDatabase } from "./history-database.ts";
import type { HistoryQuery } from "./history-query.ts";
import { createHistoryReader } from "./history-reader.ts";
import { DEFAULT_RETENTION, HistoryWriter, type RetentionPolicy } from "./history-writer.ts";

export type HistoryReadHandle = { query: HistoryQuery; file: string; close(): void };
export type HistoryWriteHandle = HistoryReadHandle & { writer: HistoryWriter };

const WRITER_LOCK = "history-writer";

/** The history folder exists and can be written, or a HistoryError says why in plain words. */
function ensureWritableFolder(dataFolder: string, folder: string): void {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    accessSync(folder, constants.W_OK);
  } catch (error) {
    let code = (error as NodeJS.ErrnoException).code ?? "";
    // mkdir -p on a read-only filesystem can report ENOENT for the missing child: ask the parent.
    try {
      accessSync(dataFolder, constants.W_OK);
    } catch (parent) {
      code = (parent as NodeJS.ErrnoException).code ?? code;
    }
    const why =
      code === "EROFS"
        ? "it is on a read-only filesystem"
        : code === "ENOSPC"
          ? "the disk is full"
          : code === "EACCES" || code === "EPERM"
            ? "this user may not write there"
            : (error as Error).message;
    throw new HistoryError("not-writable", `cannot write history in ${folder}: ${why}`);
  }
}

export function openHistoryForWriting(
  dataFolder: string,
  options: { retention?: RetentionPolicy; onTakeover?: (message: string) => void } = {},
): HistoryWriteHandle {
  const folder = historyFolder(dataFolder);
  ensureWritableFolder(dataFolder, folder);
  const locks = new HostActionLocks({
    folder,
    ...(options.onTakeover ? { onTakeover: options.onTakeover } : {}),
  });
  const lock = locks.tryAcquire(WRITER_LOCK, "recording history");
  if ("busyWith" in lock)
    throw new HistoryError(
      "writer-busy",
      `history in ${folder} is already being recorded by ${lock.busyWith}`,
    );
  const file = historyDatabasePath(dataFolder);
  let db: DatabaseSync;
  try {
    db = openHistoryDatabase(file, "write");
  } catch (error) {
    lock.release();
    throw error;
  }
  const retention = options.retention ?? DEFAULT_RETENTION;
  const writer = new HistoryWriter(db, retention);
  return {
    file,
    writer,
    query: createHistoryReader(db, { file, retention, writerStatus: () => writer.status() }),
    close: () => {
      writer.flush();
      db.close();
      lock.release();
    },
  };
}

/** Who records this data folder's history now (a live process holding the writer lock), if anyone. */
export function historyWriterHolder(dataFolder: string): string | undefined {
  return new HostActionLocks({ folder: historyFolder(dataFolder) }).holder(WRITER_LOCK);
}

export function openHistoryForReading(dataFolder: string): HistoryReadHandle {
  const file = historyDatabasePath(dataFolder);
  const db = openHistoryDatabase(file, "read");
  return { file, query: createHistoryReader(db, { file }), close: () => db.close() };
}
