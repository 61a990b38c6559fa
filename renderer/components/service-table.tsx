import type { RateCells, ServiceRow } from "../view-model/service-rows.ts";
import { BackendActions } from "./backend-actions.tsx";

const INBOUND_ONLY_HINT =
  "Direct routing / tunnelling: replies go from the backend to the client, so the director sees inbound traffic only.";

const QUIESCENT_HINT =
  "Weight 0: the scheduler sends it no new connections; existing connections carry on until they close.";

export function ServiceTable(props: { rows: ServiceRow[]; hostId: string; production: boolean }) {
  return (
    <section className="panel" data-testid="ipvs" aria-label="IPVS services">
      <h3>IPVS services</h3>
      <table className="service-table data-table" data-testid="service-table">
        <thead>
          <tr>
            <th>Service / real server</th>
            <th>Actions</th>
            <th>Forward</th>
            <th className="number">Weight</th>
            <th className="number">Active</th>
            <th className="number">Inactive</th>
            <th className="number">Conn/s</th>
            <th className="number">In</th>
            <th className="number">Out</th>
            <th className="number" title="This backend's share of the service's new connections per second">
              Conn/s share
            </th>
            <th
              className="number"
              title="This backend's share of the service's total weight: what the scheduler aims for"
            >
              Weight share
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
                  <span className="tag inbound-only" data-testid="inbound-only" title={INBOUND_ONLY_HINT}>
                    inbound only
                  </span>
                )}
              </th>
              <RateColumns rates={service.rates} prefix="service" />
              <td colSpan={3} />
            </tr>
            {service.realServers.length === 0 && (
              <tr>
                <td colSpan={12} className="empty" data-testid="no-real-servers">
                  No real servers
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
                <td data-testid="rs-forward" title={server.inboundOnly ? INBOUND_ONLY_HINT : undefined}>
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
                    <span className="tag quiescent" data-testid="rs-quiescent" title={QUIESCENT_HINT}>
                      quiescent (weight 0)
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
