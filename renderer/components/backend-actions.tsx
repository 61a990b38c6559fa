/**
 * The action buttons on one backend row: Drain (Undrain at weight 0) and Weight…, which opens a
 * small inline box. Both only ask for a plan; the preview panel decides nothing is applied unseen.
 */
import { useActions } from "../state/action-context.tsx";
import { useI18n } from "../state/i18n-context.tsx";
import { InlineWeightEditor } from "./inline-weight-editor.tsx";
import type { RealServerRow } from "../view-model/service-rows.ts";
import { MAX_WEIGHT, parseWeightInput } from "../view-model/weight-input.ts";

export function BackendActions(props: { row: RealServerRow; hostId: string; production: boolean }) {
  const i18n = useI18n();
  const { row, hostId, production } = props;
  const planRequested = useActions((state) => state.planRequested);
  const plan = (intent: Parameters<typeof planRequested>[0]["intent"]) =>
    planRequested({ hostId, production, intent });

  return (
    <span className="backend-actions">
      {row.quiescent ? (
        <button
          type="button"
          data-testid="rs-undrain"
          onClick={() => plan({ kind: "undrain", ...row.target })}
        >
          {i18n.t("ipvs.undrain")}
        </button>
      ) : (
        <button type="button" data-testid="rs-drain" onClick={() => plan({ kind: "drain", ...row.target })}>
          {i18n.t("ipvs.drain")}
        </button>
      )}
      <InlineWeightEditor
        current={row.weightValue}
        max={MAX_WEIGHT}
        parse={(text) => parseWeightInput(text, i18n)}
        subject={row.endpoint}
        testIdPrefix="rs"
        onSubmit={(weight) => plan({ kind: "setWeight", ...row.target, weight })}
      />
    </span>
  );
}
