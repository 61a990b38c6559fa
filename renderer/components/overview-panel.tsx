/** Every host on one line: what it is, its VIPs and VRRP state, load, and problems at a glance. Click to open. */
import { useMemo } from "react";
import { useActions } from "../state/action-context.tsx";
import { useI18n } from "../state/i18n-context.tsx";
import { useShell } from "../state/shell-context.tsx";
import { toHostOverview } from "../view-model/host-overview.ts";
import { NO_VALUE } from "../view-model/format-rate.ts";

export function OverviewPanel() {
  const i18n = useI18n();
  const { t } = i18n;
  const hosts = useShell((state) => state.hosts);
  const snapshots = useShell((state) => state.snapshots);
  const selected = useShell((state) => state.selectedHostId);
  const hostSelected = useShell((state) => state.hostSelected);
  const alerts = useActions((state) => state.alerts);
  const rows = useMemo(() => {
    const counts = Object.fromEntries(Object.entries(alerts).map(([hostId, list]) => [hostId, list.length]));
    return toHostOverview(hosts, snapshots, counts, i18n);
  }, [hosts, snapshots, alerts, i18n]);
  if (rows.length === 0) return null;

  return (
    <section className="panel overview" data-testid="overview" aria-label={t("overview.label")}>
      <h3>{t("overview.title")}</h3>
      <div className="table-scroll">
        <table className="data-table overview-table">
          <thead>
            <tr>
              <th>{t("overview.host")}</th>
              <th>{t("overview.role")}</th>
              <th>{t("overview.vips")}</th>
              <th>{t("overview.vrrp")}</th>
              <th className="number">{t("overview.nic")}</th>
              <th className="number">{t("overview.active")}</th>
              <th className="number">{t("overview.newPerSecond")}</th>
              <th className="number">
                {t("overview.in")} / {t("overview.out")}
              </th>
              <th>{t("overview.health")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={row.hostId}
                data-testid="overview-row"
                data-host-id={row.hostId}
                className={row.hostId === selected ? "selected" : undefined}
              >
                <td>
                  <button
                    type="button"
                    className="link-button"
                    data-testid="overview-host"
                    aria-current={row.hostId === selected ? "true" : undefined}
                    onClick={() => hostSelected(row.hostId)}
                  >
                    {row.label}
                  </button>
                </td>
                <td data-testid="overview-role">
                  {row.hasSnapshot
                    ? row.roles.map((role) => t(`overview.role.${role}`)).join(" + ") || NO_VALUE
                    : t("overview.noSample")}
                </td>
                <td className="vips" data-testid="overview-vips" title={row.vips}>
                  {row.vips}
                </td>
                <td data-testid="overview-vrrp">
                  {row.vrrpTone ? (
                    <span className={`status ${row.vrrpTone}`}>{row.vrrpState}</span>
                  ) : (
                    row.vrrpState
                  )}
                </td>
                <td className={row.nicOver ? "number over" : "number"} data-testid="overview-nic">
                  {row.nicUtilisation}
                </td>
                <td className="number" data-testid="overview-active">
                  {row.activeConns}
                </td>
                <td className="number" data-testid="overview-new">
                  {row.newPerSecond}
                </td>
                {/* In above out: one column keeps the overview inside 1024 px. */}
                <td className="number traffic" data-testid="overview-traffic">
                  <span>{row.trafficIn}</span>
                  <span>{row.trafficOut}</span>
                </td>
                <td data-testid="overview-health">
                  {row.problems === 0 && row.alerts === 0 ? (
                    <span className="muted">{t("overview.allClear")}</span>
                  ) : (
                    <>
                      {row.problems > 0 && (
                        <span className="tag bad">
                          {t("overview.problems", { count: i18n.count(row.problems) })}
                        </span>
                      )}
                      {row.alerts > 0 && (
                        <span className="tag bad">
                          {t("overview.alerts", { count: i18n.count(row.alerts) })}
                        </span>
                      )}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
