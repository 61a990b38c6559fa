/** What apply or undo answered: outcome, the core's message, each command's status, and Undo. */
import type { ActionResultView } from "../view-model/action-result-view.ts";
import { useI18n } from "../state/i18n-context.tsx";
import { CoreText } from "./core-text.tsx";

export function ActionResultPanel(props: {
  result: ActionResultView;
  onUndo: (auditId: string) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { result, onUndo, onClose } = props;
  const undoAuditId = result.undoAuditId;
  return (
    <div data-testid="action-result" data-outcome={result.outcome}>
      <p>
        <span className={`tag outcome ${result.tone}`} data-testid="action-outcome">
          {t(`code.outcome.${result.outcome}`)}
        </span>{" "}
        <CoreText testId="action-message" text={result.message} />
      </p>
      {result.commands.length > 0 && (
        <ul className="command-statuses" data-testid="action-commands">
          {result.commands.map((command, index) => (
            <li key={index} data-testid="action-command" data-status={command.status}>
              <code>{command.shell}</code>{" "}
              <span className={`tag ${command.tone}`}>{t(`code.command.${command.status}`)}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="action-buttons">
        {undoAuditId && (
          <button type="button" data-testid="action-undo" onClick={() => onUndo(undoAuditId)}>
            {t("action.undo")}
          </button>
        )}
        <button type="button" data-testid="action-close" onClick={onClose}>
          {t("action.close")}
        </button>
      </p>
    </div>
  );
}
