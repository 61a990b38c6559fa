import type { HaproxyBackendRow, HaproxyServerRow } from "../view-model/haproxy-backends.ts";
import { HaproxyServerActions } from "./haproxy-server-actions.tsx";
import { useI18n } from "../state/i18n-context.tsx";

export function HaproxyTable(props: { backends: HaproxyBackendRow[]; hostId: string; production: boolean }) {
  const { t } = useI18n();
  return (
    <section className="panel" data-testid="haproxy" aria-label={t("haproxy.label")}>
      <h3>{t("haproxy.title")}</h3>
      <table className="data-table haproxy-table" data-testid="haproxy-table">
        <thead>
          <tr>
            <th>{t("haproxy.backendColumn")}</th>
            <th>{t("haproxy.status")}</th>
            <th className="number">{t("haproxy.weight")}</th>
            <th className="number">{t("haproxy.sessions")}</th>
            <th className="number">{t("haproxy.sessionRate")}</th>
            <th className="number">{t("haproxy.in")}</th>
            <th className="number">{t("haproxy.out")}</th>
            <th>{t("haproxy.check")}</th>
            <th>{t("haproxy.actions")}</th>
          </tr>
        </thead>
        {props.backends.map((backend) => (
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
