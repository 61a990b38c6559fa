/**
 * A small pure SVG time chart for the HTML report: lines over a time axis, broken at gaps (a null
 * step ends a line; nothing is drawn across), events drawn as markers (instants) and bands (spans,
 * gaps hatched), an optional threshold line. Returns SVG text; every label is escaped.
 */
import { escapeHtml } from "./html-escape.ts";

export type ChartLine = { label: string; color: string; points: ReadonlyArray<readonly [number, number | null]> };
export type ChartEvent = { at: number; end?: number; kind: "action" | "vrrp-transition" | "drift-alert" | "gap"; label: string };

export interface TimeChart {
  title: string;
  from: number;
  to: number;
  lines: readonly ChartLine[];
  events?: readonly ChartEvent[];
  /** Formats a y value for the axis ("1.2 MB/s"). */
  yFormat: (value: number) => string;
  /** A horizontal line with its label (e.g. 70 % utilisation). */
  threshold?: { value: number; label: string };
  /** Fixed top of the y axis (100 for percent); else the data's max, rounded up. */
  yMax?: number;
}

const W = 860;
const H = 230;
const PAD = { left: 74, right: 14, top: 26, bottom: 40 };
const EVENT_COLORS: Record<ChartEvent["kind"], string> = {
  action: "#7b3fb8",
  "vrrp-transition": "#c0392b",
  "drift-alert": "#b9770e",
  gap: "#888",
};

/** A round axis top: 1, 2, 2.5 or 5 times a power of ten at or above max. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= max) return m * power;
  return 10 * power;
}

const f = (n: number): string => n.toFixed(1);

function timeTicks(from: number, to: number): Array<{ at: number; label: string }> {
  const span = to - from;
  const steps = [60_000, 300_000, 900_000, 3_600_000, 3 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000, 86_400_000, 2 * 86_400_000, 7 * 86_400_000];
  const step = steps.find((s) => span / s <= 8) ?? 30 * 86_400_000;
  const ticks: Array<{ at: number; label: string }> = [];
  for (let at = Math.ceil(from / step) * step; at <= to && ticks.length < 12; at += step) {
    const iso = new Date(at).toISOString();
    const label = step >= 86_400_000 ? iso.slice(5, 10) : span > 86_400_000 ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(11, 16);
    ticks.push({ at, label });
  }
  return ticks;
}

export function timeChartSvg(chart: TimeChart): string {
  const { from, to } = chart;
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  let dataMax = 0;
  for (const line of chart.lines) for (const [, v] of line.points) if (v !== null && v > dataMax) dataMax = v;
  const yMax = chart.yMax ?? niceMax(Math.max(dataMax, chart.threshold?.value ?? 0));
  const x = (at: number): number => PAD.left + ((Math.min(Math.max(at, from), to) - from) / (to - from)) * innerW;
  const y = (v: number): number => PAD.top + innerH - (Math.min(v, yMax) / yMax) * innerH;

  const parts: string[] = [];
  parts.push(`<svg viewBox="0 0 ${W} ${H}" class="chart" role="img" aria-label="${escapeHtml(chart.title)}">`);
  parts.push(`<text x="${PAD.left}" y="16" class="chart-title">${escapeHtml(chart.title)}</text>`);
  // Bands first (under the lines): gaps hatched, other spans tinted.
  for (const e of chart.events ?? []) {
    if (e.end === undefined || e.end <= e.at) continue;
    const x0 = x(e.at);
    const width = Math.max(1, x(e.end) - x0);
    const fill = e.kind === "gap" ? "url(#gap-hatch)" : EVENT_COLORS[e.kind];
    const opacity = e.kind === "gap" ? 1 : 0.12;
    parts.push(`<rect x="${f(x0)}" y="${PAD.top}" width="${f(width)}" height="${innerH}" fill="${fill}" fill-opacity="${opacity}"><title>${escapeHtml(e.label)}</title></rect>`);
  }
  parts.push(`<defs><pattern id="gap-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f2f2f2"/><line x1="0" y1="0" x2="0" y2="6" stroke="#bbb" stroke-width="2"/></pattern></defs>`);
  // Grid and y axis.
  for (let i = 0; i <= 4; i++) {
    const v = (yMax * i) / 4;
    const yy = y(v);
    parts.push(`<line x1="${PAD.left}" y1="${f(yy)}" x2="${W - PAD.right}" y2="${f(yy)}" class="grid"/>`);
    parts.push(`<text x="${PAD.left - 6}" y="${f(yy + 4)}" class="axis" text-anchor="end">${escapeHtml(chart.yFormat(v))}</text>`);
  }
  for (const tick of timeTicks(from, to)) {
    const xx = x(tick.at);
    parts.push(`<line x1="${f(xx)}" y1="${PAD.top + innerH}" x2="${f(xx)}" y2="${PAD.top + innerH + 4}" class="tick"/>`);
    parts.push(`<text x="${f(xx)}" y="${PAD.top + innerH + 16}" class="axis" text-anchor="middle">${escapeHtml(tick.label)}</text>`);
  }
  parts.push(`<text x="${W - PAD.right}" y="${H - 6}" class="axis" text-anchor="end">UTC</text>`);
  if (chart.threshold) {
    const yy = f(y(chart.threshold.value));
    parts.push(`<line x1="${PAD.left}" y1="${yy}" x2="${W - PAD.right}" y2="${yy}" class="threshold"/>`);
    parts.push(`<text x="${W - PAD.right - 4}" y="${Number(yy) - 4}" class="axis threshold-label" text-anchor="end">${escapeHtml(chart.threshold.label)}</text>`);
  }
  // Lines, broken at every null.
  for (const line of chart.lines) {
    let d = "";
    let pen = false;
    for (const [at, v] of line.points) {
      if (v === null) {
        pen = false;
        continue;
      }
      d += `${pen ? "L" : "M"}${f(x(at))} ${f(y(v))}`;
      pen = true;
    }
    if (d) parts.push(`<path d="${d}" fill="none" stroke="${line.color}" stroke-width="1.4" stroke-linejoin="round"><title>${escapeHtml(line.label)}</title></path>`);
  }
  // Instant events: a marker line with a small flag at the top.
  for (const e of chart.events ?? []) {
    if (e.kind === "gap") continue;
    const xx = f(x(e.at));
    parts.push(`<g class="event"><line x1="${xx}" y1="${PAD.top}" x2="${xx}" y2="${PAD.top + innerH}" stroke="${EVENT_COLORS[e.kind]}" stroke-dasharray="3 2"/><circle cx="${xx}" cy="${PAD.top}" r="3.5" fill="${EVENT_COLORS[e.kind]}"/><title>${escapeHtml(e.label)}</title></g>`);
  }
  parts.push(`<rect x="${PAD.left}" y="${PAD.top}" width="${innerW}" height="${innerH}" class="frame"/>`);
  // Legend.
  let lx = PAD.left;
  for (const line of chart.lines) {
    parts.push(`<rect x="${lx}" y="${H - 12}" width="10" height="3" fill="${line.color}"/><text x="${lx + 14}" y="${H - 8}" class="legend">${escapeHtml(line.label)}</text>`);
    lx += 22 + line.label.length * 6.2;
  }
  parts.push("</svg>");
  return parts.join("");
}

export const EVENT_COLOR = EVENT_COLORS;
