import type { RateCells, ServiceRow } from "../view-model/service-rows.ts";
import { BackendActions } from "./backend-actions.tsx";
import { useI18n } from "../state/i18n-context.tsx";

export function ServiceTable(props: { rows: ServiceRow[]; hostId: string; production: boolean }) {
  const { t } = useI18n();
  const inboundOnlyHint = t("ipvs.inboundOnlyHint");
  return (
    <section className="panel" data-testid="ipvs" aria-label={t("ipvs.label")}>
      <h3>{t("ipvs.title")}</h3>
      <table className="service-table data-table" data-testid="service-table">
        <thead>
          <tr>
            <th>{t("ipvs.serviceColumn")}</th>
            <th>{t("ipvs.actions")}</th>
            <th>{t("ipvs.forward")}</th>
            <th className="number">{t("ipvs.weight")}</th>
            <th className="number">{t("ipvs.active")}</th>
            <th className="number">{t("ipvs.inactive")}</th>
            <th className="number">{t("ipvs.cps")}</th>
            <th className="number">{t("ipvs.in")}</th>
            <th className="number">{t("ipvs.out")}</th>
            <th className="number" title={t("ipvs.trafficShareHint")}>
              {t("ipvs.trafficShare")}
            </th>
            <th className="number" title={t("ipvs.weightShareHint")}>
              {t("ipvs.weightShare")}
            </th>
            <th />
          </tr>
        </thead>
        {props.rows.map((service) => (
          <tbody key={service.key} data-testid="service" data-service={service.label}>
            <tr className="service-row" data-testid="service-row">
              <th scope="rowgroup" colSpan={6}>
                <span data-testid="service-label">{service.label}</span>
                <span className="scheduler"> {service.scheduler}</span>
                {service.persistence && <span className="tag">{service.persistence}</span>}
                {service.inboundOnly && (
                  <span className="tag inbound-only" data-testid="inbound-only" title={inboundOnlyHint}>
                    {t("ipvs.inboundOnly")}
                  </span>
                )}
              </th>
              <RateColumns rates={service.rates} prefix="service" />
              <td colSpan={3} />
            </tr>
            {service.realServers.length === 0 && (
              <tr>
                <td colSpan={12} className="empty" data-testid="no-real-servers">
                  {t("ipvs.noRealServers")}
                </td>
              </tr>
            )}
            {service.realServers.map((server) => (
              <tr
                key={server.key}
                className="real-server-row"
                data-testid="real-server-row"
                data-endpoint={server.endpoint}
              >
                <td data-testid="rs-endpoint">{server.endpoint}</td>
                <td className="actions-cell">
                  <BackendActions row={server} hostId={props.hostId} production={props.production} />
                </td>
                <td data-testid="rs-forward" title={server.inboundOnly ? inboundOnlyHint : undefined}>
                  {server.forward}
                </td>
                <td className="number" data-testid="rs-weight">
                  {server.weight}
                </td>
                <td className="number" data-testid="rs-active">
                  {server.activeConns}
                </td>
                <td className="number" data-testid="rs-inactive">
                  {server.inactiveConns}
                </td>
                <RateColumns rates={server.rates} prefix="rs" />
                <td
                  className={server.shareSkewed ? "number skewed" : "number"}
                  data-testid="rs-traffic-share"
                >
                  {server.trafficShare}
                </td>
                <td className="number" data-testid="rs-weight-share">
                  {server.weightShare}
                </td>
                <td>
                  {server.quiescent && (
                    <span
                      className="tag quiescent"
                      data-testid="rs-quiescent"
                      title={t("ipvs.quiescentHint")}
                    >
                      {t("ipvs.quiescent")}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </section>
  );
}

function RateColumns(props: { rates: RateCells | undefined; prefix: "service" | "rs" }) {
  const { rates, prefix } = props;
  return (
    <>
      <td className="number" data-testid={`${prefix}-cps`}>
        {rates?.cps}
      </td>
      <td className="number" data-testid={`${prefix}-in-bps`}>
        {rates?.inBps}
      </td>
      <td className="number" data-testid={`${prefix}-out-bps`}>
        {rates?.outBps}
      </td>
    </>
  );
}
