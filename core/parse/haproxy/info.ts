/**
 * HAProxy `show info`: one "Name: value" pair per line. Format: haproxy doc/management.txt
 * ("show info"); the names are the INF_* fields of src/stats.c (info_fields[]).
 */
import type { HaproxyInfo } from "../../model/haproxy.ts";
import { ParseError } from "../../model/parse-error.ts";
import { parseCount, splitLines } from "../host/text.ts";

// "Uptime_sec: 1", "Unstoppable Jobs: 0" (names may hold spaces), "description: " (values may be empty)
const PAIR = /^([A-Za-z0-9_][^:]*):(?: (.*))?$/;

export function parseHaproxyInfo(text: string): HaproxyInfo {
  const lines = splitLines(text);
  const fields: Record<string, string> = {};
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    const match = PAIR.exec(line);
    if (!match) throw new ParseError(index + 1, "'Name: value'", line);
    fields[match[1] ?? ""] = match[2] ?? "";
  });
  if (fields.Name === undefined && fields.Version === undefined) {
    throw new ParseError(lines.length === 0 ? 1 : lines.length, "'Name:' and 'Version:' lines of show info", lines.at(-1) ?? "");
  }
  const lineOf = (name: string): number => lines.findIndex((line) => line.startsWith(`${name}:`)) + 1;
  const count = (name: string): number | undefined =>
    fields[name] === undefined || fields[name] === "" ? undefined : parseCount(fields[name], lineOf(name), name);

  const info: HaproxyInfo = { fields };
  const typed: [keyof HaproxyInfo, string | number | undefined][] = [
    ["name", fields.Name],
    ["version", fields.Version],
    ["pid", count("Pid")],
    ["uptimeSeconds", count("Uptime_sec")],
    ["currentConnections", count("CurrConns")],
    ["maxConnections", count("Maxconn")],
  ];
  for (const [key, value] of typed) {
    if (value !== undefined) (info as unknown as Record<string, unknown>)[key] = value;
  }
  return info;
}
