/**
 * PLACEHOLDER until the history store (core/history, node:sqlite) lands on this branch: the one
 * factory `fulcrum report` opens history through. The store's helper provides the real
 * openHistoryQuery(dataFolder); this one always throws a typed error, so the CLI says plainly that
 * no history can be read instead of reporting an empty range.
 */
import type { HistoryQuery } from "../history/history-query.ts";

export class HistoryUnavailableError extends Error {
  override name = "HistoryUnavailableError";
  readonly code = "history-store-not-available";
}

export function openHistoryQuery(dataFolder: string): Promise<HistoryQuery> {
  return Promise.reject(
    new HistoryUnavailableError(
      `history store not available: this build of Fulcrum cannot read recorded history in ${dataFolder} yet`,
    ),
  );
}
