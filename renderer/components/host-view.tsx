import { useMemo } from "react";
import { useShell } from "../state/shell-context.tsx";
import { toServiceRows } from "../view-model/service-rows.ts";
import { ServiceTable } from "./service-table.tsx";

export function HostView() {
  const host = useShell((state) => state.hosts.find((candidate) => candidate.id === state.selectedHostId));
  const snapshot = useShell((state) =>
    state.selectedHostId === undefined ? undefined : state.snapshots[state.selectedHostId],
  );
  const rows = useMemo(() => (snapshot ? toServiceRows(snapshot) : []), [snapshot]);

  if (!host) {
    return (
      <main className="host-view" data-testid="host-view">
        <p className="empty">Select a host to see its services.</p>
      </main>
    );
  }
  return (
    <main className="host-view" data-testid="host-view" data-host-id={host.id}>
      <h2 data-testid="host-view-title">{host.label}</h2>
      {snapshot === undefined && <p data-testid="snapshot-loading">Loading…</p>}
      {snapshot === null && (
        <p className="empty" data-testid="snapshot-empty">
          No sample from this host yet
        </p>
      )}
      {snapshot && (
        <>
          <p className="snapshot-meta">
            Sample <span data-testid="snapshot-sequence">{snapshot.sequence}</span> at{" "}
            {new Date(snapshot.at).toLocaleTimeString()}
            {snapshot.stale && (
              <span className="tag stale" data-testid="snapshot-stale">
                stale
              </span>
            )}
          </p>
          {rows.length === 0 ? (
            <p className="empty" data-testid="no-services">
              No virtual services on this host
            </p>
          ) : (
            <ServiceTable rows={rows} />
          )}
        </>
      )}
    </main>
  );
}
