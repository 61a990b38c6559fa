/**
 * The history and report requests through the dispatcher, on the real app core with its demo
 * cluster (whose history is the simulated week): what the console's range views and Export dialog ask.
 */
import { describe, expect, it } from "vitest";
import { createAppCore } from "../../../core/app/app-core.ts";
import { createApiDispatcher } from "../../../core/carrier/api-dispatcher.ts";
import { createEventHub } from "../../../core/carrier/event-hub.ts";
import { PdfPrintError } from "../../../core/report/pdf-printer.ts";

const HOUR = 3_600_000;

function demoConsole(options: { pdf?: boolean } = {}) {
  const events = createEventHub();
  const progress: Array<{ exportId: string; phase: string; done: number; total: number }> = [];
  events.subscribe((event, payload) => {
    if (event === "reportExportProgressed") progress.push(payload as (typeof progress)[number]);
  });
  const core = createAppCore({
    info: { version: "0.0.0", carrier: "browser" },
    events,
    hosts: [],
    ...(options.pdf
      ? {
          pdfPrinter: {
            print: async () => {
              throw new PdfPrintError("chromium-not-installed", "install the Debian package chromium");
            },
          },
        }
      : {}),
  });
  return { dispatch: createApiDispatcher(core.handlers), progress, stop: () => core.stop() };
}

const now = Date.now();
const lastDay = { from: now - 24 * HOUR, to: now };
const conns = { subject: { kind: "ipvs-service", hostId: "demo-nat-1", service: "10.20.0.10:80" }, metric: "conns" };

describe("history requests through the dispatcher (demo console)", () => {
  it("says the demo host's history is the demo's, not written anywhere", async () => {
    const { dispatch } = demoConsole();
    const status = await dispatch("historyStatus", { hostId: "demo-nat-1" });
    expect(status.ok && status.value).toMatchObject({ source: "demo", bytesOnDisk: 0, writing: { state: "not-writing" } });
  });

  it("answers series with u64 deltas as decimal text, at the resolution chosen for the points", async () => {
    const { dispatch } = demoConsole();
    const reply = await dispatch("historySeries", { hostId: "demo-nat-1", range: lastDay, points: 200, keys: [conns] });
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    const [answer] = reply.value as Array<{ resolution: string; points: Array<{ delta?: string }> }>;
    expect(answer?.resolution).toBe("1m");
    expect(answer?.points[0]?.delta).toMatch(/^\d+$/);
  });

  it("refuses a key of another host and a range that ends before it starts", async () => {
    const { dispatch } = demoConsole();
    const foreign = await dispatch("historySeries", {
      hostId: "demo-dr-1",
      range: lastDay,
      points: 10,
      keys: [conns],
    });
    expect(foreign.ok === false && foreign.error.code).toBe("invalid-request");
    const backwards = await dispatch("historyEvents", { hostId: "demo-nat-1", range: { from: now, to: now - 1 } });
    expect(backwards.ok === false && backwards.error.code).toBe("invalid-request");
  });

  it("says no-history for a host the demo console does not have", async () => {
    const { dispatch } = demoConsole();
    const reply = await dispatch("historyStatus", { hostId: "lb1" });
    expect(reply.ok === false && reply.error.code).toBe("no-history");
  });

  it("exports a CSV report of a service to the page with progress, and its HTML for the preview", async () => {
    const { dispatch, progress } = demoConsole();
    const request = { exportId: "e1", hostId: "demo-nat-1", service: "10.20.0.10:80", range: lastDay, format: "csv" };
    const csv = await dispatch("exportReport", { ...request, purpose: "export" });
    expect(csv.ok).toBe(true);
    if (!csv.ok) return;
    const file = csv.value as { fileName: string; content: string; delivered: string; mimeType: string };
    expect(file.delivered).toBe("page");
    expect(file.mimeType).toBe("text/csv");
    expect(file.fileName).toMatch(/^fulcrum-demo-nat-1-10.20.0.10_80-\d{8}T\d{4}-\d{8}T\d{4}\.csv$/);
    expect(file.content.split("\n")[0]).toContain("timestamp");
    const reading = progress.filter((p) => p.exportId === "e1" && p.phase === "reading");
    expect(reading.length).toBeGreaterThan(1);
    expect(reading.at(-1)?.done).toBeLessThanOrEqual(reading.at(-1)?.total ?? 0);
    expect(progress.at(-1)).toMatchObject({ exportId: "e1", phase: "writing", done: 1, total: 1 });

    const preview = await dispatch("exportReport", { ...request, exportId: "e2", purpose: "preview" });
    const html = preview.ok ? (preview.value as { content: string; mimeType: string }) : undefined;
    expect(html?.mimeType).toBe("text/html");
    expect(html?.content).toContain("<svg");
    expect(html?.content).toContain("demo");
  });

  it("stops an export on cancelReportExport: export-cancelled, nothing handed over", async () => {
    const { dispatch } = demoConsole();
    const running = dispatch("exportReport", {
      exportId: "slow",
      hostId: "demo-dr-1",
      range: { from: now - 7 * 24 * HOUR, to: now },
      format: "json",
      purpose: "export",
    });
    const cancel = await dispatch("cancelReportExport", { exportId: "slow" });
    expect(cancel).toEqual({ ok: true, value: { cancelled: true } });
    const reply = await running;
    expect(reply.ok === false && reply.error.code).toBe("export-cancelled");
    expect(await dispatch("cancelReportExport", { exportId: "slow" })).toEqual({ ok: true, value: { cancelled: false } });
  });

  it("says pdf-unavailable, naming the package, when nothing can print here", async () => {
    const { dispatch } = demoConsole({ pdf: true });
    const reply = await dispatch("exportReport", {
      exportId: "p",
      hostId: "demo-nat-1",
      service: "10.20.0.10:80",
      backend: "10.20.1.11:8080",
      range: { from: now - HOUR, to: now },
      format: "pdf",
      purpose: "export",
    });
    expect(reply.ok === false && reply.error).toMatchObject({ code: "pdf-unavailable", message: expect.stringContaining("chromium") });
  });
});
