/**
 * The IPVS services and their backends: a sticky header whose every column sorts, a filter box, a
 * totals row per service, and (for the 500-backend service) only the rows in view rendered, with
 * spacers for the rest. The table scrolls inside its panel so the header stays with it.
 */
import { useMemo, useState } from "react";
import type { RateCells, ServiceRow } from "../view-model/service-rows.ts";
import {
  SERVICE_TABLE_ROW_HEIGHT,
  visibleServices,
  windowServices,
  type ServiceColumn,
} from "../view-model/service-table-view.ts";
import type { SortState } from "../view-model/table-view.ts";
import { BackendActions } from "./backend-actions.tsx";
import { SortHeader, TableFilter } from "./table-controls.tsx";
import { useScrollViewport } from "./use-scroll-viewport.ts";
import { useI18n } from "../state/i18n-context.tsx";

const COLUMN_COUNT = 12;

export function ServiceTable(props: { rows: ServiceRow[]; hostId: string; production: boolean }) {
  const { t } = useI18n();
  const [sort, setSort] = useState<SortState<ServiceColumn> | undefined>(undefined);
  const [query, setQuery] = useState("");
  const { ref, viewport, onScroll } = useScrollViewport<HTMLDivElement>();
  const quiescentText = t("ipvs.quiescent");
  const visible = useMemo(
    () => visibleServices(props.rows, sort, query, quiescentText),
    [props.rows, sort, query, quiescentText],
  );
  const windows = useMemo(
    () => windowServices(visible, viewport.scrollTop, viewport.height),
    [visible, viewport.scrollTop, viewport.height],
  );
  const total = props.rows.reduce((sum, service) => sum + service.realServers.length, 0);
  const shown = visible.reduce((sum, entry) => sum + entry.realServers.length, 0);
  const inboundOnlyHint = t("ipvs.inboundOnlyHint");
  const header = (
    column: ServiceColumn,
    label: string,
    options: { numeric?: boolean; title?: string; secondary?: boolean; collapsed?: string } = {},
  ) => (
    <SortHeader
      column={column}
      label={label}
      sort={sort}
      onSort={setSort}
      numeric={options.numeric}
      title={options.title}
      className={options.secondary ? "col-secondary" : undefined}
      collapsed={options.collapsed}
    />
  );

  return (
    <section className="panel" data-testid="ipvs" aria-label={t("ipvs.label")}>
      <h3>{t("ipvs.title")}</h3>
      <TableFilter value={query} onChange={setQuery} shown={shown} total={total} testId="ipvs-filter" />
      <div className="table-scroll" ref={ref} onScroll={onScroll} data-testid="ipvs-scroll">
        <table className="service-table data-table" data-testid="service-table">
          <thead>
            <tr>
              {header("endpoint", t("ipvs.serviceColumn"), {
                collapsed: `${t("ipvs.forward")} · ${t("ipvs.state")}`,
              })}
              <th>{t("ipvs.actions")}</th>
              {header("forward", t("ipvs.forward"), { secondary: true })}
              {header("weight", t("ipvs.weight"), { numeric: true })}
              {header("active", t("ipvs.active"), { numeric: true, collapsed: t("ipvs.inactive") })}
              {header("inactive", t("ipvs.inactive"), { numeric: true, secondary: true })}
              {header("cps", t("ipvs.cps"), { numeric: true })}
              {header("in", t("ipvs.in"), { numeric: true, collapsed: t("ipvs.out") })}
              {header("out", t("ipvs.out"), { numeric: true, secondary: true })}
              {header("trafficShare", t("ipvs.trafficShare"), {
                numeric: true,
                title: t("ipvs.trafficShareHint"),
                collapsed: t("ipvs.weightShare"),
              })}
              {header("weightShare", t("ipvs.weightShare"), {
                numeric: true,
                title: t("ipvs.weightShareHint"),
                secondary: true,
              })}
              {header("state", t("ipvs.state"), { secondary: true })}
            </tr>
          </thead>
          {visible.map(({ service, realServers }, index) => {
            const window = windows[index] ?? { start: 0, end: realServers.length, padTop: 0, padBottom: 0 };
            return (
              <tbody key={service.key} data-testid="service" data-service={service.label}>
                <tr className="service-row" data-testid="service-row">
                  <th scope="rowgroup" colSpan={2}>
                    <span data-testid="service-label">{service.label}</span>
                    <span className="scheduler"> {service.scheduler}</span>
                    {service.persistence && <span className="tag">{service.persistence}</span>}
                    {service.inboundOnly && (
                      <span className="tag inbound-only" data-testid="inbound-only" title={inboundOnlyHint}>
                        {t("ipvs.inboundOnly")}
                      </span>
                    )}
                  </th>
                  <td className="col-secondary" />
                  <td className="number total" data-testid="service-weight" title={t("ipvs.totalHint")}>
                    {service.totals.weight}
                  </td>
                  <td className="number total" data-testid="service-active" title={t("ipvs.totalHint")}>
                    {service.totals.activeConns}
                    <span className="collapsed">{service.totals.inactiveConns}</span>
                  </td>
                  <td
                    className="number total col-secondary"
                    data-testid="service-inactive"
                    title={t("ipvs.totalHint")}
                  >
                    {service.totals.inactiveConns}
                  </td>
                  <RateColumns rates={service.rates} prefix="service" />
                  <td />
                  <td className="col-secondary" colSpan={2} />
                </tr>
                {service.realServers.length === 0 && (
                  <tr>
                    <td colSpan={COLUMN_COUNT} className="empty" data-testid="no-real-servers">
                      {t("ipvs.noRealServers")}
                    </td>
                  </tr>
                )}
                {window.padTop > 0 && <Spacer height={window.padTop} />}
                {realServers.slice(window.start, window.end).map((server) => (
                  <tr
                    key={server.key}
                    className="real-server-row"
                    data-testid="real-server-row"
                    data-endpoint={server.endpoint}
                    style={{ height: SERVICE_TABLE_ROW_HEIGHT }}
                  >
                    <td>
                      <span data-testid="rs-endpoint">{server.endpoint}</span>
                      {/* Below ~1440 px the forward and state columns fold into this cell. */}
                      <span className="collapsed">
                        {server.forward}
                        {server.quiescent && (
                          <span className="tag quiescent" title={t("ipvs.quiescentHint")}>
                            {t("ipvs.quiescent")}
                          </span>
                        )}
                      </span>
                    </td>
                    <td className="actions-cell">
                      <BackendActions row={server} hostId={props.hostId} production={props.production} />
                    </td>
                    <td
                      className="col-secondary"
                      data-testid="rs-forward"
                      title={server.inboundOnly ? inboundOnlyHint : undefined}
                    >
                      {server.forward}
                    </td>
                    <td className="number" data-testid="rs-weight">
                      {server.weight}
                    </td>
                    <td className="number">
                      <span data-testid="rs-active">{server.activeConns}</span>
                      <span className="collapsed">{server.inactiveConns}</span>
                    </td>
                    <td className="number col-secondary" data-testid="rs-inactive">
                      {server.inactiveConns}
                    </td>
                    <RateColumns rates={server.rates} prefix="rs" />
                    <td className={server.shareSkewed ? "number skewed" : "number"}>
                      <span data-testid="rs-traffic-share">{server.trafficShare}</span>
                      <span className="collapsed">{server.weightShare}</span>
                    </td>
                    <td className="number col-secondary" data-testid="rs-weight-share">
                      {server.weightShare}
                    </td>
                    <td className="state-cell col-secondary">
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
                {window.padBottom > 0 && <Spacer height={window.padBottom} />}
              </tbody>
            );
          })}
        </table>
        {visible.length === 0 && (
          <p className="empty" data-testid="ipvs-filter-empty">
            {t("table.noMatch")}
          </p>
        )}
      </div>
    </section>
  );
}

/** Stands in for the rows above or below the window, so the scrollbar stays true. */
function Spacer(props: { height: number }) {
  return (
    <tr className="window-spacer" aria-hidden="true" data-testid="window-spacer">
      <td colSpan={COLUMN_COUNT} style={{ height: props.height, padding: 0, border: 0 }} />
    </tr>
  );
}

function RateColumns(props: { rates: RateCells | undefined; prefix: "service" | "rs" }) {
  const { rates, prefix } = props;
  return (
    <>
      <td className="number" data-testid={`${prefix}-cps`}>
        {rates?.cps}
      </td>
      <td className="number">
        <span data-testid={`${prefix}-in-bps`}>{rates?.inBps}</span>
        <span className="collapsed">{rates?.outBps}</span>
      </td>
      <td className="number col-secondary" data-testid={`${prefix}-out-bps`}>
        {rates?.outBps}
      </td>
    </>
  );
}
