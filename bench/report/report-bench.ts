/**
 * A full traffic report (HTML and CSV) for one host with 500 backends over 7 days (issue 12:
 * under 3 s). The history is synthetic (bench/report/synthetic-history.ts), so this is the report's
 * own cost: building the document from HistoryQuery answers and writing HTML and CSV.
 * Run: npm run bench -- report
 */
import { buildReport } from "../../core/report/build-report.ts";
import { reportCsv } from "../../core/report/report-csv.ts";
import { reportHtml } from "../../core/report/report-html.ts";
import { printTable } from "../measure.ts";
import { syntheticHistory } from "./synthetic-history.ts";

const TARGET_MS = 3000;
const RUNS = 3;

export async function benchReport(): Promise<void> {
  const history = syntheticHistory("lb1", 2, 250);
  const now = Date.UTC(2026, 11, 7);
  const range = { from: now - 7 * 86_400_000, to: now };
  const times: number[] = [];
  let sizes = { html: 0, csv: 0, series: 0, backends: 0 };
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const doc = await buildReport(history, { scope: { hostId: "lb1" }, range, source: "local store" });
    const html = reportHtml(doc);
    const csv = reportCsv(doc);
    times.push(performance.now() - started);
    sizes = { html: html.length, csv: csv.length, series: doc.series.length, backends: doc.services.reduce((n, s) => n + s.backends.length, 0) };
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  printTable(
    `Report (median of ${RUNS}; spread ${(times[0] as number).toFixed(0)}–${(times.at(-1) as number).toFixed(0)} ms)`,
    ["report", "backends", "series", "HTML", "CSV", "wall ms", "target"],
    [[
      "HTML + CSV, 1 host, 7 days",
      String(sizes.backends),
      String(sizes.series),
      `${(sizes.html / 1_048_576).toFixed(1)} MiB`,
      `${(sizes.csv / 1_048_576).toFixed(1)} MiB`,
      median.toFixed(0),
      median < TARGET_MS ? "meets < 3 s" : `MISSES < 3 s by ${((median - TARGET_MS) / 1000).toFixed(2)} s`,
    ]],
  );
}
