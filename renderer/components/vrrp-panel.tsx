import type { VrrpPanel as VrrpPanelView } from "../view-model/vrrp-instances.ts";

export function VrrpPanel(props: { panel: VrrpPanelView }) {
  const { panel } = props;
  return (
    <section className="panel" data-testid="vrrp-panel" aria-label="VRRP">
      <h3>
        VRRP (keepalived)
        {!panel.running && (
          <span className="tag bad" data-testid="vrrp-not-running">
            keepalived not running
          </span>
        )}
      </h3>
      {panel.instances.length > 0 && (
        <table className="data-table" data-testid="vrrp-table">
          <thead>
            <tr>
              <th>Instance</th>
              <th>State</th>
              <th className="number">Priority</th>
              <th className="number">Effective</th>
              <th>Virtual IPs</th>
            </tr>
          </thead>
          <tbody>
            {panel.instances.map((instance) => (
              <tr key={instance.name} data-testid="vrrp-instance" data-instance={instance.name}>
                <td data-testid="vrrp-name">{instance.name}</td>
                <td>
                  <span className={`status ${instance.tone}`} data-testid="vrrp-state">
                    {instance.state}
                  </span>
                </td>
                <td className="number" data-testid="vrrp-priority">
                  {instance.priority}
                </td>
                <td
                  className={instance.priorityLowered ? "number lowered" : "number"}
                  data-testid="vrrp-effective-priority"
                >
                  {instance.effectivePriority}
                </td>
                <td data-testid="vrrp-vips">{instance.virtualIps}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
