/**
 * The console's history and report requests over HistoryQuery (core/history/history-query.ts),
 * the one read interface: a demo host reads the demo's simulated week (core/sim/demo-history.ts),
 * every other host the operator's local store as the recorder opened it. Reports are built by
 * core/report and written by its writers; the wire form of each answer is core/api.ts's.
 */
import type { ReplyOf } from "../api.ts";
import type { ApiHandlers } from "../carrier/api-handlers.ts";
import { HandlerError } from "../carrier/handler-error.ts";
import type { EventHub } from "../carrier/event-hub.ts";
import type { CounterSummary, HistoryQuery, SeriesAnswer } from "../history/history-query.ts";
import { HistoryError } from "../history/history-database.ts";
import { PdfPrintError, type PdfPrinter } from "../report/pdf-printer.ts";
import { exportReport, ExportCancelled, type ReportDelivery } from "./report-export.ts";

type HistoryHandlerNames =
  | "historyStatus"
  | "historyListSeries"
  | "historySeries"
  | "historyCounterSummary"
  | "historyEvents"
  | "exportReport"
  | "cancelReportExport";
export type HistoryHandlers = Pick<ApiHandlers, HistoryHandlerNames>;

/** The operator's history as the app has it: the recorder's store, or a reader beside another writer. */
export interface RealHistory {
  /** Throws a HistoryError when nothing can be read (no history yet, a newer Fulcrum's). */
  query(): Promise<HistoryQuery>;
  /** Whether this app writes history now, and why not (full disk, read-only, another writer). */
  writing(): { state: "writing" | "not-writing"; reason?: string };
}

export interface HistoryHandlerOptions {
  events: EventHub;
  isDemoHost: (hostId: string) => boolean;
  demo: () => HistoryQuery;
  real?: RealHistory;
  /** How PDFs are printed here (Electron's printToPDF, or Chromium for browser mode). */
  pdfPrinter?: PdfPrinter;
  /** The desktop app saves exports through main's save dialog; without it the page gets the file. */
  deliver?: ReportDelivery;
  now?: () => number;
}

export function wireSeries(answer: SeriesAnswer): ReplyOf<"historySeries">[number] {
  return {
    key: answer.key,
    resolution: answer.resolution,
    points: answer.points.map(({ delta, ...point }) => (delta === undefined ? point : { ...point, delta: delta.toString() })),
  };
}

function wireSummary(summary: CounterSummary): NonNullable<ReplyOf<"historyCounterSummary">> {
  return { ...summary, total: summary.total.toString() };
}

export function createHistoryHandlers(options: HistoryHandlerOptions): HistoryHandlers {
  const inFlight = new Map<string, AbortController>();

  async function historyOf(hostId: string): Promise<HistoryQuery> {
    if (options.isDemoHost(hostId)) return options.demo();
    if (!options.real) throw new HandlerError("no-history", "this console keeps no history");
    try {
      return await options.real.query();
    } catch (error) {
      if (error instanceof HistoryError) throw new HandlerError("no-history", error.message);
      throw error;
    }
  }

  return {
    historyStatus: async ({ hostId }) => {
      const demo = options.isDemoHost(hostId);
      const summary = await (await historyOf(hostId)).summary();
      return {
        source: demo ? "demo" : "local-store",
        hosts: summary.hosts,
        bytesOnDisk: summary.bytesOnDisk,
        // The recorder knows why it cannot write (a reader beside it only knows it is not the writer).
        writing: demo ? summary.writing : (options.real?.writing() ?? summary.writing),
      };
    },
    historyListSeries: async ({ hostId, kind }) =>
      (await historyOf(hostId)).listSeries(kind === undefined ? { hostId } : { hostId, kind }),
    historySeries: async ({ hostId, range, points, keys }) => {
      const history = await historyOf(hostId);
      const answers = await Promise.all(keys.map((key) => history.series({ key, range, points })));
      return answers.map(wireSeries);
    },
    historyCounterSummary: async ({ hostId, key, range }) => {
      const summary = await (await historyOf(hostId)).counterSummary(key, range);
      return summary ? wireSummary(summary) : null;
    },
    historyEvents: async ({ hostId, range }) => (await historyOf(hostId)).events(range, hostId),
    exportReport: async (request) => {
      if (inFlight.has(request.exportId))
        throw new HandlerError("export-in-flight", `export ${request.exportId} is already running`);
      const controller = new AbortController();
      inFlight.set(request.exportId, controller);
      try {
        return await exportReport(await historyOf(request.hostId), request, {
          source: options.isDemoHost(request.hostId) ? "demo" : "local store",
          signal: controller.signal,
          onProgress: (progress) => options.events.emit("reportExportProgressed", { exportId: request.exportId, ...progress }),
          ...(options.pdfPrinter ? { pdfPrinter: options.pdfPrinter } : {}),
          ...(options.deliver ? { deliver: options.deliver } : {}),
          now: options.now ?? Date.now,
        });
      } catch (error) {
        if (error instanceof ExportCancelled) throw new HandlerError("export-cancelled", "the export was cancelled; nothing was written");
        if (error instanceof PdfPrintError)
          throw new HandlerError(error.code === "chromium-not-installed" ? "pdf-unavailable" : "print-failed", error.message);
        throw error;
      } finally {
        inFlight.delete(request.exportId);
      }
    },
    cancelReportExport: async ({ exportId }) => {
      const controller = inFlight.get(exportId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
  };
}
