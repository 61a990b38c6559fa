/**
 * HAProxy `show stat` CSV. Format: haproxy doc/management.txt §9.1 "CSV format"; formats.md §3.14.
 * The first line names the columns after "# ". Columns are read BY NAME, never by position: older
 * HAProxy versions print fewer, newer ones more, and the doc guarantees neither presence nor order
 * after the "-" column. Every line ends with a comma (an empty last field).
 */
import type { HaproxyObjectType, HaproxyStatRow } from "../../model/haproxy.ts";
import { ParseError } from "../../model/parse-error.ts";
import { parseCount, parseU64, splitLines } from "../host/text.ts";
import { splitCsvLine } from "./csv-line.ts";

// "# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,..."
const HEADER = /^# (.+)$/;

/** The `type` column: 0 frontend, 1 backend, 2 server, 3 listener. */
const TYPES: readonly HaproxyObjectType[] = ["frontend", "backend", "server", "listener"];

export function parseHaproxyStat(text: string): HaproxyStatRow[] {
  const lines = splitLines(text);
  const header = HEADER.exec(lines[0] ?? "");
  if (!header) throw new ParseError(1, "'# pxname,svname,...' header", lines[0] ?? "");
  const names = withoutTrailingEmpty(splitCsvLine(header[1] ?? "") ?? []);
  if (!names.includes("pxname") || !names.includes("svname")) {
    throw new ParseError(1, "'pxname' and 'svname' columns in the header", lines[0] ?? "");
  }

  const rows: HaproxyStatRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "") continue;
    const split = splitCsvLine(line);
    if (!split) throw new ParseError(i + 1, "a closing double quote", line);
    const values = split.length === names.length + 1 ? withoutTrailingEmpty(split) : split;
    if (values.length !== names.length) {
      throw new ParseError(i + 1, `${names.length} comma-separated fields as in the header`, `${values.length}: ${line}`);
    }
    const fields: Record<string, string> = {};
    names.forEach((name, index) => {
      const value = values[index] ?? "";
      if (value !== "") fields[name] = value;
    });
    rows.push(toRow(fields, i + 1, line));
  }
  return rows;
}

function withoutTrailingEmpty(values: string[]): string[] {
  return values.length > 0 && values[values.length - 1] === "" ? values.slice(0, -1) : values;
}

function toRow(fields: Record<string, string>, lineNo: number, line: string): HaproxyStatRow {
  const proxy = fields.pxname;
  const name = fields.svname;
  if (proxy === undefined || name === undefined) throw new ParseError(lineNo, "pxname and svname", line);
  const count = (column: string): number | undefined =>
    fields[column] === undefined ? undefined : parseCount(fields[column], lineNo, column);
  const u64 = (column: string): bigint | undefined =>
    fields[column] === undefined ? undefined : parseU64(fields[column], lineNo, column);

  const row: HaproxyStatRow = {
    proxy,
    name,
    type: objectType(fields.type, name, lineNo, line),
    status: fields.status ?? "",
    sessions: count("scur") ?? 0,
    totalSessions: u64("stot") ?? 0n,
    bytesIn: u64("bin") ?? 0n,
    bytesOut: u64("bout") ?? 0n,
    fields,
  };
  const optional: [keyof HaproxyStatRow, number | bigint | string | undefined][] = [
    ["maxSessions", count("smax")],
    ["sessionLimit", count("slim")],
    ["weight", count("weight")],
    ["userWeight", count("uweight")],
    ["queueCurrent", count("qcur")],
    ["sessionRate", count("rate")],
    ["lbTotal", u64("lbtot")],
    ["checkStatus", fields.check_status],
    ["agentStatus", fields.agent_status],
    ["address", fields.addr],
    ["mode", fields.mode],
    ["algorithm", fields.algo],
    ["lastChangeSeconds", count("lastchg")],
  ];
  for (const [key, value] of optional) {
    if (value !== undefined) (row as unknown as Record<string, unknown>)[key] = value;
  }
  return row;
}

function objectType(typeText: string | undefined, svname: string, lineNo: number, line: string): HaproxyObjectType {
  if (typeText === undefined) {
    // Versions without a `type` column: the svname tells frontends and backends from servers.
    if (svname === "FRONTEND") return "frontend";
    if (svname === "BACKEND") return "backend";
    return "server";
  }
  const type = TYPES[Number(typeText)];
  if (!/^[0-3]$/.test(typeText) || type === undefined) throw new ParseError(lineNo, "type 0, 1, 2 or 3", line);
  return type;
}
