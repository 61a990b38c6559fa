/**
 * The action buttons on one backend row: Drain (Undrain at weight 0) and Weight…, which opens a
 * small inline box. Both only ask for a plan; the preview panel decides nothing is applied unseen.
 */
import { useState, type FormEvent } from "react";
import { useActions } from "../state/action-context.tsx";
import type { RealServerRow } from "../view-model/service-rows.ts";
import { MAX_WEIGHT, parseWeightInput } from "../view-model/weight-input.ts";

export function BackendActions(props: { row: RealServerRow; hostId: string; production: boolean }) {
  const { row, hostId, production } = props;
  const planRequested = useActions((state) => state.planRequested);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState("");
  const parsed = parseWeightInput(text);

  const plan = (intent: Parameters<typeof planRequested>[0]["intent"]) =>
    planRequested({ hostId, production, intent });

  const submitWeight = (event: FormEvent) => {
    event.preventDefault();
    if (!parsed.ok) return;
    setEditing(false);
    plan({ kind: "setWeight", ...row.target, weight: parsed.weight });
  };

  return (
    <span className="backend-actions">
      {row.quiescent ? (
        <button
          type="button"
          data-testid="rs-undrain"
          onClick={() => plan({ kind: "undrain", ...row.target })}
        >
          Undrain
        </button>
      ) : (
        <button type="button" data-testid="rs-drain" onClick={() => plan({ kind: "drain", ...row.target })}>
          Drain
        </button>
      )}
      {!editing && (
        <button
          type="button"
          data-testid="rs-weight-edit"
          onClick={() => {
            setText(String(row.weightValue));
            setEditing(true);
          }}
        >
          Weight…
        </button>
      )}
      {editing && (
        <form className="weight-form" onSubmit={submitWeight} data-testid="rs-weight-form">
          <input
            type="number"
            min={0}
            max={MAX_WEIGHT}
            step={1}
            value={text}
            aria-label={`New weight for ${row.endpoint}`}
            title={parsed.ok ? undefined : parsed.message}
            aria-invalid={!parsed.ok}
            data-testid="rs-weight-input"
            autoFocus
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Escape") setEditing(false);
            }}
          />
          <button type="submit" disabled={!parsed.ok} data-testid="rs-weight-plan">
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
