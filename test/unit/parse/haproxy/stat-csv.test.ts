import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { HaproxyStatRow } from "../../../../core/model/haproxy.ts";
import { ParseError } from "../../../../core/model/parse-error.ts";
import { parseHaproxyStat } from "../../../../core/parse/haproxy/stat-csv.ts";

const fixture = (name: string): string => readFileSync(new URL(`../../../fixtures/haproxy/${name}`, import.meta.url), "utf8");
const capture = fixture("show-stat.csv");

function lineOfError(text: string): number {
  try {
    parseHaproxyStat(text);
  } catch (error) {
    if (error instanceof ParseError) return error.line;
    throw error;
  }
  throw new Error("expected a ParseError");
}

/** Rebuilds a CSV with the columns in another order (or fewer), keeping HAProxy's trailing comma. */
function reshape(text: string, pick: (names: string[]) => string[]): string {
  const [header = "", ...rows] = text.split("\n").filter((line) => line !== "");
  const names = header.slice(2).split(",").slice(0, -1);
  const order = pick(names).map((name) => names.indexOf(name));
  const rebuild = (values: string[]) => `${order.map((index) => values[index] ?? "").join(",")},`;
  return [`# ${rebuild(names)}`, ...rows.map((row) => rebuild(row.split(",")))].join("\n");
}

describe("parseHaproxyStat on the real HAProxy 2.6 capture", () => {
  const rows = parseHaproxyStat(capture);
  const row = (name: string): HaproxyStatRow => {
    const found = rows.find((r) => r.name === name);
    if (!found) throw new Error(`no row ${name}`);
    return found;
  };

  it("types every row from the type column, including the listener", () => {
    expect(rows.map((r) => [r.proxy, r.name, r.type])).toEqual([
      ["fe_main", "FRONTEND", "frontend"],
      ["fe_main", "sock-1", "listener"],
      ["be_app", "s1", "server"],
      ["be_app", "s2", "server"],
      ["be_app", "s3", "server"],
      ["be_app", "BACKEND", "backend"],
    ]);
  });

  it("counts 30 round-robin requests (10 each) plus 12 to s1 after s2 drained and s3 went to maint", () => {
    expect(row("s1")).toMatchObject({ totalSessions: 22n, lbTotal: 22n, status: "UP", checkStatus: "L4OK" });
    expect(row("s2")).toMatchObject({ totalSessions: 10n, lbTotal: 10n, status: "DRAIN", checkStatus: "L4OK" });
    expect(row("s3")).toMatchObject({ totalSessions: 10n, lbTotal: 10n, status: "MAINT" });
    expect(row("s3").checkStatus).toBeUndefined(); // maint stops health checks
    expect(row("BACKEND")).toMatchObject({ totalSessions: 42n, lbTotal: 42n, status: "UP", algorithm: "roundrobin" });
    expect(row("FRONTEND")).toMatchObject({ totalSessions: 42n, status: "OPEN", sessions: 0, mode: "http" });
    expect(row("FRONTEND").fields.req_tot).toBe("42");
  });

  it("reads bytes: 82 per request and 182 per response as 2.6 counts them (HTX), wire bytes in h1_*", () => {
    expect(row("FRONTEND")).toMatchObject({ bytesIn: 3444n, bytesOut: 7644n });
    expect(row("s1")).toMatchObject({ bytesIn: 22n * 82n, bytesOut: 22n * 182n });
    expect(row("s2")).toMatchObject({ bytesIn: 820n, bytesOut: 1820n });
    // curl: 79-byte requests, 208 + 3 bytes of response.
    expect(row("FRONTEND").fields.h1_bytes_in).toBe(String(42 * 79));
    expect(row("FRONTEND").fields.h1_bytes_out).toBe(String(42 * 211));
  });

  it("reads weights: s1 set to 20 at runtime, drained s2 keeps its effective weight 10", () => {
    expect(row("s1")).toMatchObject({ weight: 20, userWeight: 20 });
    expect(row("s2")).toMatchObject({ weight: 10, userWeight: 10 });
    expect(row("s3")).toMatchObject({ weight: 10, userWeight: 10 });
    expect(row("BACKEND")).toMatchObject({ weight: 20, userWeight: 20 });
  });

  it("reads addresses and keeps every non-empty column by name", () => {
    expect(row("s1").address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(row("sock-1").address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(row("s1").fields.check_desc).toBe("Layer4 check passed");
    expect(row("s1").fields.pxname).toBe("be_app");
    expect(Object.values(row("s1").fields)).not.toContain("");
  });

  it("gives the same rows whatever the column order", () => {
    const reversed = reshape(capture, (names) => [...names].reverse());
    expect(parseHaproxyStat(reversed)).toEqual(rows);
  });

  it("derives the type from svname when there is no type column (older versions)", () => {
    const noType = parseHaproxyStat(reshape(capture, (names) => names.filter((name) => name !== "type")));
    expect(noType.map((r) => r.type)).toEqual(["frontend", "server", "server", "server", "server", "backend"]);
  });
});

describe("parseHaproxyStat on other versions", () => {
  it("reads an older 51-column layout (haproxy_exporter rows under the 1.5 header)", () => {
    const rows = parseHaproxyStat(fixture("exporter-old-version.csv"));
    expect(rows).toHaveLength(4);
    expect(rows[1]).toMatchObject({ proxy: "service-0", name: "service-0-instance-0", status: "UP", weight: 1, lastChangeSeconds: 5007, checkStatus: "L4OK", lbTotal: 0n });
    expect(rows[1]?.userWeight).toBeUndefined();
  });

  it("reads a newer layout with an extra unknown column", () => {
    const wider = capture
      .split("\n")
      .map((line, index) => (line === "" ? line : `${line}${index === 0 ? "future_col" : "x"},`))
      .join("\n");
    const rows = parseHaproxyStat(wider);
    expect(rows.find((r) => r.name === "s1")?.fields.future_col).toBe("x");
    expect(rows.find((r) => r.name === "s1")?.totalSessions).toBe(22n);
  });

  it("reads quoted fields with commas and quotes (csv_enc)", () => {
    const [row] = parseHaproxyStat('# pxname,svname,status,check_desc,\nbe,s1,DOWN,"Layer7 wrong status, ""503""",\n');
    expect(row?.fields.check_desc).toBe('Layer7 wrong status, "503"');
  });

  it("keeps u64 counters exact above 2^53", () => {
    const big = capture.replace(/^be_app,s1,0,0,0,1,,22,1804,4004,/m, "be_app,s1,0,0,0,1,,9007199254740993,18446744073709551615,9007199254740995,");
    const s1 = parseHaproxyStat(big).find((r) => r.name === "s1");
    expect(s1?.totalSessions).toBe(9007199254740993n);
    expect(s1?.bytesIn).toBe(18446744073709551615n);
    expect(s1?.bytesOut).toBe(9007199254740995n);
  });
});

describe("parseHaproxyStat errors", () => {
  const lines = capture.split("\n");

  it("needs the header on line 1", () => {
    expect(lineOfError(lines.slice(1).join("\n"))).toBe(1);
    expect(lineOfError("")).toBe(1);
    expect(lineOfError("# name,value,\na,b,\n")).toBe(1);
  });

  it("reports a row with a different field count on its line", () => {
    const short = [...lines];
    short[3] = (short[3] ?? "").replace(",UP,", ",");
    expect(lineOfError(short.join("\n"))).toBe(4);
    const long = [...lines];
    long[5] = `${long[5]}extra,`;
    expect(lineOfError(long.join("\n"))).toBe(6);
  });

  it("reports a truncated last row", () => {
    const cut = [...lines.slice(0, 6), (lines[6] ?? "").slice(0, 60)].join("\n");
    expect(lineOfError(cut)).toBe(7);
  });

  it("reports a non-numeric counter and an unknown type", () => {
    const bad = [...lines];
    bad[3] = (bad[3] ?? "").replace(",22,1804,", ",2x,1804,");
    expect(lineOfError(bad.join("\n"))).toBe(4);
    expect(lineOfError("# pxname,svname,type,\nfe,FRONTEND,9,\n")).toBe(2);
    expect(lineOfError('# pxname,svname,check_desc,\nbe,s1,"open quote,\n')).toBe(2);
  });
});
