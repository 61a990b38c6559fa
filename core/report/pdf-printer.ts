/**
 * The one way a report becomes a PDF: the HTML report printed by a browser engine. The CLI prints
 * through Debian's Chromium (cli/commands/chromium-pdf.ts); the app through Electron's
 * webContents.printToPDF (electron/report-pdf.ts). Both take the same self-contained HTML.
 */
export interface PdfPrinter {
  /** Writes the PDF of `html` to `outFile`. */
  print(html: string, outFile: string): Promise<void>;
}

export type PdfFailure =
  /** No Chromium at the expected path: the message names the package to install. */
  | "chromium-not-installed"
  /** The engine ran but wrote no PDF (its stderr is in the message). */
  | "print-failed";

export class PdfPrintError extends Error {
  override name = "PdfPrintError";
  readonly code: PdfFailure;
  constructor(code: PdfFailure, message: string) {
    super(message);
    this.code = code;
  }
}
