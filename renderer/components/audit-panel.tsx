/** The host's audit log: every change made through Fulcrum, newest first, with Undo where it applies. */
import { useMemo } from "react";
import type { AuditRecordView } from "../../core/api.ts";
import { useActions } from "../state/action-context.tsx";
import { toAuditRows } from "../view-model/audit-rows.ts";

const NO_ENTRIES: AuditRecordView[] = [];

export function AuditPanel(props: { hostId: string }) {
  const entries = useActions((state) => state.audit[props.hostId] ?? NO_ENTRIES);
  const undoRequested = useActions((state) => state.undoRequested);
  const rows = useMemo(() => toAuditRows(entries), [entries]);
  return (
    <section className="panel" data-testid="audit" aria-label="Audit">
      <h3>Audit</h3>
      {rows.length === 0 && (
        <p className="empty" data-testid="audit-empty">
          No changes made through Fulcrum on this host yet.
        </p>
      )}
      {rows.length > 0 && (
        <table className="data-table audit-table">
          <thead>
            <tr>
              <th>Time</th>
              <th>Who</th>
              <th>Action</th>
              <th>Commands</th>
              <th>Result</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-testid="audit-entry" data-audit-id={row.id} data-result={row.result}>
                <td>
                  <time dateTime={row.at}>{new Date(row.at).toLocaleString()}</time>
                </td>
                <td data-testid="audit-who">{row.who}</td>
                <td data-testid="audit-action">
                  {row.action}
                  {row.undoOf && <span className="tag">undo</span>}
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
                <td data-testid="audit-result" title={row.message}>
                  {row.result}
                </td>
                <td>
                  {row.undoable && (
                    <button
                      type="button"
                      data-testid="audit-undo"
                      onClick={() => undoRequested(props.hostId, row.id, row.action)}
                    >
                      {row.undoLabel}
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
