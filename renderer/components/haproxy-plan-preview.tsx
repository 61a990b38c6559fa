/** The body of an HAProxy preview: where the command goes, the exact runtime command, before -> after, warnings. */
import { fillParts } from "./fill-parts.tsx";
import { PlanChangeRows } from "./plan-change-rows.tsx";
import { PlanNotes } from "./plan-notes.tsx";
import type { HaproxyPreview } from "../view-model/haproxy-plan-preview.ts";
import { useI18n } from "../state/i18n-context.tsx";

export function HaproxyPlanPreview(props: { preview: HaproxyPreview }) {
  const { t, raw } = useI18n();
  const { preview } = props;
  return (
    <div data-testid="plan-preview" data-family="haproxy">
      <h4>{t("plan.runtimeCommand")}</h4>
      <pre className="commands" data-testid="plan-commands">
        {preview.commands.join("\n")}
      </pre>
      <p className="note" data-testid="plan-socket">
        {fillParts(raw("plan.socket"), {
          socket: <code key="socket">{preview.socket}</code>,
          transport: (
            <code key="transport" data-testid="plan-transport">
              {preview.transport}
            </code>
          ),
        })}
      </p>
      <h4>{t("plan.change")}</h4>
      <table className="data-table compact" data-testid="plan-changes">
        <tbody>
          <PlanChangeRows changes={preview.changes} />
          <tr data-testid="plan-sessions">
            <th scope="row">{t("plan.sessions")}</th>
            <td colSpan={3}>{preview.sessions}</td>
          </tr>
        </tbody>
      </table>
      <PlanNotes warnings={preview.warnings} confirmedGuards={preview.confirmedGuards} />
    </div>
  );
}
