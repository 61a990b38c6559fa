/**
 * The PDF path with the real Debian Chromium: the HTML report printed headless. One Chromium run.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { chromiumPdfPrinter, CHROMIUM_PATH } from "../../../cli/commands/chromium-pdf.ts";
import { buildReport } from "../../../core/report/build-report.ts";
import { PdfPrintError } from "../../../core/report/pdf-printer.ts";
import { reportHtml } from "../../../core/report/report-html.ts";
import { executable, missingPrerequisites } from "../../support/prerequisites.ts";
import { HOST, RANGE, trafficPattern } from "../../support/traffic-pattern.ts";

const skip = missingPrerequisites(executable(CHROMIUM_PATH, "chromium"));
const dir = mkdtempSync(join(tmpdir(), "fulcrum-report-pdf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(skip)("PDF report through Chromium", () => {
  it("prints the HTML report to a real PDF", async () => {
    const { history } = trafficPattern();
    const doc = await buildReport(history, { scope: { hostId: HOST }, range: RANGE, source: "local store" });
    const out = join(dir, "report.pdf");
    await chromiumPdfPrinter().print(reportHtml(doc), out);
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(statSync(out).size).toBeGreaterThan(20_000);
    // Several pages: each service, the NICs and the events start a page.
    const pages = bytes.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(3);
  }, 90_000);
});

describe("PDF report without Chromium", () => {
  it("names the package to install", async () => {
    const error = await chromiumPdfPrinter(join(dir, "no-chromium")).print("<p>x</p>", join(dir, "x.pdf")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PdfPrintError);
    expect(error).toMatchObject({ code: "chromium-not-installed" });
    expect((error as Error).message).toMatch(/package chromium/);
  });
});
