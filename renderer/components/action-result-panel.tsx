/** What apply or undo answered: outcome, the core's message, each command's status, and Undo. */
import type { ActionResultView } from "../view-model/action-result-view.ts";

export function ActionResultPanel(props: {
  result: ActionResultView;
  onUndo: (auditId: string) => void;
  onClose: () => void;
}) {
  const { result, onUndo, onClose } = props;
  const undoAuditId = result.undoAuditId;
  return (
    <div data-testid="action-result" data-outcome={result.outcome}>
      <p>
        <span className={`tag outcome ${result.tone}`} data-testid="action-outcome">
          {result.outcome}
        </span>{" "}
        <span data-testid="action-message">{result.message}</span>
      </p>
      {result.commands.length > 0 && (
        <ul className="command-statuses" data-testid="action-commands">
          {result.commands.map((command, index) => (
            <li key={index} data-testid="action-command" data-status={command.status}>
              <code>{command.shell}</code> <span className={`tag ${command.tone}`}>{command.status}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="action-buttons">
        {undoAuditId && (
          <button type="button" data-testid="action-undo" onClick={() => onUndo(undoAuditId)}>
            Undo
          </button>
        )}
        <button type="button" data-testid="action-close" onClick={onClose}>
          Close
        </button>
      </p>
    </div>
  );
}
