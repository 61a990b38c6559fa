/** Drains being followed on this host: counts falling over time, and "safe to stop" at zero. */
import { useMemo } from "react";
import { useActions } from "../state/action-context.tsx";
import type { DrainWatch } from "../view-model/drain-watch.ts";
import { SPARKLINE_SIZE, toDrainProgress } from "../view-model/drain-progress.ts";

const NO_DRAINS: DrainWatch[] = [];

export function DrainProgressPanel(props: { hostId: string }) {
  const watches = useActions((state) => state.drains[props.hostId] ?? NO_DRAINS);
  const drainDismissed = useActions((state) => state.drainDismissed);
  const views = useMemo(() => watches.map(toDrainProgress), [watches]);
  if (views.length === 0) return null;
  return (
    <section className="panel" data-testid="drains" aria-label="Drains">
      <h3>Drains</h3>
      {views.map((view) => (
        <div
          key={view.key}
          className={`drain ${view.state}`}
          data-testid="drain"
          data-backend={view.backend}
          data-service={view.service}
          data-state={view.state}
        >
          <p>
            <strong>{view.backend}</strong> in {view.service}:{" "}
            <span data-testid="drain-message">{view.message}</span>
            {view.state === "safe-to-stop" && (
              <span className="tag ok" data-testid="drain-safe">
                safe to stop
              </span>
            )}
          </p>
          <div className="drain-figures">
            <svg
              className="sparkline"
              width={SPARKLINE_SIZE.width}
              height={SPARKLINE_SIZE.height}
              viewBox={`0 0 ${SPARKLINE_SIZE.width} ${SPARKLINE_SIZE.height}`}
              role="img"
              aria-label="Active and inactive connections over time"
              data-testid="drain-sparkline"
            >
              <polyline className="active" points={view.activeLine} />
              <polyline className="inactive" points={view.inactiveLine} />
            </svg>
            <dl>
              <dt className="active">Active</dt>
              <dd data-testid="drain-active">{view.activeConns}</dd>
              <dt className="inactive">Inactive</dt>
              <dd data-testid="drain-inactive">{view.inactiveConns}</dd>
              <dt>Conn/s</dt>
              <dd data-testid="drain-cps">{view.cps}</dd>
            </dl>
            <ol className="drain-recent" data-testid="drain-recent" aria-label="Latest samples, newest first">
              {view.recent.map((sample) => (
                <li key={sample.at} data-testid="drain-sample">
                  {new Date(sample.at).toLocaleTimeString()}: {sample.activeConns} active,{" "}
                  {sample.inactiveConns} inactive
                </li>
              ))}
            </ol>
          </div>
          <button
            type="button"
            data-testid="drain-dismiss"
            onClick={() => drainDismissed(props.hostId, { service: view.service, backend: view.backend })}
          >
            Stop following
          </button>
        </div>
      ))}
    </section>
  );
}
