/**
 * One director as the failover preflight sees it: everything read from the node over its own
 * short-lived channels (read-node-view.ts), already parsed, so the planner stays pure.
 */
import type { KeepalivedData } from "../../model/keepalived.ts";
import type { InterfaceAddress } from "../../model/nic.ts";
import type { KeepalivedConfig } from "../../parse/keepalived/keepalived-config.ts";

export interface NodeView {
  /** How events and messages name the node ("lb1"). */
  label: string;
  reachable: boolean;
  /** Why the node could not be read, when it could not. */
  problem?: string;
  keepalived: { pid?: number; alive: boolean };
  /** The parsed (redacted) DATA dump; absent when it could not be read. */
  data?: KeepalivedData;
  dataProblem?: string;
  /** `ip -o addr show`: the ground truth for where a VIP is. */
  addresses?: InterfaceAddress[];
  config?: KeepalivedConfig;
  configProblem?: string;
  /** Content of each track file the config names, by path; null when the file does not exist. */
  trackFileValues: Record<string, string | null>;
  /** `ipvsadm -Sn`; absent when ipvsadm or IPVS is not available on the node. */
  ipvsSave?: string;
  /** `ipvsadm -L --daemon`; absent when it could not be read. */
  syncDaemon?: { master: boolean; backup: boolean };
  /** The node's own clock (unix seconds) when it was read, to judge "Last transition" without skew. */
  readAtSeconds?: number;
  /**
   * How to stop and start keepalived here, for the blunt method: as found running on the node
   * (keepalived-control.ts), or as the operator named it (--unit); absent when neither.
   */
  control?: { stop: string[]; start: string[]; method?: string; how?: string };
  /** Why there is no `control`, when the node was asked. */
  controlProblem?: string;
}
