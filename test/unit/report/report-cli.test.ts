import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, UsageError } from "../../../cli/exit-codes.ts";
import { reportCommand, type ReportDeps } from "../../../cli/commands/report.ts";
import { reportTime } from "../../../cli/commands/report-time.ts";
import { ReportDocument } from "../../../core/report/report-document.ts";
import { PdfPrintError } from "../../../core/report/pdf-printer.ts";
import { HOST, RANGE, SERVICE, BACKENDS, trafficPattern } from "../../support/traffic-pattern.ts";

const dir = mkdtempSync(join(tmpdir(), "fulcrum-report-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function deps(out: string[] = [], err: string[] = []): ReportDeps {
  return {
    openHistory: async () => trafficPattern().history,
    pdfPrinter: {
      print: () => Promise.reject(new PdfPrintError("chromium-not-installed", "install the Debian package chromium")),
    },
    now: () => RANGE.to,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

describe("fulcrum report times", () => {
  const now = Date.UTC(2026, 11, 7, 12, 0, 0);
  it("reads ISO 8601 (UTC without a zone) and relative times", () => {
    expect(reportTime("--from", "now", now)).toBe(now);
    expect(reportTime("--from", "-24h", now)).toBe(now - 86_400_000);
    expect(reportTime("--from", "-7d", now)).toBe(now - 7 * 86_400_000);
    expect(reportTime("--from", "-30m", now)).toBe(now - 1_800_000);
    expect(reportTime("--from", "2026-12-01T08:00", now)).toBe(Date.UTC(2026, 11, 1, 8));
    expect(reportTime("--from", "2026-12-01", now)).toBe(Date.UTC(2026, 11, 1));
    expect(reportTime("--from", "2026-12-01T09:00:00+01:00", now)).toBe(Date.UTC(2026, 11, 1, 8));
  });
  it.each(["yesterday", "-24", "24h", "2026-13-01", "2026-12-01T25:00Z", "", "-1w"])("refuses %j", (text) => {
    expect(() => reportTime("--from", text, now)).toThrow(UsageError);
  });
});

describe("fulcrum report (injected history)", () => {
  it("writes a JSON report of one service that parses back through the schema", async () => {
    const out = join(dir, "r.json");
    const code = await reportCommand(
      [HOST, "--service", SERVICE, "--from", iso(RANGE.from), "--to", "now", "--format", "json", "--out", out],
      deps(),
    );
    expect(code).toBe(EXIT_OK);
    const doc = ReportDocument.parse(JSON.parse(readFileSync(out, "utf8")));
    expect(doc.scope).toEqual({ hostId: HOST, service: SERVICE, backend: null });
    expect(doc.services[0]?.backends).toHaveLength(3);
  });

  it("takes service and backend as drain does (canonical keys)", async () => {
    const out = join(dir, "b.csv");
    const code = await reportCommand(
      [HOST, "--service", "203.0.113.80:80", "--backend", "[2001:DB8::3]:80", "--from", "-1h", "--to", "now", "--format", "csv", "--out", out],
      deps(),
    );
    expect(code).toBe(EXIT_OK);
    const csv = readFileSync(out, "utf8");
    expect(csv).toContain(BACKENDS[2]);
    expect(csv).not.toContain(BACKENDS[0]);
  });

  it("a range with no data says so, exits 1 and writes nothing", async () => {
    const err: string[] = [];
    const out = join(dir, "empty.html");
    const code = await reportCommand(
      [HOST, "--from", "2020-01-01T00:00Z", "--to", "2020-01-02T00:00Z", "--format", "html", "--out", out],
      deps([], err),
    );
    expect(code).toBe(EXIT_FAILED);
    expect(err.join("")).toMatch(/no recorded data for lb1 .*nothing written/);
    expect(readdirSync(dir)).not.toContain("empty.html");
  });

  it("a PDF without Chromium names the package and leaves no partial file", async () => {
    const out = join(dir, "r.pdf");
    await expect(
      reportCommand([HOST, "--from", "-1h", "--to", "now", "--format", "pdf", "--out", out], deps()),
    ).rejects.toMatchObject({ code: "chromium-not-installed" });
    expect(readdirSync(dir).filter((f) => f.startsWith("r.pdf"))).toEqual([]);
  });

  it.each([
    [["--from", "-1h", "--to", "now", "--format", "xml", "--out", "x"]],
    [["--from", "-1h", "--to", "-2h", "--format", "csv", "--out", "x"]],
    [["--from", "-1h", "--to", "now", "--format", "csv"]],
    [["--backend", "10.0.0.1:80", "--from", "-1h", "--to", "now", "--format", "csv", "--out", "x"]],
    [["--service", "haproxy:web", "--from", "-1h", "--to", "now", "--format", "csv", "--out", "x"]],
  ])("bad input is a UsageError: %j", async (args) => {
    await expect(reportCommand([HOST, ...args], deps())).rejects.toBeInstanceOf(UsageError);
  });
});

describe("fulcrum report (the real CLI)", () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, ["cli/fulcrum.ts", "report", ...args], {
      encoding: "utf8",
      env: { ...process.env, FULCRUM_DATA: dir },
      timeout: 30_000,
    });

  it("a bad time exits 2 before anything is read", () => {
    const result = run([HOST, "--from", "yesterday", "--to", "now", "--format", "csv", "--out", join(dir, "x.csv")]);
    expect(result.status).toBe(EXIT_BAD_INPUT);
    expect(result.stderr).toMatch(/--from takes an ISO 8601 time/);
  });

  it("with nothing recorded in the data folder says so and exits 1", () => {
    const result = run([HOST, "--from", "-1h", "--to", "now", "--format", "csv", "--out", join(dir, "x.csv")]);
    expect(result.status).toBe(EXIT_FAILED);
    expect(result.stderr).toMatch(/no history recorded in .* yet/);
  });

  it("--help explains it with examples", () => {
    const result = run(["--help"]);
    expect(result.status).toBe(EXIT_OK);
    expect(result.stdout).toMatch(/examples:\n {2}fulcrum report lb1/);
  });
});
