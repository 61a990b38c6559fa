/**
 * The host's traffic over a chosen range: live (the in-memory five minutes, `live` below), or 1 h
 * to 30 d / custom read from history at the resolution HistoryQuery picks for the chart's width.
 * Scope: the host, one service or one backend. Gaps stay gaps, events are marked, a drag zooms,
 * and the note says when figures come from rollups or are the demo's simulated week.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { HistoryEventView, HistoryStatus, HostSnapshot, SeriesAnswerView } from "../../core/api.ts";
import { backendKey, serviceKey } from "../../shared/service-key.ts";
import { useHistoryApi } from "../state/history-api-context.tsx";
import { useI18n } from "../state/i18n-context.tsx";
import { chartKeys, toHistoryChart } from "../view-model/history-chart.ts";
import {
  fromLocalInput,
  pointsForWidth,
  RANGE_CHOICES,
  rangeOf,
  toLocalInput,
  zoomRange,
  type RangeChoice,
  type TimeRange,
} from "../view-model/history-range.ts";
import { ExportDialog } from "./export-dialog.tsx";

export type HistoryScope = { service?: string; backend?: string };

const MARKER_COLOURS: Record<HistoryEventView["kind"], string> = {
  action: "#2456d6",
  "vrrp-transition": "#7a3fd1",
  "drift-alert": "#d92d20",
  gap: "#98a2b3",
};

type Loaded =
  | { state: "loading" }
  | { state: "failed"; message: string }
  | { state: "ready"; answers: SeriesAnswerView[]; events: HistoryEventView[] };

export function HistoryPanel(props: { hostId: string; snapshot: HostSnapshot; live: ReactNode }) {
  const { hostId, snapshot } = props;
  const i18n = useI18n();
  const { t } = i18n;
  const api = useHistoryApi();
  const [choice, setChoice] = useState<RangeChoice>("live");
  const [custom, setCustom] = useState<TimeRange | undefined>(undefined);
  const [scopeText, setScopeText] = useState("");
  const [status, setStatus] = useState<HistoryStatus | string | undefined>(undefined);
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  const [drag, setDrag] = useState<{ start?: number; end?: number }>({});
  const [exporting, setExporting] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const box = useRef<HTMLDivElement>(null);

  const scopes = useMemo(() => {
    const options: Array<{ value: string; label: string; scope: HistoryScope }> = [
      { value: "", label: t("history.scopeHost"), scope: {} },
    ];
    for (const service of snapshot.services) {
      const key = serviceKey(service);
      options.push({ value: key, label: key, scope: { service: key } });
      for (const server of service.realServers) {
        const backend = backendKey(server);
        options.push({
          value: `${key} ${backend}`,
          label: `${key} → ${backend}`,
          scope: { service: key, backend },
        });
      }
    }
    return options;
  }, [snapshot.services, t]);
  const scope = scopes.find((option) => option.value === scopeText)?.scope ?? {};
  const range = rangeOf(choice, now, custom);

  useEffect(() => {
    if (!api) return;
    api.historyStatus({ hostId }).then(setStatus, (error: unknown) => setStatus(messageOf(error)));
  }, [api, hostId]);

  useEffect(() => {
    if (!api || !range) return;
    let current = true;
    setLoaded({ state: "loading" });
    const points = pointsForWidth(box.current?.clientWidth ?? 900);
    (async () => {
      const keys = chartKeys(await api.historyListSeries({ hostId }), scope);
      const answers = keys.length === 0 ? [] : await api.historySeries({ hostId, range, points, keys });
      const events = await api.historyEvents({ hostId, range });
      if (current) setLoaded({ state: "ready", answers, events });
    })().catch((error: unknown) => current && setLoaded({ state: "failed", message: messageOf(error) }));
    return () => {
      current = false;
    };
    // The range is recomputed from these each render; its ends are what matter.
  }, [api, hostId, range?.from, range?.to, scope.service, scope.backend]);

  const chart = useMemo(
    () => (loaded.state === "ready" ? toHistoryChart(loaded.answers, loaded.events) : undefined),
    [loaded],
  );
  const demo = typeof status === "object" && status.source === "demo";
  const notWriting =
    typeof status === "object" && !demo && status.writing.state === "not-writing"
      ? status.writing.reason
      : undefined;
  const pick = (next: RangeChoice) => {
    setNow(Date.now());
    if (next === "custom" && !custom) setCustom({ from: Date.now() - 3 * 3_600_000, to: Date.now() });
    setChoice(next);
  };
  const finishDrag = () => {
    const zoom = zoomRange(drag.start, drag.end);
    setDrag({});
    if (zoom) {
      setCustom(zoom);
      setChoice("custom");
    }
  };
  const spanText = (at: number) =>
    range && range.to - range.from > 36 * 3_600_000 ? i18n.dateTime(at) : i18n.clockTime(at);

  return (
    <section className="panel history-panel" data-testid="history-panel" data-range={choice}>
      <div className="history-toolbar">
        <div className="range-picker" role="group" aria-label={t("history.range")}>
          {RANGE_CHOICES.map((option) => (
            <button
              key={option}
              type="button"
              className={option === choice ? "range-choice selected" : "range-choice"}
              aria-pressed={option === choice}
              data-testid={`range-${option}`}
              onClick={() => pick(option)}
            >
              {t(`history.range.${option}`)}
            </button>
          ))}
        </div>
        <label className="history-scope">
          {t("history.scope")}
          <select
            value={scopeText}
            onChange={(event) => setScopeText(event.target.value)}
            data-testid="history-scope"
          >
            {scopes.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" data-testid="export-open" onClick={() => setExporting(true)} disabled={!api}>
          {t("history.export")}
        </button>
      </div>
      {choice === "custom" && custom && (
        <div className="custom-range">
          <label>
            {t("history.from")}
            <input
              type="datetime-local"
              data-testid="custom-from"
              value={toLocalInput(custom.from)}
              onChange={(event) => {
                const from = fromLocalInput(event.target.value);
                if (from !== undefined) setCustom({ ...custom, from });
              }}
            />
          </label>
          <label>
            {t("history.to")}
            <input
              type="datetime-local"
              data-testid="custom-to"
              value={toLocalInput(custom.to)}
              onChange={(event) => {
                const to = fromLocalInput(event.target.value);
                if (to !== undefined) setCustom({ ...custom, to });
              }}
            />
          </label>
        </div>
      )}
      {notWriting && (
        <p className="note warning" role="status" data-testid="history-not-writing">
          {t("history.notWriting", { reason: notWriting })}
        </p>
      )}
      {choice === "live" ? (
        props.live
      ) : (
        <div
          ref={box}
          className="history-chart"
          data-testid="history-chart"
          data-points={chart?.rows.length ?? 0}
          data-span-ms={
            chart && chart.rows.length > 1 ? (chart.rows.at(-1)?.at ?? 0) - (chart.rows[0]?.at ?? 0) : 0
          }
          data-resolution={chart?.resolution ?? ""}
        >
          <p className="history-meta">
            {demo && (
              <span className="tag demo" data-testid="history-demo">
                {t("history.demoTag")}
              </span>
            )}
            {range && (
              <span data-testid="history-span">
                {spanText(range.from)} – {spanText(range.to)}
              </span>
            )}
            {chart && (
              <span className="history-resolution" data-testid="history-resolution">
                {chart.fromRollups
                  ? t(`history.fromRollups.${chart.resolution === "1h" ? "1h" : "1m"}`)
                  : t("history.fromRaw")}
              </span>
            )}
          </p>
          {loaded.state === "loading" && <p className="empty">{t("history.loading")}</p>}
          {loaded.state === "failed" && (
            <p className="empty" data-testid="history-failed">
              {t("history.failed", { message: loaded.message })}
            </p>
          )}
          {chart && chart.rows.length === 0 && (
            <p className="empty" data-testid="history-empty">
              {t("history.empty")}
            </p>
          )}
          {chart && chart.rows.length > 0 && (
            <ResponsiveContainer width="100%" height={220}>
              <LineChart
                data={chart.rows}
                margin={{ top: 8, right: 8, bottom: 4, left: 8 }}
                accessibilityLayer={false}
                onMouseDown={(state) =>
                  state?.activeLabel !== undefined && setDrag({ start: Number(state.activeLabel) })
                }
                onMouseMove={(state) =>
                  drag.start !== undefined &&
                  state?.activeLabel !== undefined &&
                  setDrag({ ...drag, end: Number(state.activeLabel) })
                }
                onMouseUp={finishDrag}
              >
                <CartesianGrid strokeDasharray="3 3" stroke="var(--line)" />
                <XAxis
                  dataKey="at"
                  type="number"
                  domain={range ? [range.from, range.to] : ["dataMin", "dataMax"]}
                  tickFormatter={(value: number) => spanText(value)}
                  minTickGap={60}
                  stroke="var(--muted)"
                  fontSize={11}
                />
                <YAxis
                  yAxisId="rate"
                  stroke="var(--muted)"
                  fontSize={11}
                  width={64}
                  tickFormatter={(value: number) => i18n.count(value)}
                />
                {chart.hasThroughput && (
                  <YAxis
                    yAxisId="mbps"
                    orientation="right"
                    stroke="var(--muted)"
                    fontSize={11}
                    width={64}
                    tickFormatter={(value: number) => i18n.count(value)}
                  />
                )}
                <Tooltip
                  labelFormatter={(value) => i18n.dateTime(Number(value))}
                  formatter={(value) =>
                    typeof value === "number" ? value.toLocaleString(i18n.language) : value
                  }
                />
                {chart.markers.map((marker, index) =>
                  marker.end !== undefined && marker.end - marker.at > 60_000 ? (
                    <ReferenceArea
                      key={index}
                      yAxisId="rate"
                      x1={marker.at}
                      x2={marker.end}
                      fill={MARKER_COLOURS[marker.kind]}
                      fillOpacity={0.15}
                    />
                  ) : (
                    <ReferenceLine
                      key={index}
                      yAxisId="rate"
                      x={marker.at}
                      stroke={MARKER_COLOURS[marker.kind]}
                      strokeDasharray="4 3"
                    />
                  ),
                )}
                <Line
                  yAxisId="rate"
                  dataKey="cps"
                  name={t("chart.cps")}
                  stroke="#2456d6"
                  dot={false}
                  isAnimationActive={false}
                  connectNulls={false}
                />
                {chart.hasThroughput && (
                  <Line
                    yAxisId="mbps"
                    dataKey="rxMbps"
                    name={t("chart.rx")}
                    stroke="#137a3d"
                    dot={false}
                    isAnimationActive={false}
                    connectNulls={false}
                  />
                )}
                {chart.hasThroughput && (
                  <Line
                    yAxisId="mbps"
                    dataKey="txMbps"
                    name={t("chart.tx")}
                    stroke="#f79009"
                    strokeDasharray="6 4"
                    dot={false}
                    isAnimationActive={false}
                    connectNulls={false}
                  />
                )}
                {drag.start !== undefined && drag.end !== undefined && (
                  <ReferenceArea
                    yAxisId="rate"
                    x1={drag.start}
                    x2={drag.end}
                    fill="#2456d6"
                    fillOpacity={0.1}
                  />
                )}
              </LineChart>
            </ResponsiveContainer>
          )}
          {chart && chart.markers.length > 0 && (
            <ul className="history-events" data-testid="history-events">
              {chart.markers.map((marker, index) => (
                <li key={index} data-kind={marker.kind} className={`event-${marker.kind}`}>
                  <span className="event-time">{i18n.dateTime(marker.at)}</span>{" "}
                  {t(`history.event.${marker.kind}`)}: {marker.label}
                </li>
              ))}
            </ul>
          )}
          <p className="note">{t("history.axes")}</p>
        </div>
      )}
      {exporting && (
        <ExportDialog
          hostId={hostId}
          scope={scope}
          scopeLabel={scopes.find((option) => option.value === scopeText)?.label ?? t("history.scopeHost")}
          range={range ?? { from: Date.now() - 24 * 3_600_000, to: Date.now() }}
          onClose={() => setExporting(false)}
        />
      )}
    </section>
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
