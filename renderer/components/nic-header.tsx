import { useMemo, useState } from "react";
import type { HostSnapshot } from "../../core/api.ts";
import { toNicPanel } from "../view-model/nic-panel.ts";
import { useI18n } from "../state/i18n-context.tsx";

export function NicHeader(props: { snapshot: HostSnapshot }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [showAll, setShowAll] = useState(false);
  const panel = useMemo(() => toNicPanel(props.snapshot, i18n, { showAll }), [props.snapshot, i18n, showAll]);

  return (
    <section className="panel nic-header" data-testid="nic-header" aria-label={t("nic.label")}>
      {panel.warnings.map((warning) => (
        <p
          key={warning.nic}
          className="warning"
          role="alert"
          data-testid="nic-warning"
          data-nic={warning.nic}
        >
          <strong>{t("nic.warning")}</strong> {warning.text}
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
            <th>{t("nic.interface")}</th>
            <th className="number">{t("nic.receive")}</th>
            <th className="number">{t("nic.transmit")}</th>
            <th className="number">{t("nic.link")}</th>
            <th>{t("nic.utilisation")}</th>
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
          {t("nic.showAll")}
          {panel.hiddenCount > 0 ? ` ${t("nic.hidden", { count: panel.hiddenCount })}` : ""}
        </label>
      )}
    </section>
  );
}
