import { useMemo } from "react";
import type { HostSnapshot, HostSummary } from "../../core/api.ts";
import { useClock } from "../state/use-clock.ts";
import { useShell } from "../state/shell-context.tsx";
import { useI18n } from "../state/i18n-context.tsx";
import { toHaproxyBackends } from "../view-model/haproxy-backends.ts";
import { ipvsSourceNote } from "../view-model/ipvs-source-note.ts";
import { toSectionProblems } from "../view-model/section-problems.ts";
import { toServiceRows } from "../view-model/service-rows.ts";
import { snapshotFreshness } from "../view-model/snapshot-freshness.ts";
import { toTrafficChart } from "../view-model/traffic-chart.ts";
import type { TrafficPoint } from "../view-model/traffic-history.ts";
import { toVrrpPanel } from "../view-model/vrrp-instances.ts";
import { fillParts } from "./fill-parts.tsx";
import { ActionPanel } from "./action-panel.tsx";
import { AlertsPanel } from "./alerts-panel.tsx";
import { AuditPanel } from "./audit-panel.tsx";
import { ConnectionPanel } from "./connection-panel.tsx";
import { DrainProgressPanel } from "./drain-progress-panel.tsx";
import { HaproxyTable } from "./haproxy-table.tsx";
import { NicHeader } from "./nic-header.tsx";
import { OverviewPanel } from "./overview-panel.tsx";
import { ProblemsPanel } from "./problems-panel.tsx";
import { ServiceTable } from "./service-table.tsx";
import { TrafficChart } from "./traffic-chart.tsx";
import { HistoryPanel } from "./history-panel.tsx";
import { VrrpPanel } from "./vrrp-panel.tsx";

const NO_HISTORY: TrafficPoint[] = [];

export function HostView() {
  const { t } = useI18n();
  const host = useShell((state) => state.hosts.find((candidate) => candidate.id === state.selectedHostId));
  const snapshot = useShell((state) =>
    state.selectedHostId === undefined ? undefined : state.snapshots[state.selectedHostId],
  );
  const history = useShell((state) =>
    state.selectedHostId === undefined ? NO_HISTORY : (state.history[state.selectedHostId] ?? NO_HISTORY),
  );

  if (!host) {
    return (
      <main className="host-view" data-testid="host-view">
        <OverviewPanel />
        <p className="empty">{t("hostView.selectHost")}</p>
      </main>
    );
  }
  return (
    <main className="host-view" data-testid="host-view" data-host-id={host.id}>
      <OverviewPanel />
      <h2 data-testid="host-view-title">
        {host.label}
        {host.production && (
          <span className="tag production" data-testid="host-view-production">
            {t("hosts.productionTag")}
          </span>
        )}
        {host.kind === "demo" && (
          <span className="tag demo" data-testid="host-view-demo">
            {t("hosts.demoTag")}
          </span>
        )}
      </h2>
      <ConnectionPanel host={host} />
      <AlertsPanel hostId={host.id} />
      {snapshot === undefined && <p data-testid="snapshot-loading">{t("hostView.loading")}</p>}
      {snapshot === null && (
        <p className="empty" data-testid="snapshot-empty">
          {t("hostView.noSample")}
        </p>
      )}
      {snapshot && <SnapshotView host={host} snapshot={snapshot} history={history} />}
      <AuditPanel hostId={host.id} />
    </main>
  );
}

function SnapshotView(props: { host: HostSummary; snapshot: HostSnapshot; history: TrafficPoint[] }) {
  const { host, snapshot, history } = props;
  const i18n = useI18n();
  const { t, raw } = i18n;
  const now = useClock(snapshot.stale);
  const freshness = snapshotFreshness(snapshot, now, i18n);
  const rows = useMemo(() => toServiceRows(snapshot, i18n), [snapshot, i18n]);
  const backends = useMemo(() => toHaproxyBackends(snapshot.haproxy, i18n), [snapshot, i18n]);
  const vrrp = useMemo(() => toVrrpPanel(snapshot), [snapshot]);
  const problems = useMemo(() => toSectionProblems(snapshot, i18n), [snapshot, i18n]);
  const chart = useMemo(() => toTrafficChart(history), [history]);
  const procNote = ipvsSourceNote(snapshot, i18n);

  return (
    <div
      className={freshness.stale ? "snapshot stale" : "snapshot"}
      data-testid="snapshot"
      data-stale={freshness.stale}
    >
      <p className="snapshot-meta">
        {fillParts(raw("hostView.sampleAt"), {
          sequence: <span data-testid="snapshot-sequence">{snapshot.sequence}</span>,
          time: i18n.clockTime(snapshot.at),
        })}
        {freshness.staleText && (
          <span className="tag stale" data-testid="snapshot-stale">
            {freshness.staleText}
          </span>
        )}
      </p>
      {problems.length > 0 && <ProblemsPanel problems={problems} />}
      <NicHeader snapshot={snapshot} />
      <HistoryPanel hostId={host.id} snapshot={snapshot} live={<TrafficChart chart={chart} />} />
      {procNote && (
        <p className="note" data-testid="ipvs-source-proc">
          {procNote}
        </p>
      )}
      <ActionPanel hostId={host.id} />
      <DrainProgressPanel hostId={host.id} />
      {rows.length > 0 && <ServiceTable rows={rows} hostId={host.id} production={host.production} />}
      {rows.length === 0 && backends.length === 0 && (
        <p className="empty" data-testid="no-services">
          {t("hostView.noServices")}
        </p>
      )}
      {backends.length > 0 && (
        <HaproxyTable backends={backends} hostId={host.id} production={host.production} />
      )}
      {vrrp && <VrrpPanel panel={vrrp} />}
    </div>
  );
}
