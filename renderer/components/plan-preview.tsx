/** The body of a preview: exact commands, before -> after, predictions for every backend, warnings. */
import { PlanChangeRows } from "./plan-change-rows.tsx";
import { PlanNotes } from "./plan-notes.tsx";
import type { ActionPreview } from "../view-model/action-preview.ts";

export function PlanPreview(props: { preview: ActionPreview }) {
  const { preview } = props;
  return (
    <div data-testid="plan-preview">
      <h4>Commands</h4>
      <pre className="commands" data-testid="plan-commands">
        {preview.commands.join("\n")}
      </pre>
      <h4>Change</h4>
      <table className="data-table compact" data-testid="plan-changes">
        <tbody>
          <PlanChangeRows changes={preview.changes} />
        </tbody>
      </table>
      <h4>Predicted effect</h4>
      <table className="data-table compact" data-testid="plan-predictions">
        <thead>
          <tr>
            <th>Backend</th>
            <th className="number">New weight</th>
            <th className="number" title="Share of the service's new connections after the change">
              Share of new conns
            </th>
            <th className="number">Conn/s</th>
            <th className="number">Connections</th>
            <th className="number">Load</th>
            <th className="number">In</th>
            <th className="number">Out</th>
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
