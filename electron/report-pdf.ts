/**
 * PdfPrinter in the app: the same self-contained HTML report loaded into a hidden, sandboxed
 * window with JavaScript off (the report has no script) and printed by webContents.printToPDF.
 * Requests from that window are cancelled: the report must never fetch anything. The console's Export
 * dialog prints through it (core/app/report-export.ts, wired in main.ts).
 */
import { BrowserWindow, session } from "electron";
import { writeFile } from "node:fs/promises";
import { PdfPrintError, type PdfPrinter } from "../core/report/pdf-printer.ts";

const PARTITION = "fulcrum-report-print";

export function electronPdfPrinter(): PdfPrinter {
  return {
    async print(html, outFile) {
      const printSession = session.fromPartition(PARTITION, { cache: false });
      printSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith("data:") }));
      const window = new BrowserWindow({
        show: false,
        webPreferences: { sandbox: true, javascript: false, contextIsolation: true, session: printSession },
      });
      try {
        await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
        const pdf = await window.webContents.printToPDF({ pageSize: "A4", printBackground: true, preferCSSPageSize: true });
        if (pdf.length === 0) throw new PdfPrintError("print-failed", "printToPDF returned an empty PDF");
        await writeFile(outFile, pdf);
      } finally {
        window.destroy();
      }
    },
  };
}
