/**
 * What keepalived.conf says, as parseKeepalivedConfig reads it. Only what the console acts on is
 * modelled; secrets (auth_pass) are never kept, only counted.
 */

/** A tracked item inside a vrrp_instance; `weight` is the instance's own override, when written. */
export interface TrackedItem {
  name: string;
  weight?: number;
  /** track_script / track_file: "reverse" flips the sense of the value. */
  reverse?: boolean;
}

export interface ConfigVip {
  address: string;
  prefixLength?: number;
  device?: string;
}

export interface ConfigVrrpInstance {
  name: string;
  lineNo: number;
  /** The configured initial state (MASTER/BACKUP); the running state is in the data dump. */
  state?: string;
  interface?: string;
  virtualRouterId?: number;
  priority?: number;
  advertIntervalSeconds?: number;
  nopreempt: boolean;
  preemptDelaySeconds?: number;
  virtualIps: ConfigVip[];
  excludedVirtualIps: ConfigVip[];
  trackScripts: TrackedItem[];
  trackFiles: TrackedItem[];
  trackInterfaces: TrackedItem[];
  /** notify, notify_master, notify_backup, notify_fault, notify_stop, notify_master_rx_lower_pri. */
  notify: Record<string, string>;
  authType?: string;
  unicastPeers: string[];
}

export interface ConfigVrrpScript {
  name: string;
  script?: string;
  intervalSeconds?: number;
  weight?: number;
  rise?: number;
  fall?: number;
}

export interface ConfigTrackFile {
  name: string;
  file?: string;
  /** Default 1 (keepalived.conf(5)): the value read from the file times the weight. */
  weight?: number;
  reverse?: boolean;
  /** `init_file [VALUE] [overwrite]`: keepalived creates the file with VALUE (default 0). */
  initFile?: { value: number; overwrite: boolean };
}

export type CheckerType =
  | "TCP_CHECK"
  | "HTTP_GET"
  | "SSL_GET"
  | "MISC_CHECK"
  | "SMTP_CHECK"
  | "DNS_CHECK"
  | "FILE_CHECK"
  | "BFD_CHECK"
  | "UDP_CHECK"
  | "PING_CHECK";

export interface ConfigRealServer {
  address: string;
  port?: number;
  lineNo: number;
  weight?: number;
  inhibitOnFailure: boolean;
  checkers: CheckerType[];
}

export interface ConfigVirtualServer {
  lineNo: number;
  /** "ip" (address + port), "fwmark", or "group" (a virtual_server_group). */
  kind: "ip" | "fwmark" | "group";
  address?: string;
  port?: number;
  fwmark?: number;
  group?: string;
  /** Lower case, as IPVS names it: tcp (keepalived's default), udp, sctp. */
  protocol: string;
  lbAlgo?: string;
  lbKind?: string;
  persistenceTimeout?: number;
  delayLoop?: number;
  /** Set on the virtual server, it applies to every real server without its own. */
  inhibitOnFailure: boolean;
  sorryServer?: { address: string; port?: number };
  realServers: ConfigRealServer[];
}

export interface ConfigVirtualServerGroup {
  name: string;
  /** Each member: one address (or an IPv4 last-octet range) and port, or a fwmark. */
  members: (
    { kind: "ip"; first: string; last?: string; port?: number } | { kind: "fwmark"; fwmark: number }
  )[];
}

export interface KeepalivedConfig {
  routerId?: string;
  lvsSyncDaemon?: { interface: string; instance?: string; syncId?: number };
  vrrpInstances: ConfigVrrpInstance[];
  vrrpScripts: ConfigVrrpScript[];
  trackFiles: ConfigTrackFile[];
  virtualServers: ConfigVirtualServer[];
  virtualServerGroups: ConfigVirtualServerGroup[];
  /** `include` lines: reported, not followed (a pure parser reads one text). */
  includes: { pattern: string; lineNo: number }[];
  /** How many secrets (auth_pass) were left out. */
  redactedSecrets: number;
}
