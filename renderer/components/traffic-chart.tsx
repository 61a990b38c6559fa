/**
 * The host's last five minutes: new connections per second (IPVS) or new sessions per second
 * (HAProxy) on the left axis, NIC throughput in Mbit/s on the right, local time below; each axis
 * names its unit, so nobody reads Mbit/s as connections.
 */
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartLegend } from "./chart-legend.tsx";
import { useI18n } from "../state/i18n-context.tsx";
import type { TrafficChart as TrafficChartView } from "../view-model/traffic-chart.ts";

const RATE_AXIS = {
  connections: "chart.axisRate",
  sessions: "chart.axisSessions",
  both: "chart.axisBoth",
} as const;

export function TrafficChart(props: { chart: TrafficChartView }) {
  const { chart } = props;
  const i18n = useI18n();
  const { t } = i18n;
  const axisLabel = (value: string, angle: number) => ({
    value,
    angle,
    position: angle < 0 ? ("insideLeft" as const) : ("insideRight" as const),
    style: { textAnchor: "middle" as const, fill: "var(--muted)", fontSize: 11 },
  });
  return (
    <section className="panel traffic-chart" data-testid="traffic-chart" data-points={chart.rows.length}>
      <h3>{t("chart.title")}</h3>
      {chart.rows.length < 2 ? (
        <p className="empty">{t("chart.collecting")}</p>
      ) : (
        <ResponsiveContainer width="100%" height={200}>
          <LineChart
            data={chart.rows}
            margin={{ top: 4, right: 8, bottom: 12, left: 8 }}
            accessibilityLayer={false}
          >
            <CartesianGrid strokeDasharray="3 3" stroke="var(--line)" />
            <XAxis
              dataKey="at"
              type="number"
              domain={["dataMin", "dataMax"]}
              ticks={chart.timeTicks}
              tickFormatter={(value: number) => i18n.clockTime(value)}
              minTickGap={40}
              stroke="var(--muted)"
              fontSize={11}
              label={{
                value: t("chart.axisTime"),
                position: "insideBottom",
                offset: -8,
                style: { fill: "var(--muted)", fontSize: 11 },
              }}
            />
            {chart.hasRate && (
              <YAxis
                yAxisId="rate"
                stroke="var(--muted)"
                fontSize={11}
                width={64}
                tickFormatter={(value: number) => i18n.count(value)}
                label={axisLabel(t(RATE_AXIS[chart.rateKind]), -90)}
              />
            )}
            {chart.hasThroughput && (
              <YAxis
                yAxisId="mbps"
                orientation="right"
                stroke="var(--muted)"
                fontSize={11}
                width={64}
                tickFormatter={(value: number) => i18n.count(value)}
                label={axisLabel(t("chart.axisMbps"), 90)}
              />
            )}
            <Tooltip
              labelFormatter={(value) => i18n.clockTime(Number(value))}
              formatter={(value) => (typeof value === "number" ? value.toLocaleString(i18n.language) : value)}
            />
            <Legend
              verticalAlign="top"
              height={28}
              content={(legend) => <ChartLegend payload={legend.payload} />}
            />
            {chart.hasConnections && (
              <Line
                yAxisId="rate"
                dataKey="cps"
                name={t("chart.cps")}
                stroke="#2456d6"
                dot={false}
                isAnimationActive={false}
              />
            )}
            {chart.hasSessions && (
              <Line
                yAxisId="rate"
                dataKey="sessions"
                name={t("chart.sessionRate")}
                stroke="#7a3fd1"
                dot={false}
                isAnimationActive={false}
              />
            )}
            {chart.hasThroughput && (
              <Line
                yAxisId="mbps"
                dataKey="rxMbps"
                name={t("chart.rx")}
                stroke="#137a3d"
                dot={false}
                isAnimationActive={false}
              />
            )}
            {chart.hasThroughput && (
              <Line
                yAxisId="mbps"
                dataKey="txMbps"
                name={t("chart.tx")}
                strokeDasharray="6 4"
                stroke="#f79009"
                dot={false}
                isAnimationActive={false}
              />
            )}
          </LineChart>
        </ResponsiveContainer>
      )}
    </section>
  );
}
