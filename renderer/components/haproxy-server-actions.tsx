/**
 * The action buttons on one HAProxy server row: Drain, Maint, Ready (the one for the state the
 * server shows is disabled) and Weight…, an inline box. Each only asks for a plan; the shared
 * preview panel shows the runtime command and nothing is applied unseen.
 */
import { useState, type FormEvent } from "react";
import { useActions } from "../state/action-context.tsx";
import type { HaproxyServerRow } from "../view-model/haproxy-backends.ts";
import {
  adminStateOfStatus,
  MAX_HAPROXY_WEIGHT,
  parseHaproxyWeightInput,
  stateIntent,
  weightIntent,
  type HaproxyAdminState,
  type HaproxyIntentView,
} from "../view-model/haproxy-intents.ts";

const STATE_BUTTONS: { state: HaproxyAdminState; label: string; title: string }[] = [
  { state: "drain", label: "Drain", title: "No new sessions; current ones finish; health checks go on" },
  { state: "maint", label: "Maint", title: "Out of rotation and health checks stopped" },
  { state: "ready", label: "Ready", title: "Back in rotation" },
];

export function HaproxyServerActions(props: { row: HaproxyServerRow; hostId: string; production: boolean }) {
  const { row, hostId, production } = props;
  const planRequested = useActions((state) => state.planRequested);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState("");
  const parsed = parseHaproxyWeightInput(text);
  const current = adminStateOfStatus(row.status);

  const plan = (intent: HaproxyIntentView) => planRequested({ hostId, production, intent });

  const submitWeight = (event: FormEvent) => {
    event.preventDefault();
    if (!parsed.ok) return;
    setEditing(false);
    plan(weightIntent(row.proxy, row.name, parsed.weight));
  };

  return (
    <span className="backend-actions">
      {STATE_BUTTONS.map(({ state, label, title }) => (
        <button
          key={state}
          type="button"
          title={title}
          disabled={state === current}
          data-testid={`haproxy-${state}`}
          onClick={() => plan(stateIntent(row.proxy, row.name, state))}
        >
          {label}
        </button>
      ))}
      {!editing && (
        <button
          type="button"
          data-testid="haproxy-weight-edit"
          onClick={() => {
            setText(row.weightValue === undefined ? "" : String(row.weightValue));
            setEditing(true);
          }}
        >
          Weight…
        </button>
      )}
      {editing && (
        <form className="weight-form" onSubmit={submitWeight} data-testid="haproxy-weight-form">
          <input
            type="number"
            min={0}
            max={MAX_HAPROXY_WEIGHT}
            step={1}
            value={text}
            aria-label={`New weight for ${row.key}`}
            title={parsed.ok ? undefined : parsed.message}
            aria-invalid={!parsed.ok}
            data-testid="haproxy-weight-input"
            autoFocus
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Escape") setEditing(false);
            }}
          />
          <button type="submit" disabled={!parsed.ok} data-testid="haproxy-weight-plan">
            Preview
          </button>
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      )}
    </span>
  );
}
