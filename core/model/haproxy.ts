/**
 * HAProxy runtime API views (doc/management.txt, "show stat", "show servers state", "show info").
 * Only the fields the console uses are typed; every column is also kept by name in `fields`, so a
 * newer HAProxy's extra columns are not lost.
 */
export type HaproxyObjectType = "frontend" | "backend" | "server" | "listener";

export interface HaproxyStatRow {
  proxy: string;
  /** FRONTEND, BACKEND or the server / listener name. */
  name: string;
  type: HaproxyObjectType;
  /** UP, DOWN, DRAIN, MAINT, NOLB, "UP 1/3", "no check", OPEN, ... as HAProxy prints it. */
  status: string;
  /** Current sessions (scur). */
  sessions: number;
  maxSessions?: number;
  sessionLimit?: number;
  /** Cumulative sessions (stot), u64. */
  totalSessions: bigint;
  bytesIn: bigint;
  bytesOut: bigint;
  /** Effective weight (weight column). */
  weight?: number;
  /** User-set weight (uweight, HAProxy >= 2.x). */
  userWeight?: number;
  queueCurrent?: number;
  /** Sessions per second over the last second (rate). */
  sessionRate?: number;
  /** Times this server was selected (lbtot), u64. */
  lbTotal?: bigint;
  checkStatus?: string;
  agentStatus?: string;
  address?: string;
  mode?: string;
  algorithm?: string;
  /** Seconds since the last UP/DOWN transition. */
  lastChangeSeconds?: number;
  /** Every column by header name, as text (empty columns omitted). */
  fields: Record<string, string>;
}

/** srv_admin_state bits from `show servers state` (management.txt). */
export const HAPROXY_ADMIN_STATE = {
  FMAINT: 0x01,
  IMAINT: 0x02,
  CMAINT: 0x04,
  FDRAIN: 0x08,
  IDRAIN: 0x10,
  RMAINT: 0x20,
  HMAINT: 0x40,
} as const;

export interface HaproxyServerState {
  backendId: number;
  backend: string;
  serverId: number;
  server: string;
  address: string;
  /** 0 stopped, 1 starting, 2 running, 3 stopping. */
  operationalState: number;
  /** Bitmask, see HAPROXY_ADMIN_STATE. */
  adminState: number;
  /** Decoded admin bits: ["FMAINT", "FDRAIN", ...]. */
  adminFlags: string[];
  userWeight: number;
  initialWeight: number;
  secondsSinceLastChange: number;
  checkStatus: number;
  checkResult: number;
  checkHealth: number;
  checkState: number;
  agentState: number;
  port?: number;
  fqdn?: string;
  /** Every column by header name, as text. */
  fields: Record<string, string>;
}

export interface HaproxyServersState {
  /** The format version on the first line ("1"). */
  formatVersion: number;
  servers: HaproxyServerState[];
}

/** `show info`: Name: value pairs, with the common ones typed. */
export interface HaproxyInfo {
  name?: string;
  version?: string;
  pid?: number;
  uptimeSeconds?: number;
  currentConnections?: number;
  maxConnections?: number;
  fields: Record<string, string>;
}
