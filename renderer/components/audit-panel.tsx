/** The host's audit log: every change made through Fulcrum, newest first, with Undo where it applies. */
import { useMemo } from "react";
import type { AuditRecordView } from "../../core/api.ts";
import { useActions } from "../state/action-context.tsx";
import { CoreText } from "./core-text.tsx";
import { fillParts } from "./fill-parts.tsx";
import { useI18n } from "../state/i18n-context.tsx";
import { toAuditRows } from "../view-model/audit-rows.ts";

const NO_ENTRIES: AuditRecordView[] = [];

export function AuditPanel(props: { hostId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const entries = useActions((state) => state.audit[props.hostId] ?? NO_ENTRIES);
  const undoRequested = useActions((state) => state.undoRequested);
  const rows = useMemo(() => toAuditRows(entries, i18n), [entries, i18n]);
  return (
    <section className="panel" data-testid="audit" aria-label={t("audit.label")}>
      <h3>{t("audit.title")}</h3>
      {rows.length === 0 && (
        <p className="empty" data-testid="audit-empty">
          {t("audit.empty")}
        </p>
      )}
      {rows.length > 0 && (
        <table className="data-table audit-table">
          <thead>
            <tr>
              <th>{t("audit.time")}</th>
              <th>{t("audit.who")}</th>
              <th>{t("audit.action")}</th>
              <th>{t("audit.commands")}</th>
              <th>{t("audit.result")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-testid="audit-entry" data-audit-id={row.id} data-result={row.result}>
                <td>
                  <time dateTime={row.at}>{i18n.dateTime(Date.parse(row.at))}</time>
                </td>
                <td data-testid="audit-who">{row.who}</td>
                <td data-testid="audit-action">
                  {row.change
                    ? fillParts(i18n.raw(`change.${row.change.type}`), {
                        summary: <CoreText text={row.change.summary} />,
                      })
                    : row.action}
                  {row.undoOf && <span className="tag">{t("audit.undoTag")}</span>}
                </td>
                <td>
                  {row.commands.map((command, index) => (
                    <code
                      key={index}
                      className="audit-command"
                      data-testid="audit-command"
                      data-status={command.status}
                    >
                      {command.shell}
                    </code>
                  ))}
                </td>
                <td data-testid="audit-result" title={row.message} data-core-title="">
                  {t(`code.outcome.${row.result}`)}
                </td>
                <td>
                  {row.undoable && (
                    <button
                      type="button"
                      data-testid="audit-undo"
                      onClick={() => undoRequested(props.hostId, row.id, row.action)}
                    >
                      {t(row.undoLabel === "Redo" ? "audit.redo" : "audit.undo")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
