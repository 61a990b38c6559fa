/**
 * The chart's legend as plain list items: Recharts' default legend labels each swatch "… legend
 * icon" in English for screen readers; here the swatch is decorative and the series name, from the
 * catalog, is the only text.
 */
import type { LegendPayload } from "recharts";

export function ChartLegend(props: { payload?: readonly LegendPayload[] }) {
  return (
    <ul className="chart-legend recharts-default-legend">
      {(props.payload ?? []).map((entry) => (
        <li key={String(entry.value)} className="recharts-legend-item">
          <span
            className="chart-legend-swatch"
            aria-hidden="true"
            style={{
              borderTopColor: entry.color,
              borderTopStyle: (entry.payload as { strokeDasharray?: unknown } | undefined)?.strokeDasharray
                ? "dashed"
                : "solid",
            }}
          />
          {entry.value}
        </li>
      ))}
    </ul>
  );
}
