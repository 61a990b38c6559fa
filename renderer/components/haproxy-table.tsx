/**
 * HAProxy's backends and servers: a sticky header whose every column sorts, a filter box, and the
 * BACKEND row as each backend's totals row.
 */
import { useMemo, useState } from "react";
import type { HaproxyBackendRow, HaproxyServerRow } from "../view-model/haproxy-backends.ts";
import { visibleBackends, type HaproxyColumn } from "../view-model/haproxy-table-view.ts";
import type { SortState } from "../view-model/table-view.ts";
import { HaproxyServerActions } from "./haproxy-server-actions.tsx";
import { SortHeader, TableFilter } from "./table-controls.tsx";
import { useI18n } from "../state/i18n-context.tsx";

export function HaproxyTable(props: { backends: HaproxyBackendRow[]; hostId: string; production: boolean }) {
  const { t } = useI18n();
  const [sort, setSort] = useState<SortState<HaproxyColumn> | undefined>(undefined);
  const [query, setQuery] = useState("");
  const visible = useMemo(() => visibleBackends(props.backends, sort, query), [props.backends, sort, query]);
  const total = props.backends.reduce((sum, backend) => sum + backend.servers.length, 0);
  const shown = visible.reduce((sum, backend) => sum + backend.servers.length, 0);
  const header = (column: HaproxyColumn, label: string, numeric = false) => (
    <SortHeader column={column} label={label} sort={sort} onSort={setSort} numeric={numeric} />
  );
  return (
    <section className="panel" data-testid="haproxy" aria-label={t("haproxy.label")}>
      <h3>{t("haproxy.title")}</h3>
      <TableFilter value={query} onChange={setQuery} shown={shown} total={total} testId="haproxy-filter" />
      <div className="table-scroll" data-testid="haproxy-scroll">
        <table className="data-table haproxy-table" data-testid="haproxy-table">
          <thead>
            <tr>
              {header("name", t("haproxy.backendColumn"))}
              {header("status", t("haproxy.status"))}
              {header("weight", t("haproxy.weight"), true)}
              {header("sessions", t("haproxy.sessions"), true)}
              {header("sessionRate", t("haproxy.sessionRate"), true)}
              {header("in", t("haproxy.in"), true)}
              {header("out", t("haproxy.out"), true)}
              {header("check", t("haproxy.check"))}
              <th>{t("haproxy.actions")}</th>
            </tr>
          </thead>
          {visible.map((backend) => (
            <tbody key={backend.proxy} data-testid="haproxy-backend" data-proxy={backend.proxy}>
              <tr className="group-row">
                <th scope="rowgroup" data-testid="haproxy-backend-name">
                  {backend.proxy}
                </th>
                {backend.summary ? <Cells row={backend.summary} /> : <td colSpan={7} />}
                <td />
              </tr>
              {backend.servers.map((server) => (
                <tr
                  key={server.key}
                  className="member-row"
                  data-testid="haproxy-server"
                  data-server={server.name}
                >
                  <td data-testid="haproxy-server-name">{server.name}</td>
                  <Cells row={server} />
                  <td>
                    <HaproxyServerActions row={server} hostId={props.hostId} production={props.production} />
                  </td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
      {visible.length === 0 && (
        <p className="empty" data-testid="haproxy-filter-empty">
          {t("table.noMatch")}
        </p>
      )}
    </section>
  );
}

function Cells(props: { row: HaproxyServerRow }) {
  const { row } = props;
  return (
    <>
      <td>
        <span className={`status ${row.tone}`} data-testid="haproxy-status">
          {row.status}
        </span>
      </td>
      <td className="number" data-testid="haproxy-weight">
        {row.weight}
      </td>
      <td className="number" data-testid="haproxy-sessions">
        {row.sessions}
      </td>
      <td className="number" data-testid="haproxy-session-rate">
        {row.sessionRate}
      </td>
      <td className="number" data-testid="haproxy-in-bps">
        {row.inBps}
      </td>
      <td className="number" data-testid="haproxy-out-bps">
        {row.outBps}
      </td>
      <td data-testid="haproxy-check">{row.checkStatus}</td>
    </>
  );
}
