/**
 * HAProxy `show servers state [<backend>]`. Format: haproxy doc/management.txt ("show servers
 * state"); formats.md §3.14. Line 1 is the format version ("1"), line 2 a "# " header naming the
 * columns, then one space-separated row per server. Columns are read by header name.
 */
import { HAPROXY_ADMIN_STATE, type HaproxyServerState, type HaproxyServersState } from "../../model/haproxy.ts";
import { ParseError } from "../../model/parse-error.ts";
import { parseCount, splitLines } from "../host/text.ts";

// "1"
const VERSION = /^(\d+)$/;
// "# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state ..."
const HEADER = /^# (be_id .*)$/;

const REQUIRED_NUMBERS = {
  backendId: "be_id",
  serverId: "srv_id",
  operationalState: "srv_op_state",
  adminState: "srv_admin_state",
  userWeight: "srv_uweight",
  initialWeight: "srv_iweight",
  secondsSinceLastChange: "srv_time_since_last_change",
  checkStatus: "srv_check_status",
  checkResult: "srv_check_result",
  checkHealth: "srv_check_health",
  checkState: "srv_check_state",
  agentState: "srv_agent_state",
} as const;

/** Names of the set srv_admin_state bits, in bit order: 0x09 -> ["FMAINT", "FDRAIN"]. */
export function decodeAdminState(state: number): string[] {
  return Object.entries(HAPROXY_ADMIN_STATE)
    .filter(([, bit]) => (state & bit) !== 0)
    .map(([name]) => name);
}

export function parseServersState(text: string): HaproxyServersState {
  const lines = splitLines(text);
  const version = VERSION.exec((lines[0] ?? "").trim());
  if (!version) throw new ParseError(1, "the format version (a number)", lines[0] ?? "");
  const header = HEADER.exec(lines[1] ?? "");
  if (!header) throw new ParseError(2, "'# be_id be_name ...' header", lines[1] ?? "");
  const names = (header[1] ?? "").trim().split(/\s+/);
  for (const required of [...Object.values(REQUIRED_NUMBERS), "be_name", "srv_name", "srv_addr"]) {
    if (!names.includes(required)) throw new ParseError(2, `column '${required}' in the header`, lines[1] ?? "");
  }

  const servers: HaproxyServerState[] = [];
  for (let i = 2; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "") continue;
    const values = line.trim().split(/\s+/);
    if (values.length !== names.length) {
      throw new ParseError(i + 1, `${names.length} space-separated fields as in the header`, `${values.length}: ${line}`);
    }
    const fields: Record<string, string> = {};
    names.forEach((name, index) => (fields[name] = values[index] ?? ""));
    servers.push(toServer(fields, i + 1));
  }
  return { formatVersion: Number(version[1]), servers };
}

function toServer(fields: Record<string, string>, lineNo: number): HaproxyServerState {
  const number = (column: string): number => parseCount(fields[column] ?? "", lineNo, column);
  const server: HaproxyServerState = {
    backendId: number(REQUIRED_NUMBERS.backendId),
    backend: fields.be_name ?? "",
    serverId: number(REQUIRED_NUMBERS.serverId),
    server: fields.srv_name ?? "",
    address: fields.srv_addr ?? "",
    operationalState: number(REQUIRED_NUMBERS.operationalState),
    adminState: number(REQUIRED_NUMBERS.adminState),
    adminFlags: [],
    userWeight: number(REQUIRED_NUMBERS.userWeight),
    initialWeight: number(REQUIRED_NUMBERS.initialWeight),
    secondsSinceLastChange: number(REQUIRED_NUMBERS.secondsSinceLastChange),
    checkStatus: number(REQUIRED_NUMBERS.checkStatus),
    checkResult: number(REQUIRED_NUMBERS.checkResult),
    checkHealth: number(REQUIRED_NUMBERS.checkHealth),
    checkState: number(REQUIRED_NUMBERS.checkState),
    agentState: number(REQUIRED_NUMBERS.agentState),
    fields,
  };
  server.adminFlags = decodeAdminState(server.adminState);
  if (fields.srv_port !== undefined && fields.srv_port !== "-") server.port = number("srv_port");
  // "-" stands for "no FQDN".
  if (fields.srv_fqdn !== undefined && fields.srv_fqdn !== "-") server.fqdn = fields.srv_fqdn;
  return server;
}
