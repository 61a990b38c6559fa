/**
 * The report's chart series as CSV (RFC 4180: CRLF line ends, fields with a comma, quote, CR or LF
 * quoted, quotes doubled): one row per series per step, ISO 8601 UTC timestamps, units in the
 * headers. A gap is a row with an empty value. Columns: docs/reports.md.
 */
import type { ReportDocument } from "./report-document.ts";

export const CSV_HEADER = [
  "timestamp (ISO 8601 UTC)",
  "step (s)",
  "resolution",
  "host",
  "subject",
  "service",
  "backend",
  "nic",
  "metric",
  "unit",
  "value (unit)",
] as const;

export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const row = (fields: readonly string[]): string => `${fields.map(csvField).join(",")}\r\n`;

/** Written in pieces so 500 backends over 7 days never build one giant string twice. */
export function* reportCsvChunks(report: ReportDocument): Generator<string> {
  yield row(CSV_HEADER);
  const host = report.scope.hostId;
  for (const s of report.series) {
    const fixed = [s.resolution, host, s.subject, s.service ?? "", s.backend ?? "", s.nic ?? "", s.metric, s.unit];
    const step = String(s.stepSeconds);
    let lines = "";
    for (const [at, value] of s.points) {
      lines += row([at, step, ...fixed, value === null ? "" : String(value)]);
    }
    yield lines;
  }
}

export function reportCsv(report: ReportDocument): string {
  return [...reportCsvChunks(report)].join("");
}

/** The document as JSON (validated shape; u64 totals already decimal strings). */
export function reportJson(report: ReportDocument): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
