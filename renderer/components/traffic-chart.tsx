import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatClockTime, type TrafficChart as TrafficChartView } from "../view-model/traffic-chart.ts";

export function TrafficChart(props: { chart: TrafficChartView }) {
  const { chart } = props;
  return (
    <section className="panel traffic-chart" data-testid="traffic-chart" data-points={chart.rows.length}>
      <h3>Last 5 minutes</h3>
      {chart.rows.length < 2 ? (
        <p className="empty">Collecting samples…</p>
      ) : (
        <ResponsiveContainer width="100%" height={180}>
          <LineChart data={chart.rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--line)" />
            <XAxis
              dataKey="at"
              type="number"
              domain={["dataMin", "dataMax"]}
              tickFormatter={formatClockTime}
              minTickGap={40}
              stroke="var(--muted)"
              fontSize={11}
            />
            {chart.hasConnections && <YAxis yAxisId="cps" stroke="var(--muted)" fontSize={11} width={56} />}
            {chart.hasThroughput && (
              <YAxis yAxisId="mbps" orientation="right" stroke="var(--muted)" fontSize={11} width={56} />
            )}
            <Tooltip labelFormatter={(value) => formatClockTime(Number(value))} />
            <Legend />
            {chart.hasConnections && (
              <Line
                yAxisId="cps"
                dataKey="cps"
                name="conn/s"
                stroke="#2456d6"
                dot={false}
                isAnimationActive={false}
              />
            )}
            {chart.hasThroughput && (
              <Line
                yAxisId="mbps"
                dataKey="rxMbps"
                name="NIC rx Mbit/s"
                stroke="#137a3d"
                dot={false}
                isAnimationActive={false}
              />
            )}
            {chart.hasThroughput && (
              <Line
                yAxisId="mbps"
                dataKey="txMbps"
                name="NIC tx Mbit/s"
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
