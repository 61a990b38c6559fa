/** The body of an HAProxy preview: where the command goes, the exact runtime command, before -> after, warnings. */
import { PlanChangeRows } from "./plan-change-rows.tsx";
import { PlanNotes } from "./plan-notes.tsx";
import type { HaproxyPreview } from "../view-model/haproxy-plan-preview.ts";

export function HaproxyPlanPreview(props: { preview: HaproxyPreview }) {
  const { preview } = props;
  return (
    <div data-testid="plan-preview" data-family="haproxy">
      <h4>Runtime command</h4>
      <pre className="commands" data-testid="plan-commands">
        {preview.commands.join("\n")}
      </pre>
      <p className="note" data-testid="plan-socket">
        Sent on the admin socket <code>{preview.socket}</code> with{" "}
        <code data-testid="plan-transport">{preview.transport}</code>
      </p>
      <h4>Change</h4>
      <table className="data-table compact" data-testid="plan-changes">
        <tbody>
          <PlanChangeRows changes={preview.changes} />
          <tr data-testid="plan-sessions">
            <th scope="row">Current sessions</th>
            <td colSpan={3}>{preview.sessions}</td>
          </tr>
        </tbody>
      </table>
      <PlanNotes warnings={preview.warnings} confirmedGuards={preview.confirmedGuards} />
    </div>
  );
}
