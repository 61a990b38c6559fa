/**
 * fulcrum report HOST [--service S] [--backend B] --from T --to T --format csv|json|html|pdf --out FILE:
 * a traffic report from recorded history (docs/reports.md). Reads only the data folder's history;
 * never connects. Exit 2 for bad input (nothing read), 1 when the range has no data or history
 * cannot be read, 0 with the file written. The file appears whole or not at all (written beside,
 * then renamed).
 */
import { rename, rm, writeFile } from "node:fs/promises";
import { fulcrumDataFolder } from "../../core/data-folder.ts";
import type { HistoryQuery } from "../../core/history/history-query.ts";
import { buildReport, reportHasData } from "../../core/report/build-report.ts";
import { openHistoryQuery } from "../../core/report/open-history.ts";
import { HistoryError } from "../../core/history/history-database.ts";
import {
  createPrometheusClient,
  parsePrometheusUrl,
  PrometheusError,
} from "../../core/prometheus/prometheus-client.ts";
import { createPrometheusHistory } from "../../core/prometheus/prometheus-history.ts";
import { authFrom, optionalAuth, PROMETHEUS_VALUE_FLAGS } from "./prometheus-snapshot.ts";
import type { PdfPrinter } from "../../core/report/pdf-printer.ts";
import { reportCsv, reportJson } from "../../core/report/report-csv.ts";
import { reportHtml } from "../../core/report/report-html.ts";
import { EXIT_FAILED, EXIT_OK, UsageError } from "../exit-codes.ts";
import { parseFlags } from "../flags.ts";
import { validateService, validateTarget } from "./action-target-args.ts";
import { chromiumPdfPrinter } from "./chromium-pdf.ts";
import { reportRange } from "./report-time.ts";

export const REPORT_HELP = `usage: fulcrum report HOST [--service S] [--backend B] --from T --to T --format csv|json|html|pdf --out FILE

A traffic report from recorded history (fulcrum record, or the app while it runs): per service and
backend the exact totals (conns, packets, bytes), peak, mean and p95 rates, each backend's share of
traffic against its share of weight, NIC utilisation against link speed with the minutes above 70 %,
and the events of the range (actions with who and before/after, VRRP transitions, drift alerts, gaps).

  HOST           the host as recorded (its alias from ~/.ssh/config)
  --service S    one IPVS service: ADDR:PORT (tcp), udp:ADDR:PORT, sctp:ADDR:PORT, fwm:MARK, [IPv6]:PORT
  --backend B    one backend of that service: ADDR:PORT (needs --service)
  --from, --to   ISO 8601 (2026-12-01T08:00:00Z; UTC when no zone is given), or now, -30m, -24h, -7d
  --format       csv (one row per series per step), json (versioned document), html (one
                 self-contained file, printable), pdf (the HTML printed by Chromium: package chromium)
  --out FILE     where to write it
  --prometheus URL  read the same series from the site's Prometheus (what Fulcrum's exporter put
                 there) instead of the local store; the report says which source it used

examples:
  fulcrum report lb1 --from -7d --to now --format html --out lb1-week.html
  fulcrum report lb1 --service 203.0.113.80:443 --from 2026-12-01T00:00Z --to 2026-12-02T00:00Z --format pdf --out web.pdf
  fulcrum report lb1 --service 203.0.113.80:443 --backend 10.0.0.11:443 --from -24h --to now --format csv --out b11.csv

exit status: 0 written, 1 no data in the range or history not readable, 2 bad input (nothing done)
`;

const FORMATS = ["csv", "json", "html", "pdf"] as const;
type Format = (typeof FORMATS)[number];

export interface ReportDeps {
  openHistory: (dataFolder: string) => Promise<HistoryQuery>;
  pdfPrinter: PdfPrinter;
  now: () => number;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const defaultDeps: ReportDeps = {
  openHistory: openHistoryQuery,
  pdfPrinter: chromiumPdfPrinter(),
  now: Date.now,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

function required(flags: ReturnType<typeof parseFlags>, name: string): string {
  const value = flags.values.get(name)?.[0];
  if (value === undefined) throw new UsageError(`fulcrum report needs ${name} (fulcrum report --help)`);
  return value;
}

export async function reportCommand(args: string[], deps: ReportDeps = defaultDeps): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    deps.stdout(REPORT_HELP);
    return EXIT_OK;
  }
  const flags = parseFlags(args, {
    values: ["--service", "--backend", "--from", "--to", "--format", "--out", ...PROMETHEUS_VALUE_FLAGS],
  });
  const [hostId, ...extra] = flags.positionals;
  if (hostId === undefined || extra.length > 0) throw new UsageError("fulcrum report takes one HOST (fulcrum report --help)");
  const format = required(flags, "--format");
  if (!(FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format takes csv, json, html or pdf, not ${JSON.stringify(format)}`);
  const out = required(flags, "--out");
  const now = deps.now();
  const range = reportRange(required(flags, "--from"), required(flags, "--to"), now);
  const serviceText = flags.values.get("--service")?.[0];
  const backendText = flags.values.get("--backend")?.[0];
  if (backendText !== undefined && serviceText === undefined)
    throw new UsageError("--backend needs --service (a backend is named within its service)");
  const target =
    serviceText === undefined
      ? {}
      : backendText === undefined
        ? { service: validateService(serviceText) }
        : validateTarget(serviceText, backendText);

  const prometheusUrl = flags.values.get("--prometheus")?.[0];
  let history: HistoryQuery;
  try {
    if (prometheusUrl === undefined) history = await deps.openHistory(fulcrumDataFolder());
    else {
      try {
        parsePrometheusUrl(prometheusUrl);
      } catch (error) {
        throw new UsageError(`--prometheus: ${(error as Error).message}`);
      }
      history = createPrometheusHistory(createPrometheusClient({ url: prometheusUrl, ...optionalAuth(authFrom(flags)) }));
    }
  } catch (error) {
    if (!(error instanceof HistoryError)) throw error;
    deps.stderr(`fulcrum: ${error.message}\n`);
    return EXIT_FAILED;
  }
  let report;
  try {
    report = await buildReport(history, {
      scope: { hostId, ...target },
      range,
      source: prometheusUrl === undefined ? "local store" : "prometheus",
      now: () => now,
    });
  } catch (error) {
    if (!(error instanceof PrometheusError)) throw error;
    deps.stderr(`fulcrum: ${error.message} [${error.problem}]\n`);
    return EXIT_FAILED;
  }
  if (!reportHasData(report)) {
    deps.stderr(
      `fulcrum: no recorded data for ${hostId}${target.service ? ` ${target.service}` : ""}${"backend" in target ? ` ${target.backend}` : ""} from ${report.range.from} to ${report.range.to}; nothing written\n`,
    );
    return EXIT_FAILED;
  }
  await writeWhole(out, format as Format, report, deps.pdfPrinter);
  deps.stdout(`wrote ${out} (${format}, ${report.range.from} to ${report.range.to}, figures from ${report.resolution.figures})\n`);
  return EXIT_OK;
}

async function writeWhole(
  out: string,
  format: Format,
  report: Awaited<ReturnType<typeof buildReport>>,
  printer: PdfPrinter,
): Promise<void> {
  const partial = `${out}.partial-${process.pid}`;
  try {
    if (format === "pdf") await printer.print(reportHtml(report), partial);
    else await writeFile(partial, format === "csv" ? reportCsv(report) : format === "json" ? reportJson(report) : reportHtml(report));
    await rename(partial, out);
  } finally {
    await rm(partial, { force: true });
  }
}
