import { useMemo, useState } from "react";
import type { HostSnapshot } from "../../core/api.ts";
import { toNicPanel } from "../view-model/nic-panel.ts";

export function NicHeader(props: { snapshot: HostSnapshot }) {
  const [showAll, setShowAll] = useState(false);
  const panel = useMemo(() => toNicPanel(props.snapshot, { showAll }), [props.snapshot, showAll]);

  return (
    <section className="panel nic-header" data-testid="nic-header" aria-label="Network interfaces">
      {panel.warnings.map((warning) => (
        <p
          key={warning.nic}
          className="warning"
          role="alert"
          data-testid="nic-warning"
          data-nic={warning.nic}
        >
          <strong>WARNING</strong> {warning.text}
        </p>
      ))}
      {panel.note && (
        <p className="note" data-testid="nic-note">
          {panel.note}
        </p>
      )}
      <table className="data-table nic-table" data-testid="nic-table">
        <thead>
          <tr>
            <th>Interface</th>
            <th className="number">Receive</th>
            <th className="number">Transmit</th>
            <th className="number">Link</th>
            <th>Utilisation</th>
          </tr>
        </thead>
        <tbody>
          {panel.rows.map((row) => (
            <tr
              key={row.name}
              data-testid="nic-row"
              data-nic={row.name}
              className={row.overThreshold ? "over" : undefined}
            >
              <td data-testid="nic-name">{row.name}</td>
              <td className="number" data-testid="nic-rx">
                {row.rx}
              </td>
              <td className="number" data-testid="nic-tx">
                {row.tx}
              </td>
              <td className="number" data-testid="nic-speed">
                {row.speed}
              </td>
              <td className="utilisation">
                {row.barPercent !== undefined && (
                  <span className="bar" aria-hidden="true">
                    <span className="bar-fill" style={{ width: `${row.barPercent}%` }} />
                  </span>
                )}
                <span data-testid="nic-utilisation">{row.utilisation}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {(panel.hiddenCount > 0 || showAll) && (
        <label className="toggle">
          <input
            type="checkbox"
            checked={showAll}
            onChange={(event) => setShowAll(event.target.checked)}
            data-testid="nic-show-all"
          />{" "}
          Show loopback and veth interfaces{panel.hiddenCount > 0 ? ` (${panel.hiddenCount} hidden)` : ""}
        </label>
      )}
    </section>
  );
}
