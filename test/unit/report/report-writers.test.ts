import { describe, expect, it } from "vitest";
import { buildReport } from "../../../core/report/build-report.ts";
import { escapeHtml } from "../../../core/report/html-escape.ts";
import { CSV_HEADER, csvField, reportCsv, reportJson } from "../../../core/report/report-csv.ts";
import { ReportDocument } from "../../../core/report/report-document.ts";
import { reportHtml } from "../../../core/report/report-html.ts";
import { HOST, INJECTION, RANGE, trafficPattern } from "../../support/traffic-pattern.ts";
import { expectEvery } from "../../support/expect-every.ts";

/** RFC 4180 reader (quoted fields, doubled quotes, CRLF inside quotes), to read the CSV back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  expect(field).toBe("");
  expect(row).toEqual([]);
  return rows;
}

const TRICKY_HOST = `lb,"one"\r\n${INJECTION}`;

async function doc(hostId = HOST, summary?: string) {
  const { history } = trafficPattern(hostId, summary);
  return buildReport(history, {
    scope: { hostId },
    range: RANGE,
    source: "local store",
    now: () => RANGE.to,
  });
}

describe("CSV", () => {
  it("quotes commas, quotes and line ends as RFC 4180 and reads back field for field", () => {
    for (const text of ["plain", "a,b", 'say "hi"', "two\r\nlines", "lf\nonly", ""]) {
      expect(parseCsv(`${csvField(text)}\r\n`)).toEqual([[text]]);
    }
  });

  it("one row per series per step, ISO 8601 UTC, units in the header, gaps as empty values", async () => {
    const report = await doc(TRICKY_HOST);
    const rows = parseCsv(reportCsv(report));
    expect(rows[0]).toEqual([...CSV_HEADER]);
    const body = rows.slice(1);
    const steps = report.series.reduce((n, s) => n + s.points.length, 0);
    expect(body.length).toBe(steps);
    expect(body.length).toBeGreaterThan(500);
    expectEvery(body, (r) => r.length === CSV_HEADER.length);
    expectEvery(body, (r) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(r[0] as string));
    expect(new Set(body.map((r) => r[3]))).toEqual(new Set([TRICKY_HOST]));
    const gapRows = body.filter((r) => r[10] === "");
    expect(gapRows.length).toBeGreaterThan(0);
    const conns = body.find((r) => r[4] === "ipvs-service" && r[8] === "conns" && r[10] !== "");
    expect(conns?.[9]).toBe("conns/s");
    expect(Number(conns?.[10])).toBeGreaterThan(0);
  });
});

describe("JSON", () => {
  it("is the document, parsing back through the schema", async () => {
    const report = await doc();
    expect(ReportDocument.parse(JSON.parse(reportJson(report)))).toEqual(report);
  });
});

describe("HTML", () => {
  it("refers to nothing outside itself", async () => {
    const html = reportHtml(await doc());
    expect(html.length).toBeGreaterThan(10_000);
    expect(html).toContain("<svg");
    expect(html).not.toMatch(
      /\b(?:src|href|xlink:href|action)\s*=\s*["']?\s*(?:https?:|\/\/|file:|data:text)/i,
    );
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<script\b/i);
    expect(html).not.toMatch(/@import/i);
    expect(html).not.toMatch(/url\(\s*["']?(?!#)/i);
    expect(html).not.toMatch(/<link\b/i);
  });

  it("escapes operator- and host-supplied text in the page and in the SVG", async () => {
    const html = reportHtml(await doc(INJECTION, INJECTION));
    expect(html).not.toContain(INJECTION);
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain(escapeHtml(INJECTION));
    // The audit who, the host name and the action's summary all went through the escape.
    expect(html.split(escapeHtml(INJECTION)).length - 1).toBeGreaterThanOrEqual(4);
  });

  it("draws gaps as gaps: a line breaks at the gap (two M moves in one path)", async () => {
    const html = reportHtml(await doc());
    const paths = [...html.matchAll(/<path d="([^"]+)"/g)].map((m) => m[1] as string);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.some((d) => (d.match(/M/g) ?? []).length >= 2)).toBe(true);
    expect(html).toContain('fill="url(#gap-hatch)"');
  });

  it("shows the figures an operator reviews: minutes above 70 %, shares, events", async () => {
    const html = reportHtml(await doc());
    expect(html).toContain("5.0 min</b> above 70 %");
    expect(html).toContain("Weight share");
    expect(html).toContain("VI_1 BACKUP -&gt; MASTER");
    expect(html).toContain("weight 100 → weight 0");
  });
});

describe("figures from rollups", () => {
  it("the document and the HTML say so when a summary came from 1-hour rollups", async () => {
    const { history } = trafficPattern();
    const exact = history.counterSummary.bind(history);
    history.counterSummary = async (key, range) => {
      const summary = await exact(key, range);
      return summary && { ...summary, resolution: "1h" };
    };
    const report = await buildReport(history, {
      scope: { hostId: HOST },
      range: RANGE,
      source: "local store",
    });
    expect(report.resolution).toMatchObject({ figures: "1h", fromRollups: true });
    expect(report.services[0]?.basis.resolution).toBe("1h");
    const html = reportHtml(report);
    expect(html).toContain("Some figures come from 1-hour rollups");
    expect(html).toContain("figures from 1-hour rollups");
  });
});

describe("backend scope in HTML", () => {
  it("charts the backend's own traffic and lists only it", async () => {
    const { history } = trafficPattern();
    const report = await buildReport(history, {
      scope: { hostId: HOST, service: "203.0.113.80:80", backend: "10.0.0.2:80" },
      range: RANGE,
      source: "local store",
    });
    const html = reportHtml(report);
    expect(html).toContain("Traffic of backend 10.0.0.2:80");
    expect(html).not.toContain(">10.0.0.1:80<");
  });
});
