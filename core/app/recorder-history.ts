/**
 * The operator's history as the console reads it: the recorder's own store while it has it open
 * (its summary knows whether it writes), else a reader opened the way `fulcrum report` opens one
 * (core/report/open-history.ts) beside whichever Fulcrum records this data folder. The reader is
 * opened once it can be (a folder with no history yet is tried again on the next request).
 */
import type { HistoryRecorder } from "../history/history-recorder.ts";
import type { HistoryQuery } from "../history/history-query.ts";
import { openHistoryQuery } from "../report/open-history.ts";
import type { RealHistory } from "./history-handlers.ts";

export function recorderHistory(dataFolder: string, recorder: Pick<HistoryRecorder, "query" | "status">): RealHistory {
  let reader: HistoryQuery | undefined;
  return {
    async query() {
      const own = recorder.query();
      if (own) return own;
      reader ??= await openHistoryQuery(dataFolder);
      return reader;
    },
    writing() {
      const status = recorder.status();
      return status.state === "writing" ? { state: "writing" } : { state: "not-writing", reason: status.reason };
    },
  };
}
