/**
 * One frame of a host, parsed: what each source said, and per section what went wrong. A section
 * that failed never costs the others. (The lead may move this into core/model/ next to NicSample.)
 */
import type { HaproxyServersState, HaproxyStatRow } from "../model/haproxy.ts";
import type { VirtualService } from "../model/ipvs.ts";
import type { KeepalivedData } from "../model/keepalived.ts";
import type { NginxStubStatus } from "../model/nginx.ts";
import type { InterfaceAddress, NicSample } from "../model/nic.ts";

export interface SectionProblem {
  section: string;
  /** command-failed: non-zero exit status; parse-failed: the parser refused the text. */
  kind: "command-failed" | "parse-failed";
  rc?: number;
  /** For parse-failed: the 1-based line of the section text the parser blamed. */
  line?: number;
  /** The parser's message, or the first lines of the command's own output. */
  message: string;
}

export interface HostSample {
  seq: number;
  /** Host /proc/uptime, seconds: the clock rates are computed on. */
  uptime: number;
  /** Host wall clock, Unix seconds. */
  epoch: number;
  ipvs?: {
    /** ipvsadm carries counters; /proc/net/ip_vs (read without root) only weights and connections. */
    source: "ipvsadm" | "proc";
    version?: string;
    services: VirtualService[];
  };
  nics?: NicSample[];
  addresses?: InterfaceAddress[];
  haproxy?: { stats?: HaproxyStatRow[]; serversState?: HaproxyServersState };
  nginx?: NginxStubStatus;
  /** Present in frames that carried the keepalived sections (every keepaliveEverySeconds). */
  keepalived?: { running: boolean; pid?: number; data?: KeepalivedData };
  problems: SectionProblem[];
}
