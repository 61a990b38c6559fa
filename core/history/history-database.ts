/**
 * The history database: one SQLite file (node:sqlite, built into Node and Electron's main
 * process; no native module) in the data folder, WAL mode so readers (the app, `fulcrum report`)
 * read while the one writer writes, and every write a transaction, so a process killed mid-write
 * leaves the database as the last committed batch had it.
 *
 *   series   one row per series (series-key.ts): its text key, host, kind, subject, metric
 *   chunks   raw points, one compact blob per series per time block (chunk-codec.ts)
 *   rollups  per series, 1-minute and 1-hour steps: min, max, sum, count, last of the value and,
 *            for counters, the exact increase (decimal text) with the resets in it and the time
 *            the step's intervals cover
 *   events   actions, VRRP transitions, drift alerts and gaps, each with a start and an end
 *
 * The schema's version is PRAGMA user_version: a database from a newer Fulcrum is refused, never
 * rewritten.
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";

export const HISTORY_SCHEMA_VERSION = 1;
export const HISTORY_FOLDER_NAME = "history";
export const HISTORY_FILE_NAME = "history.sqlite";

export type HistoryProblem =
  /** Written by a newer Fulcrum: not read, not rewritten. */
  | "newer-version"
  /** Not a history database (another file at its name, or damaged). */
  | "not-history"
  /** Another process is the writer for this data folder. */
  | "writer-busy"
  /** The disk refused a write (full, read-only, permissions): recording pauses and retries. */
  | "not-writable"
  /** Nothing recorded for what was asked. */
  | "no-data";

export class HistoryError extends Error {
  readonly problem: HistoryProblem;
  constructor(problem: HistoryProblem, message: string) {
    super(message);
    this.name = "HistoryError";
    this.problem = problem;
  }
}

export function historyFolder(dataFolder: string): string {
  return path.join(dataFolder, HISTORY_FOLDER_NAME);
}

export function historyDatabasePath(dataFolder: string): string {
  return path.join(historyFolder(dataFolder), HISTORY_FILE_NAME);
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS series (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  host TEXT NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  metric TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS series_host ON series (host);
CREATE TABLE IF NOT EXISTS chunks (
  series INTEGER NOT NULL,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  count INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (series, start)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS chunks_end ON chunks (end);
CREATE TABLE IF NOT EXISTS rollups (
  series INTEGER NOT NULL,
  step INTEGER NOT NULL,
  at INTEGER NOT NULL,
  min REAL NOT NULL,
  max REAL NOT NULL,
  sum REAL NOT NULL,
  count INTEGER NOT NULL,
  last REAL NOT NULL,
  delta TEXT,
  resets INTEGER NOT NULL DEFAULT 0,
  covered INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (series, step, at)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rollups_age ON rollups (step, at);
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY,
  host TEXT NOT NULL,
  kind TEXT NOT NULL,
  at INTEGER NOT NULL,
  end INTEGER,
  summary TEXT NOT NULL,
  who TEXT,
  before TEXT,
  after TEXT,
  audit_id TEXT UNIQUE,
  reason TEXT
);
CREATE INDEX IF NOT EXISTS events_at ON events (at);
`;

function checkVersion(db: DatabaseSync, file: string): number {
  let version: number;
  try {
    version = Number((db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version);
  } catch (error) {
    throw new HistoryError("not-history", `${file} is not a history database: ${(error as Error).message}`);
  }
  if (version > HISTORY_SCHEMA_VERSION)
    throw new HistoryError(
      "newer-version",
      `${file} was written by a newer Fulcrum (history schema ${version}; this one reads up to ${HISTORY_SCHEMA_VERSION}): it is left as it is; use that Fulcrum, or another data folder`,
    );
  return version;
}

/** Opens (creating it for a writer) and checks the version; a reader never creates or changes it. */
export function openHistoryDatabase(file: string, mode: "write" | "read"): DatabaseSync {
  if (mode === "write") mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (mode === "read" && !existsSync(file))
    throw new HistoryError(
      "no-data",
      `no history recorded in ${path.dirname(file)} yet (fulcrum record HOST, fulcrum serve or the app record it while they run)`,
    );
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(file, mode === "read" ? { readOnly: true } : {});
  } catch (error) {
    throw new HistoryError(
      mode === "read" ? "no-data" : "not-writable",
      `cannot open ${file}: ${(error as Error).message}`,
    );
  }
  try {
    const version = checkVersion(db, file);
    if (mode === "write") {
      db.exec("PRAGMA journal_mode = WAL");
      // A committed batch survives a crash of the process; NORMAL is what WAL mode is designed for.
      db.exec("PRAGMA synchronous = NORMAL");
      db.exec("PRAGMA busy_timeout = 2000");
      if (version === 0) {
        db.exec("BEGIN");
        db.exec(SCHEMA);
        db.exec(`PRAGMA user_version = ${HISTORY_SCHEMA_VERSION}`);
        db.exec("COMMIT");
      }
    } else {
      db.exec("PRAGMA busy_timeout = 2000");
      if (version === 0) throw new HistoryError("no-data", `${file} holds no history yet`);
    }
  } catch (error) {
    db.close();
    if (error instanceof HistoryError) throw error;
    throw new HistoryError("not-history", `${file} is not a history database: ${(error as Error).message}`);
  }
  return db;
}
