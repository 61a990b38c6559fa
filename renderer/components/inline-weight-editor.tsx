/**
 * The "Weight…" button that opens a small inline box on a row, shared by IPVS backends and HAProxy
 * servers. The box refuses what the tool would not take (parse), so a plan is only asked for a
 * weight that can run; Escape or Cancel closes it.
 */
import { useId, useState, type FormEvent } from "react";
import type { WeightInput } from "../view-model/weight-input.ts";
import { useI18n } from "../state/i18n-context.tsx";

export interface InlineWeightEditorProps {
  /** The weight shown when the box opens. */
  current: number | undefined;
  max: number;
  parse: (text: string) => WeightInput;
  /** What the weight is for, in the box's label. */
  subject: string;
  /** data-testid prefix: `${prefix}-weight-edit`, `-form`, `-input`, `-plan`. */
  testIdPrefix: string;
  onSubmit: (weight: number) => void;
}

export function InlineWeightEditor(props: InlineWeightEditorProps) {
  const { current, max, parse, subject, testIdPrefix, onSubmit } = props;
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState("");
  const parsed = parse(text);
  const errorId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!parsed.ok) return;
    setEditing(false);
    onSubmit(parsed.weight);
  };

  if (!editing) {
    return (
      <button
        type="button"
        data-testid={`${testIdPrefix}-weight-edit`}
        onClick={() => {
          setText(current === undefined ? "" : String(current));
          setEditing(true);
        }}
      >
        {t("weight.edit")}
      </button>
    );
  }
  return (
    <form className="weight-form" onSubmit={submit} data-testid={`${testIdPrefix}-weight-form`}>
      <input
        type="number"
        min={0}
        max={max}
        step={1}
        value={text}
        aria-label={t("weight.inputLabel", { subject })}
        aria-describedby={parsed.ok ? undefined : errorId}
        aria-invalid={!parsed.ok}
        data-testid={`${testIdPrefix}-weight-input`}
        autoFocus
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") setEditing(false);
        }}
      />
      <button type="submit" disabled={!parsed.ok} data-testid={`${testIdPrefix}-weight-plan`}>
        {t("weight.preview")}
      </button>
      <button type="button" onClick={() => setEditing(false)}>
        {t("weight.cancel")}
      </button>
      {!parsed.ok && (
        <span className="field-error" role="alert" id={errorId} data-testid={`${testIdPrefix}-weight-error`}>
          {parsed.message}
        </span>
      )}
    </form>
  );
}
