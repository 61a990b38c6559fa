import type { VrrpPanel as VrrpPanelView } from "../view-model/vrrp-instances.ts";
import { useI18n } from "../state/i18n-context.tsx";

export function VrrpPanel(props: { panel: VrrpPanelView }) {
  const { t } = useI18n();
  const { panel } = props;
  return (
    <section className="panel" data-testid="vrrp-panel" aria-label={t("vrrp.label")}>
      <h3>
        {t("vrrp.title")}
        {!panel.running && (
          <span className="tag bad" data-testid="vrrp-not-running">
            {t("vrrp.notRunning")}
          </span>
        )}
      </h3>
      {panel.instances.length > 0 && (
        <table className="data-table" data-testid="vrrp-table">
          <thead>
            <tr>
              <th>{t("vrrp.instance")}</th>
              <th>{t("vrrp.state")}</th>
              <th className="number">{t("vrrp.priority")}</th>
              <th className="number">{t("vrrp.effective")}</th>
              <th>{t("vrrp.vips")}</th>
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
