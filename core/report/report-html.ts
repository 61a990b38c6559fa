/**
 * The report as ONE self-contained HTML file: inline CSS and inline SVG charts (svg-chart.ts), no
 * script, no font, no request to anything outside it; print CSS with page breaks so the same file
 * prints to the PDF. Every string from the document goes through escapeHtml.
 */
import type { BackendReport, NicReport, ReportDocument, ReportEvent, ReportSeries, ServiceReport } from "./report-document.ts";
import { TOTAL_FIELDS } from "./report-document.ts";
import { escapeHtml as e } from "./html-escape.ts";
import { timeChartSvg, EVENT_COLOR, type ChartEvent, type ChartLine } from "./svg-chart.ts";
import { durationText, groupedU64, percent, si, utcText } from "./report-units.ts";

const COLORS = { in: "#1f6fb2", out: "#e67e22", conns: "#2e8b57", active: "#8e44ad", util: "#c0392b", rx: "#1f6fb2", tx: "#e67e22" };
const RESOLUTION_TEXT = { raw: "raw samples (exact)", "1m": "1-minute rollups", "1h": "1-hour rollups" } as const;
const FIELD_LABEL = { conns: "Connections", inPkts: "Packets in", outPkts: "Packets out", inBytes: "Bytes in", outBytes: "Bytes out" } as const;
const FIELD_UNIT = { conns: "conn", inPkts: "pkt", outPkts: "pkt", inBytes: "B", outBytes: "B" } as const;
const EVENT_LABEL = { action: "Action", "vrrp-transition": "VRRP", "drift-alert": "Drift", gap: "Gap" } as const;

const CSS = `
:root { color-scheme: light; }
body { font: 13px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1d232b; margin: 24px auto; max-width: 900px; padding: 0 16px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 2px solid #1f6fb2; padding-bottom: 3px; }
h3 { font-size: 14px; margin: 18px 0 6px; color: #333; }
.meta { color: #555; margin: 0 0 4px; } .meta b { color: #1d232b; }
.note { background: #fff7e0; border-left: 3px solid #e0a800; padding: 6px 10px; margin: 8px 0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-variant-numeric: tabular-nums; }
th, td { text-align: right; padding: 3px 6px; border-bottom: 1px solid #e3e6ea; vertical-align: top; }
td { white-space: nowrap; } td.text.wrap { white-space: normal; } table.backends { font-size: 11.5px; } table.backends th { font-size: 11px; }
.key-t { color: #1f6fb2; } .key-w { color: #8a9bb0; }
th { background: #f3f5f8; font-weight: 600; } th:first-child, td:first-child, td.text, th.text { text-align: left; }
thead { display: table-header-group; } tr { break-inside: avoid; }
.chart { width: 100%; height: auto; display: block; margin: 4px 0 10px; break-inside: avoid; }
.chart-title { font-size: 12px; font-weight: 600; fill: #1d232b; } .axis { font-size: 10px; fill: #555; } .legend { font-size: 10px; fill: #333; }
.grid { stroke: #e6e8eb; } .tick { stroke: #999; } .frame { fill: none; stroke: #c8ccd2; }
.threshold { stroke: #c0392b; stroke-dasharray: 5 3; } .threshold-label { fill: #c0392b; }
.bars { width: 70px; } .bar { height: 6px; margin: 2px 0; border-radius: 2px; } .bar.t { background: #1f6fb2; } .bar.w { background: #b8c4d0; }
.off { color: #b03a2e; font-weight: 600; }
.kind { display: inline-block; padding: 0 6px; border-radius: 3px; color: #fff; font-size: 11px; }
.summary-grid { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px; margin: 10px 0; }
.card { border: 1px solid #dde1e6; border-radius: 4px; padding: 6px 10px; } .card .v { font-size: 16px; font-weight: 600; } .card .l { color: #555; font-size: 11px; }
footer { color: #777; font-size: 11px; margin-top: 30px; border-top: 1px solid #ddd; padding-top: 6px; }
@page { size: A4; margin: 14mm 12mm; }
@media print { body { margin: 0; max-width: none; padding: 0; font-size: 11px; } section.service + section.service, section.nics, section.events { break-before: page; } h2 { break-after: avoid; } h3 { break-after: avoid; } }
`;

const ms = (iso: string): number => Date.parse(iso);

function chartEvents(events: readonly ReportEvent[]): ChartEvent[] {
  return events.map((event) => ({
    at: ms(event.at),
    ...(event.end ? { end: ms(event.end) } : {}),
    kind: event.kind,
    label: `${EVENT_LABEL[event.kind]} ${utcText(event.at)}: ${event.summary}`,
  }));
}

function points(series: ReportSeries | undefined, scale = 1): Array<[number, number | null]> {
  return (series?.points ?? []).map(([at, v]) => [ms(at), v === null ? null : v * scale]);
}

function findSeries(report: ReportDocument, match: Partial<ReportSeries>): ReportSeries | undefined {
  return report.series.find((s) =>
    Object.entries(match).every(([k, v]) => (s as Record<string, unknown>)[k] === v),
  );
}

function chart(report: ReportDocument, title: string, lines: ChartLine[], unit: string, extra: Partial<Parameters<typeof timeChartSvg>[0]> = {}): string {
  return timeChartSvg({
    title,
    from: ms(report.range.from),
    to: ms(report.range.to),
    // A metric that was not recorded gets neither a line nor a legend entry.
    lines: lines.filter((line) => line.points.length > 0),
    events: chartEvents(report.events),
    yFormat: (v) => si(v, unit),
    ...extra,
  });
}

function figuresTable(s: ServiceReport | BackendReport): string {
  const rows = TOTAL_FIELDS.map((field) => {
    const r = s.rates[field];
    const u = FIELD_UNIT[field];
    return `<tr><td>${FIELD_LABEL[field]}</td><td>${groupedU64(s.totals[field])}</td><td>${si(Number(s.totals[field]), u)}</td><td>${si(r.peak, `${u}/s`)}</td><td>${si(r.p95, `${u}/s`)}</td><td>${si(r.mean, `${u}/s`)}</td></tr>`;
  }).join("");
  return `<table><thead><tr><th class="text">Counter</th><th>Total (exact)</th><th>Total</th><th>Peak rate</th><th>p95 rate</th><th>Mean rate</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function basisLine(basis: ServiceReport["basis"]): string {
  const resets = basis.resets > 0 ? `; ${basis.resets} counter reset${basis.resets > 1 ? "s" : ""} in the range (totals count across them)` : "";
  return `<p class="meta">Data for ${durationText(basis.coveredSeconds)} of the range, figures from ${RESOLUTION_TEXT[basis.resolution]}${resets}.</p>`;
}

function sharesTable(backends: readonly BackendReport[]): string {
  if (backends.length === 0) return `<p class="meta">No backend recorded in this range.</p>`;
  // History does not record the forward method; the column shows only when the caller knew it.
  const forward = backends.some((b) => b.forward !== null);
  // Bars are scaled to the largest share in the table, so small shares of many backends stay visible.
  const top = Math.max(0.0001, ...backends.flatMap((b) => [b.share.bytes ?? 0, b.share.weight ?? 0]));
  const width = (value: number | null): string => (((value ?? 0) / top) * 100).toFixed(1);
  const rows = backends.map((b) => {
    const t = b.share.bytes;
    const w = b.share.weight;
    // A backend whose traffic share is off its weight share by more than a fifth (and 2 points) is flagged.
    const off = t !== null && w !== null && Math.abs(t - w) > Math.max(0.02, w * 0.2);
    const bars = `<div class="bar t" style="width:${width(t)}%"></div><div class="bar w" style="width:${width(w)}%"></div>`;
    const weight = b.weight ? (b.weight.min === b.weight.max ? `${b.weight.last}` : `${b.weight.min}–${b.weight.max} (now ${b.weight.last})`) : "–";
    return `<tr><td class="text">${e(b.backend)}</td>${forward ? `<td class="text">${e(b.forward ?? "–")}</td>` : ""}<td>${e(weight)}</td><td>${percent(w)}</td><td${off ? ' class="off"' : ""}>${percent(t)}</td><td>${percent(b.share.conns)}</td><td>${groupedU64(b.totals.conns)}</td><td>${si(Number(b.totals.inBytes) + Number(b.totals.outBytes), "B")}</td><td>${si(b.rates.conns.peak, "")}</td><td>${si(b.rates.conns.p95, "")}</td><td class="bars">${bars}</td></tr>`;
  });
  return `<table class="backends"><thead><tr><th class="text">Backend</th>${forward ? '<th class="text">Forward</th>' : ""}<th>Weight</th><th>Weight share</th><th>Traffic share</th><th>Conn share</th><th>Connections</th><th>Bytes</th><th>Peak (conn/s)</th><th>p95 (conn/s)</th><th class="text"><span class="key-t">■</span> traffic<br><span class="key-w">■</span> weight</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function serviceSection(report: ReportDocument, s: ServiceReport): string {
  const of = (metric: string, subject: ReportSeries["subject"] = "ipvs-service", backend: string | null = null) =>
    findSeries(report, { subject, service: s.service, metric, ...(backend ? { backend } : {}) });
  const traffic = chart(report, `Traffic of ${s.service} (bytes/s)`, [
    { label: "in", color: COLORS.in, points: points(of("inBytes")) },
    { label: "out", color: COLORS.out, points: points(of("outBytes")) },
  ], "B/s");
  const conns = chart(report, `New connections and active connections of ${s.service}`, [
    { label: "new conn/s", color: COLORS.conns, points: points(of("conns")) },
    { label: "active conns", color: COLORS.active, points: points(of("activeConns")) },
  ], "");
  const backendCharts = report.scope.backend
    ? s.backends
        .map((b) => chart(report, `Traffic of backend ${b.backend} (bytes/s)`, [
          { label: "in", color: COLORS.in, points: points(of("inBytes", "ipvs-backend", b.backend)) },
          { label: "out", color: COLORS.out, points: points(of("outBytes", "ipvs-backend", b.backend)) },
        ], "B/s") + `<h3>Figures of ${e(b.backend)}</h3>${basisLine(b.basis)}${figuresTable(b)}`)
        .join("")
    : "";
  return `<section class="service"><h2>Service ${e(s.service)}</h2>${basisLine(s.basis)}
<div class="summary-grid"><div class="card"><div class="v">${si(Number(s.totals.inBytes) + Number(s.totals.outBytes), "B")}</div><div class="l">bytes in + out over the range</div></div>
<div class="card"><div class="v">${si(s.rates.inBytes.peak + 0, "B/s")} / ${si(s.rates.inBytes.p95, "B/s")}</div><div class="l">peak / p95 of bytes in per second</div></div>
<div class="card"><div class="v">${groupedU64(s.totals.conns)}</div><div class="l">connections${s.activeConns ? `; active ${s.activeConns.min}–${s.activeConns.max}` : ""}</div></div></div>
${traffic}${conns}<h3>Totals and rates</h3>${figuresTable(s)}
<h3>Backends: share of traffic against share of weight</h3>${sharesTable(s.backends)}${backendCharts}</section>`;
}

function nicSection(report: ReportDocument, nic: NicReport): string {
  const rx = findSeries(report, { subject: "nic", nic: nic.nic, metric: "rxBytes" });
  const tx = findSeries(report, { subject: "nic", nic: nic.nic, metric: "txBytes" });
  const speed = nic.speedMbps;
  const u = nic.utilisation;
  const lines: ChartLine[] = speed
    ? [
        { label: "rx % of link", color: COLORS.rx, points: points(rx, 800 / (speed * 1e6)) },
        { label: "tx % of link", color: COLORS.tx, points: points(tx, 800 / (speed * 1e6)) },
      ]
    : [
        { label: "rx bit/s", color: COLORS.rx, points: points(rx, 8) },
        { label: "tx bit/s", color: COLORS.tx, points: points(tx, 8) },
      ];
  const svg = speed
    ? chart(report, `${nic.nic}: utilisation of its ${si(speed * 1e6, "bit/s")} link`, lines, "", {
        yMax: 100,
        yFormat: (v) => `${v.toFixed(0)} %`,
        threshold: { value: 70, label: "70 %" },
      })
    : chart(report, `${nic.nic}: throughput (link speed unknown)`, lines, "bit/s");
  const figures = u
    ? `<p class="meta">Peak <b>${u.peakPercent.toFixed(1)} %</b>, p95 <b>${u.p95Percent.toFixed(1)} %</b>; <b>${u.minutesAbove70.toFixed(1)} min</b> above 70 % (from ${RESOLUTION_TEXT[u.resolution]}). A NAT (masq) director carries both directions of every connection, so this is its ceiling.</p>`
    : `<p class="meta">No link speed recorded: utilisation cannot be computed.</p>`;
  const rates = `<table><thead><tr><th class="text">Direction</th><th>Peak</th><th>p95</th><th>Mean</th></tr></thead><tbody>
<tr><td>receive</td><td>${si(nic.rxBitsPerSecond.peak, "bit/s")}</td><td>${si(nic.rxBitsPerSecond.p95, "bit/s")}</td><td>${si(nic.rxBitsPerSecond.mean, "bit/s")}</td></tr>
<tr><td>transmit</td><td>${si(nic.txBitsPerSecond.peak, "bit/s")}</td><td>${si(nic.txBitsPerSecond.p95, "bit/s")}</td><td>${si(nic.txBitsPerSecond.mean, "bit/s")}</td></tr></tbody></table>`;
  return `<h3>${e(nic.nic)}</h3>${svg}${figures}${rates}`;
}

function eventsSection(events: readonly ReportEvent[]): string {
  if (events.length === 0) return `<section class="events"><h2>Events</h2><p class="meta">No events in this range.</p></section>`;
  const rows = events.map((ev) => {
    const when = ev.end ? `${utcText(ev.at)} –<br>${utcText(ev.end)}` : utcText(ev.at);
    const change = ev.before !== null || ev.after !== null ? `${e(ev.before ?? "–")} → ${e(ev.after ?? "–")}` : "";
    const detail = [ev.reason ? e(ev.reason) : "", ev.auditId ? `audit ${e(ev.auditId)}` : ""].filter(Boolean).join("; ");
    return `<tr><td class="text">${when}</td><td class="text"><span class="kind" style="background:${EVENT_COLOR[ev.kind]}">${EVENT_LABEL[ev.kind]}</span></td><td class="text wrap">${e(ev.summary)}</td><td class="text wrap">${e(ev.who ?? "")}</td><td class="text wrap">${change}</td><td class="text wrap">${detail}</td></tr>`;
  });
  return `<section class="events"><h2>Events</h2><p class="meta">Drawn on the charts: actions, VRRP transitions and drift alerts as dashed markers, gaps as hatched bands (no line is drawn across a gap).</p>
<table><thead><tr><th class="text">When (UTC)</th><th class="text">Kind</th><th class="text">What</th><th class="text">Who</th><th class="text">Before → after</th><th class="text">Detail</th></tr></thead><tbody>${rows.join("")}</tbody></table></section>`;
}

export function reportHtml(report: ReportDocument): string {
  const scope = [report.scope.hostId, report.scope.service, report.scope.backend].filter((x) => x !== null).join(" / ");
  const rollupNote = report.resolution.fromRollups
    ? `<p class="note">Some figures come from ${RESOLUTION_TEXT[report.resolution.figures]}, not raw samples: totals stay exact (counter deltas), peaks and p95 are those of the rollup steps.</p>`
    : "";
  const gaps = report.events.filter((ev) => ev.kind === "gap");
  const gapNote = gaps.length > 0 ? `<p class="note">${gaps.length} gap${gaps.length > 1 ? "s" : ""} in the recording (listed under Events, hatched on the charts).</p>` : "";
  const services = report.services.length > 0 ? report.services.map((s) => serviceSection(report, s)).join("") : `<p class="meta">No IPVS service recorded in this range.</p>`;
  const nics = report.nics.length > 0 ? `<section class="nics"><h2>NIC utilisation against link speed</h2>${report.nics.map((n) => nicSection(report, n)).join("")}</section>` : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Traffic report: ${e(scope)}, ${e(utcText(report.range.from))} to ${e(utcText(report.range.to))}</title><style>${CSS}</style></head>
<body><header><h1>Traffic report: ${e(scope)}</h1>
<p class="meta"><b>${e(utcText(report.range.from))}</b> to <b>${e(utcText(report.range.to))}</b> · source: ${e(report.source)} · charts from ${RESOLUTION_TEXT[report.resolution.charts]} · generated ${e(utcText(report.generatedAt))}</p>
${rollupNote}${gapNote}</header>
${services}${nics}${eventsSection(report.events)}
<footer>Fulcrum traffic report, schema ${e(report.schema)} v${report.version}. Totals are exact differences of the kernel's cumulative counters, summed across counter resets. All times UTC.</footer>
</body></html>
`;
}
