/**
 * One report export for the console's Export dialog: core/report builds the document from a
 * HistoryQuery and its writers make the file (the same as `fulcrum report`), then the file goes
 * back to the page, or to main's save dialog in the desktop app. Progress is counted in history
 * reads (the long part); a cancel is seen at the next read and nothing is written.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ExportReportReply, RequestOf } from "../api.ts";
import { HandlerError } from "../carrier/handler-error.ts";
import type { HistoryQuery } from "../history/history-query.ts";
import { buildReport, reportHasData } from "../report/build-report.ts";
import { PdfPrintError, type PdfPrinter } from "../report/pdf-printer.ts";
import type { ReportDocument, ReportSource } from "../report/report-document.ts";
import { reportCsv, reportJson } from "../report/report-csv.ts";
import { reportHtml } from "../report/report-html.ts";

/** The desktop app's save dialog (electron/main.ts): where the operator chose, or undefined when declined. */
export type ReportDelivery = (file: { fileName: string; mimeType: string; data: Uint8Array }) => Promise<string | undefined>;

export type ExportProgress = { phase: "reading" | "writing"; done: number; total: number };

export class ExportCancelled extends Error {
  override name = "ExportCancelled";
}

export interface ExportOptions {
  source: ReportSource;
  signal: AbortSignal;
  onProgress: (progress: ExportProgress) => void;
  pdfPrinter?: PdfPrinter;
  deliver?: ReportDelivery;
  now: () => number;
}

const MIME = { csv: "text/csv", json: "application/json", html: "text/html", pdf: "application/pdf" } as const;

/** fulcrum-HOST[-SERVICE[-BACKEND]]-FROM-TO.EXT, with only characters every file system takes. */
export function reportFileName(request: RequestOf<"exportReport">, format: keyof typeof MIME): string {
  const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace(/[-:]/g, "");
  const parts = [request.hostId, request.service, request.backend].filter((part) => part !== undefined);
  const name = ["fulcrum", ...parts, stamp(request.range.from), stamp(request.range.to)].join("-");
  return `${name.replace(/[^A-Za-z0-9.-]+/g, "_")}.${format}`;
}

/**
 * The history the report reads, counting reads for the progress bar and stopping at a cancel.
 * The total is estimated from the series in scope (each is read about twice: figures and chart).
 */
function watchedHistory(history: HistoryQuery, request: RequestOf<"exportReport">, options: ExportOptions): HistoryQuery {
  let done = 0;
  let total = 1;
  let lastShown = -1;
  const step = async <T>(read: () => Promise<T>): Promise<T> => {
    if (options.signal.aborted) throw new ExportCancelled();
    const value = await read();
    if (options.signal.aborted) throw new ExportCancelled();
    done = Math.min(done + 1, total);
    // About a hundred progress events at most, whatever the report's size.
    const shown = Math.floor((done * 100) / total);
    if (shown !== lastShown) {
      lastShown = shown;
      options.onProgress({ phase: "reading", done, total });
    }
    return value;
  };
  const inScope = (subject: { kind: string; service?: string; backend?: string }) =>
    (request.service === undefined || subject.kind === "nic" || subject.service === request.service) &&
    (request.backend === undefined || subject.kind !== "ipvs-backend" || subject.backend === request.backend);
  return {
    listSeries: (filter) =>
      step(async () => {
        const keys = await history.listSeries(filter);
        total = Math.max(total, keys.filter((key) => inScope(key.subject as never)).length * 2 + 2);
        return keys;
      }),
    series: (query) => step(() => history.series(query)),
    counterSummary: (key, range) => step(() => history.counterSummary(key, range)),
    events: (range, hostId) => step(() => history.events(range, hostId)),
    summary: () => step(() => history.summary()),
  };
}

async function pdfBytes(html: string, printer: PdfPrinter | undefined): Promise<Uint8Array> {
  if (!printer)
    throw new PdfPrintError(
      "chromium-not-installed",
      "PDF needs Chromium at /usr/bin/chromium: install the Debian package chromium (apt-get install chromium), or export HTML",
    );
  const dir = await mkdtemp(path.join(tmpdir(), "fulcrum-export-"));
  try {
    const file = path.join(dir, "report.pdf");
    await printer.print(html, file);
    return new Uint8Array(await readFile(file));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function fileText(report: ReportDocument, format: "csv" | "json" | "html"): string {
  return format === "csv" ? reportCsv(report) : format === "json" ? reportJson(report) : reportHtml(report);
}

export async function exportReport(
  history: HistoryQuery,
  request: RequestOf<"exportReport">,
  options: ExportOptions,
): Promise<ExportReportReply> {
  const now = options.now();
  const report = await buildReport(watchedHistory(history, request, options), {
    scope: {
      hostId: request.hostId,
      ...(request.service !== undefined ? { service: request.service } : {}),
      ...(request.backend !== undefined ? { backend: request.backend } : {}),
    },
    range: request.range,
    source: options.source,
    now: () => now,
  });
  if (!reportHasData(report))
    throw new HandlerError("no-data-in-range", `no recorded data for ${request.hostId} from ${report.range.from} to ${report.range.to}`);
  if (options.signal.aborted) throw new ExportCancelled();
  const format = request.purpose === "preview" ? "html" : request.format;
  options.onProgress({ phase: "writing", done: 0, total: 1 });
  const fileName = reportFileName(request, format);
  const mimeType = MIME[format];
  const figures = report.resolution.figures;
  const data = format === "pdf" ? await pdfBytes(reportHtml(report), options.pdfPrinter) : new TextEncoder().encode(fileText(report, format));
  if (options.signal.aborted) throw new ExportCancelled();
  options.onProgress({ phase: "writing", done: 1, total: 1 });

  if (request.purpose === "export" && options.deliver) {
    const savedTo = await options.deliver({ fileName, mimeType, data });
    return savedTo === undefined
      ? { fileName, mimeType, bytes: data.length, delivered: "not-saved", figures }
      : { fileName, mimeType, bytes: data.length, delivered: "saved", savedTo, figures };
  }
  return {
    fileName,
    mimeType,
    bytes: data.length,
    delivered: "page",
    ...(format === "pdf"
      ? { content: Buffer.from(data).toString("base64"), encoding: "base64" as const }
      : { content: new TextDecoder().decode(data), encoding: "utf8" as const }),
    figures,
  };
}
