/**
 * PdfPrinter through Debian's Chromium: `chromium --headless --print-to-pdf`, on a temporary copy
 * of the HTML, with a throwaway profile and networking off (the report is self-contained; nothing
 * should be fetched). A missing binary is a clear error naming the `chromium` package.
 */
import { execFile } from "node:child_process";
import { access, constants, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PdfPrintError, type PdfPrinter } from "../../core/report/pdf-printer.ts";

export const CHROMIUM_PATH = "/usr/bin/chromium";
const PRINT_TIMEOUT_MS = 60_000;

export function chromiumPdfPrinter(binary: string = CHROMIUM_PATH): PdfPrinter {
  return {
    async print(html, outFile) {
      try {
        await access(binary, constants.X_OK);
      } catch {
        throw new PdfPrintError(
          "chromium-not-installed",
          `PDF needs Chromium at ${binary}: install the Debian package chromium (apt-get install chromium), or use --format html`,
        );
      }
      const dir = await mkdtemp(join(tmpdir(), "fulcrum-pdf-"));
      try {
        const page = join(dir, "report.html");
        await writeFile(page, html);
        const args = [
          "--headless",
          "--disable-gpu",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-extensions",
          `--user-data-dir=${join(dir, "profile")}`,
          "--no-pdf-header-footer",
          `--print-to-pdf=${outFile}`,
          // Chromium's sandbox refuses to start as root (CI containers); it only ever opens our own file.
          ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
          pathToFileURL(page).href,
        ];
        const stderr = await new Promise<string>((resolve) => {
          execFile(binary, args, { timeout: PRINT_TIMEOUT_MS }, (_error, _out, err) => resolve(String(err)));
        });
        const written = await stat(outFile).catch(() => undefined);
        if (!written || written.size === 0)
          throw new PdfPrintError("print-failed", `chromium wrote no PDF: ${stderr.trim().split("\n").slice(-3).join(" ")}`);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
