import { useShell } from "../state/shell-context.tsx";
import { useI18n } from "../state/i18n-context.tsx";
import { AddHostForm } from "./add-host-form.tsx";
import { sessionStateLabel } from "../view-model/session-state-label.ts";
import type { HostSummary } from "../../core/api.ts";

export function HostList() {
  const { t } = useI18n();
  const hosts = useShell((state) => state.hosts);
  const status = useShell((state) => state.hostsStatus);

  return (
    <nav className="host-list" data-testid="host-list" aria-label={t("hosts.title")}>
      <h2>{t("hosts.title")}</h2>
      {status === "loading" && <p data-testid="host-list-loading">{t("hosts.loading")}</p>}
      {status === "ready" && hosts.length === 0 && (
        <p className="empty" data-testid="host-list-empty">
          {t("hosts.empty")}
        </p>
      )}
      <ul>
        {hosts.map((host) => (
          <HostItem key={host.id} host={host} />
        ))}
      </ul>
      <AddHostForm />
    </nav>
  );
}

function HostItem(props: { host: HostSummary }) {
  const { host } = props;
  const i18n = useI18n();
  const selected = useShell((state) => state.selectedHostId === host.id);
  const hostSelected = useShell((state) => state.hostSelected);
  // Retry countdowns are computed at render; a host state event re-renders the item.
  const state = sessionStateLabel(host.state, Date.now(), i18n);

  return (
    <li>
      <button
        type="button"
        className={selected ? "host-item selected" : "host-item"}
        data-testid="host-item"
        data-host-id={host.id}
        aria-current={selected ? "true" : undefined}
        onClick={() => hostSelected(host.id)}
      >
        <span className="host-label" data-testid="host-label">
          {host.label}
        </span>
        {host.kind === "demo" && (
          <span className="tag demo" data-testid="host-demo-tag">
            {i18n.t("hosts.demoTag")}
          </span>
        )}
        {host.production && <span className="tag production">{i18n.t("hosts.productionTag")}</span>}
        <span className={`host-state ${state.tone}`} data-testid="host-state">
          {state.text}
        </span>
      </button>
    </li>
  );
}
