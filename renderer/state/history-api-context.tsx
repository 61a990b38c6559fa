/**
 * Hands the history and report requests to the range view and the Export dialog. Undefined when
 * the page has no carrier: the views then say history cannot be read instead of hanging.
 */
import { createContext, useContext, type ReactNode } from "react";
import type { FulcrumApi } from "../../core/api.ts";

export type HistoryApi = Pick<
  FulcrumApi,
  "historyStatus" | "historyListSeries" | "historySeries" | "historyEvents" | "exportReport" | "cancelReportExport" | "on"
>;

const HistoryApiContext = createContext<HistoryApi | undefined>(undefined);

export function HistoryApiProvider(props: { api: HistoryApi | undefined; children: ReactNode }) {
  return <HistoryApiContext.Provider value={props.api}>{props.children}</HistoryApiContext.Provider>;
}

export function useHistoryApi(): HistoryApi | undefined {
  return useContext(HistoryApiContext);
}
