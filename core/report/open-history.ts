/**
 * The one factory `fulcrum report` opens history through: the data folder's local store, read
 * only (core/history/history-store.ts), whether or not a recorder writes it at the same time.
 * A folder with no history, or one from a newer Fulcrum, is a HistoryError that says so.
 */
import type { HistoryQuery } from "../history/history-query.ts";
import { openHistoryForReading } from "../history/history-store.ts";

export async function openHistoryQuery(dataFolder: string): Promise<HistoryQuery> {
  return openHistoryForReading(dataFolder).query;
}
