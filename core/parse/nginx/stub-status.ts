/**
 * nginx stub_status page. Format: nginx.org ngx_http_stub_status_module ("Data");
 * src/http/modules/ngx_http_stub_status_module.c prints exactly four lines, each with a trailing
 * space. accepts, handled and requests are cumulative (u64 on 64-bit builds); the rest are gauges.
 */
import type { NginxStubStatus } from "../../model/nginx.ts";
import { ParseError } from "../../model/parse-error.ts";
import { parseCount, parseU64, splitLines } from "../host/text.ts";

// "Active connections: 291 "
const ACTIVE = /^Active connections:\s+(\d+)\s*$/;
// "server accepts handled requests"
const COUNTER_NAMES = /^server accepts handled requests\s*$/;
// " 16630948 16630948 31070465 "
const COUNTERS = /^\s*(\d+)\s+(\d+)\s+(\d+)\s*$/;
// "Reading: 6 Writing: 179 Waiting: 106 "
const STATES = /^Reading:\s+(\d+)\s+Writing:\s+(\d+)\s+Waiting:\s+(\d+)\s*$/;

export function parseStubStatus(text: string): NginxStubStatus {
  const lines = splitLines(text);
  const expectLine = (index: number, pattern: RegExp, expected: string): RegExpExecArray => {
    const match = pattern.exec(lines[index] ?? "");
    if (!match) throw new ParseError(index + 1, expected, lines[index] ?? "");
    return match;
  };
  const active = expectLine(0, ACTIVE, "'Active connections: N'");
  expectLine(1, COUNTER_NAMES, "'server accepts handled requests'");
  const counters = expectLine(2, COUNTERS, "three counters: accepts handled requests");
  const states = expectLine(3, STATES, "'Reading: N Writing: N Waiting: N'");
  const extra = lines.findIndex((line, index) => index > 3 && line.trim() !== "");
  if (extra >= 0) throw new ParseError(extra + 1, "the end of the stub_status page", lines[extra] ?? "");
  return {
    active: parseCount(active[1] ?? "", 1, "active connections"),
    accepts: parseU64(counters[1] ?? "", 3, "accepts"),
    handled: parseU64(counters[2] ?? "", 3, "handled"),
    requests: parseU64(counters[3] ?? "", 3, "requests"),
    reading: parseCount(states[1] ?? "", 4, "reading"),
    writing: parseCount(states[2] ?? "", 4, "writing"),
    waiting: parseCount(states[3] ?? "", 4, "waiting"),
  };
}
