import { useActions } from "../state/action-context.tsx";
import { useI18n } from "../state/i18n-context.tsx";
import { CodeMeaning } from "./code-meaning.tsx";
import { alertKey, alertText, type AlertView } from "../view-model/alert-rows.ts";

const NO_ALERTS: AlertView[] = [];

/** Changes Fulcrum made that someone else changed again, until the operator dismisses them. */
export function AlertsPanel(props: { hostId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const alerts = useActions((state) => state.alerts[props.hostId] ?? NO_ALERTS);
  const dismiss = useActions((state) => state.alertDismissed);
  if (alerts.length === 0) return null;
  return (
    <section className="panel alerts-panel" data-testid="alerts-panel" aria-label={t("alerts.label")}>
      <h3>{t("alerts.title")}</h3>
      <ul>
        {alerts.map((alert) => (
          <li key={alertKey(alert)} data-testid="drift-alert" data-kind={alert.kind}>
            <CodeMeaning
              meaning={alertText(alert, i18n)}
              message={`${i18n.clockTime(alert.at)}: ${alert.message}`}
            />{" "}
            <button type="button" onClick={() => dismiss(alert)} data-testid="drift-alert-dismiss">
              {t("alerts.dismiss")}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
