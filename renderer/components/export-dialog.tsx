/**
 * Export a report of the scope and range the history view shows: format, a progress bar with
 * Cancel while the core reads history, a preview of the HTML report (sandboxed: no script, no
 * requests, it is self-contained), and the file: downloaded by this page in browser mode, saved
 * through main's save dialog in the desktop app.
 */
import { useEffect, useRef, useState } from "react";
import type { ExportReportReply, ReportFormat } from "../../core/api.ts";
import { useHistoryApi } from "../state/history-api-context.tsx";
import { useI18n } from "../state/i18n-context.tsx";
import { previewParts } from "../view-model/report-preview.ts";
import { downloadReply } from "./report-download.ts";
import type { HistoryScope } from "./history-panel.tsx";

const FORMATS: ReportFormat[] = ["html", "csv", "json", "pdf"];

type Run =
  | { state: "idle" }
  | { state: "running"; exportId: string; done: number; total: number; phase: "reading" | "writing" }
  | { state: "done"; reply: ExportReportReply }
  | { state: "failed"; message: string };

let exportCount = 0;
const nextExportId = (purpose: string) => `${purpose}-${Date.now().toString(36)}-${++exportCount}`;

export function ExportDialog(props: {
  hostId: string;
  scope: HistoryScope;
  scopeLabel: string;
  range: { from: number; to: number };
  onClose: () => void;
}) {
  const { hostId, scope, range } = props;
  const i18n = useI18n();
  const { t } = i18n;
  const api = useHistoryApi();
  const [format, setFormat] = useState<ReportFormat>("html");
  const [run, setRun] = useState<Run>({ state: "idle" });
  const [preview, setPreview] = useState<string | undefined>(undefined);
  const running = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (!api) return;
    return api.on("reportExportProgressed", (progress) => {
      if (progress.exportId !== running.current) return;
      setRun({ state: "running", exportId: progress.exportId, done: progress.done, total: progress.total, phase: progress.phase });
    });
  }, [api]);

  const request = (purpose: "export" | "preview", exportId: string) => ({
    exportId,
    hostId,
    ...(scope.service !== undefined ? { service: scope.service } : {}),
    ...(scope.backend !== undefined ? { backend: scope.backend } : {}),
    range,
    format,
    purpose,
  });

  const start = async (purpose: "export" | "preview") => {
    if (!api) return;
    const exportId = nextExportId(purpose);
    running.current = exportId;
    setRun({ state: "running", exportId, done: 0, total: 1, phase: "reading" });
    try {
      const reply = await api.exportReport(request(purpose, exportId));
      if (purpose === "preview") {
        setPreview(reply.content);
        setRun({ state: "idle" });
      } else {
        if (reply.delivered === "page") downloadReply(reply, document);
        setRun({ state: "done", reply });
      }
    } catch (error) {
      const code = (error as { code?: string }).code;
      setRun(code === "export-cancelled" ? { state: "idle" } : { state: "failed", message: error instanceof Error ? error.message : String(error) });
    } finally {
      running.current = undefined;
    }
  };

  const cancel = () => {
    if (run.state === "running") void api?.cancelReportExport({ exportId: run.exportId });
  };

  return (
    <div className="modal-backdrop" role="presentation">
      <div className="modal export-dialog" role="dialog" aria-modal="true" aria-labelledby="export-title" data-testid="export-dialog">
        <h3 id="export-title">{t("export.title")}</h3>
        <dl className="export-facts">
          <dt>{t("export.host")}</dt>
          <dd>{hostId}</dd>
          <dt>{t("export.scope")}</dt>
          <dd data-testid="export-scope">{props.scopeLabel}</dd>
          <dt>{t("export.range")}</dt>
          <dd data-testid="export-range">
            {i18n.dateTime(range.from)} – {i18n.dateTime(range.to)}
          </dd>
        </dl>
        <fieldset className="export-formats">
          <legend>{t("export.format")}</legend>
          {FORMATS.map((option) => (
            <label key={option}>
              <input
                type="radio"
                name="export-format"
                value={option}
                checked={format === option}
                onChange={() => setFormat(option)}
                data-testid={`export-format-${option}`}
              />
              {t(`export.format.${option}`)}
            </label>
          ))}
        </fieldset>
        {run.state === "running" && (
          <div className="export-progress" data-testid="export-progress">
            <progress max={run.total} value={run.done} />
            <span>{t(run.phase === "reading" ? "export.reading" : "export.writing")}</span>
            <button type="button" onClick={cancel} data-testid="export-cancel">
              {t("export.cancel")}
            </button>
          </div>
        )}
        {run.state === "done" && (
          <p className="note" role="status" data-testid="export-done">
            {run.reply.delivered === "not-saved"
              ? t("export.notSaved")
              : t(run.reply.figures === "raw" ? "export.doneRaw" : "export.doneRollups", {
                  file: run.reply.savedTo ?? run.reply.fileName,
                  size: i18n.count(run.reply.bytes),
                })}
          </p>
        )}
        {run.state === "failed" && (
          <p className="problem" role="alert" data-testid="export-failed">
            {t("export.failed", { message: run.message })}
          </p>
        )}
        {preview !== undefined && <ReportPreview html={preview} title={t("export.previewTitle")} />}
        <div className="buttons">
          <button type="button" onClick={() => void start("preview")} disabled={run.state === "running"} data-testid="export-preview-button">
            {t("export.preview")}
          </button>
          <button type="button" className="primary" onClick={() => void start("export")} disabled={run.state === "running"} data-testid="export-run">
            {t("export.run")}
          </button>
          <button type="button" onClick={props.onClose} data-testid="export-close">
            {t("export.close")}
          </button>
        </div>
      </div>
    </div>
  );
}

/**
 * The report in a frame that runs no script (sandbox without allow-scripts); same-origin only so
 * the console can give it its styles through the CSSOM (see report-preview.ts).
 */
function ReportPreview(props: { html: string; title: string }) {
  const parts = previewParts(props.html);
  const styleFrame = (frame: HTMLIFrameElement) => {
    const doc = frame.contentDocument;
    const view = doc?.defaultView as (Window & typeof globalThis) | null | undefined;
    if (!doc || !view) return;
    const sheet = new view.CSSStyleSheet();
    sheet.replaceSync(parts.css);
    doc.adoptedStyleSheets = [sheet];
    for (const element of doc.querySelectorAll<HTMLElement>("[data-preview-style]"))
      element.style.cssText = element.dataset.previewStyle ?? "";
  };
  return (
    <iframe
      className="export-preview"
      title={props.title}
      sandbox="allow-same-origin"
      srcDoc={parts.html}
      onLoad={(event) => styleFrame(event.currentTarget)}
      data-testid="export-preview"
    />
  );
}
