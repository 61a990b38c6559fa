import { useActions } from "../state/action-context.tsx";
import { alertKey, alertText, type AlertView } from "../view-model/alert-rows.ts";

const NO_ALERTS: AlertView[] = [];

/** Changes Fulcrum made that someone else changed again, until the operator dismisses them. */
export function AlertsPanel(props: { hostId: string }) {
  const alerts = useActions((state) => state.alerts[props.hostId] ?? NO_ALERTS);
  const dismiss = useActions((state) => state.alertDismissed);
  if (alerts.length === 0) return null;
  return (
    <section className="panel alerts-panel" data-testid="alerts-panel" aria-label="Alerts">
      <h3>Changed behind Fulcrum</h3>
      <ul>
        {alerts.map((alert) => (
          <li key={alertKey(alert)} data-testid="drift-alert" data-kind={alert.kind}>
            {alertText(alert)}{" "}
            <button type="button" onClick={() => dismiss(alert)} data-testid="drift-alert-dismiss">
              Dismiss
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
