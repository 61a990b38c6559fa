/** The body of a preview: exact commands, before -> after, predictions for every backend, warnings. */
import { PlanChangeRows } from "./plan-change-rows.tsx";
import { PlanNotes } from "./plan-notes.tsx";
import type { ActionPreview } from "../view-model/action-preview.ts";
import { useI18n } from "../state/i18n-context.tsx";

export function PlanPreview(props: { preview: ActionPreview }) {
  const { t } = useI18n();
  const { preview } = props;
  return (
    <div data-testid="plan-preview">
      <h4>{t("plan.commands")}</h4>
      <pre className="commands" data-testid="plan-commands">
        {preview.commands.join("\n")}
      </pre>
      <h4>{t("plan.change")}</h4>
      <table className="data-table compact" data-testid="plan-changes">
        <tbody>
          <PlanChangeRows changes={preview.changes} />
        </tbody>
      </table>
      <h4>{t("plan.predicted")}</h4>
      <table className="data-table compact" data-testid="plan-predictions">
        <thead>
          <tr>
            <th>{t("plan.backend")}</th>
            <th className="number">{t("plan.newWeight")}</th>
            <th className="number" title={t("plan.shareHint")}>
              {t("plan.share")}
            </th>
            <th className="number">{t("plan.cps")}</th>
            <th className="number">{t("plan.connections")}</th>
            <th className="number">{t("plan.load")}</th>
            <th className="number">{t("plan.in")}</th>
            <th className="number">{t("plan.out")}</th>
          </tr>
        </thead>
        <tbody>
          {preview.predictions.map((row) => (
            <tr
              key={row.backend}
              className={row.target ? "target" : undefined}
              data-testid="prediction-row"
              data-backend={row.backend}
            >
              <td>{row.backend}</td>
              <td className="number" data-testid="prediction-weight">
                {row.weightAfter}
              </td>
              <td className="number" data-testid="prediction-share">
                {row.share}
              </td>
              <td className="number" data-testid="prediction-cps">
                {row.cps}
              </td>
              <td className="number">{row.connections}</td>
              <td className="number">{row.load}</td>
              <td className="number">{row.inBps}</td>
              <td className="number">{row.outBps}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <PlanNotes warnings={preview.warnings} confirmedGuards={preview.confirmedGuards} />
    </div>
  );
}
