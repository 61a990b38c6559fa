/** Drains being followed on this host: counts falling over time, and "safe to stop" at zero. */
import { useMemo } from "react";
import { useActions } from "../state/action-context.tsx";
import { useI18n } from "../state/i18n-context.tsx";
import { CoreText } from "./core-text.tsx";
import type { DrainWatch } from "../view-model/drain-watch.ts";
import { SPARKLINE_SIZE, toDrainProgress } from "../view-model/drain-progress.ts";

const NO_DRAINS: DrainWatch[] = [];

export function DrainProgressPanel(props: { hostId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const watches = useActions((state) => state.drains[props.hostId] ?? NO_DRAINS);
  const drainDismissed = useActions((state) => state.drainDismissed);
  const views = useMemo(() => watches.map((watch) => toDrainProgress(watch, i18n)), [watches, i18n]);
  if (views.length === 0) return null;
  return (
    <section className="panel" data-testid="drains" aria-label={t("drains.label")}>
      <h3>{t("drains.title")}</h3>
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
            <strong>{t("drains.in", { backend: view.backend, service: view.service })}</strong>{" "}
            <span className="drain-state">{t(`drains.state.${view.state}`)}</span>{" "}
            <CoreText testId="drain-message" text={view.message} />
            {view.state === "safe-to-stop" && (
              <span className="tag ok" data-testid="drain-safe">
                {t("drains.safe")}
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
              aria-label={t("drains.sparkline")}
              data-testid="drain-sparkline"
            >
              <polyline className="active" points={view.activeLine} />
              <polyline className="inactive" points={view.inactiveLine} />
            </svg>
            <dl>
              <dt className="active">{t("drains.active")}</dt>
              <dd data-testid="drain-active">{view.activeConns}</dd>
              <dt className="inactive">{t("drains.inactive")}</dt>
              <dd data-testid="drain-inactive">{view.inactiveConns}</dd>
              <dt>{t("drains.cps")}</dt>
              <dd data-testid="drain-cps">{view.cps}</dd>
            </dl>
            <ol className="drain-recent" data-testid="drain-recent" aria-label={t("drains.recent")}>
              {view.recent.map((sample) => (
                <li key={sample.at} data-testid="drain-sample">
                  {t("drains.sample", {
                    time: i18n.clockTime(sample.at),
                    active: sample.activeConns,
                    inactive: sample.inactiveConns,
                  })}
                </li>
              ))}
            </ol>
          </div>
          <button
            type="button"
            data-testid="drain-dismiss"
            onClick={() => drainDismissed(props.hostId, { service: view.service, backend: view.backend })}
          >
            {t("drains.stop")}
          </button>
        </div>
      ))}
    </section>
  );
}
