/**
 * What keepalived.conf says, as parseKeepalivedConfig / readKeepalivedConfig read it. Only what the
 * console acts on is modelled; secrets (auth_pass) are never kept, only counted. Each item names
 * the file (`sourceFile`, "" when one text was read) and line it came from.
 */

/** Where an item was written. */
export interface ConfigSource {
  sourceFile: string;
  lineNo: number;
}

/** A tracked item inside a vrrp_instance; `weight` is the instance's own override, when written. */
export interface TrackedItem extends ConfigSource {
  name: string;
  weight?: number;
  /** track_script / track_file: "reverse" flips the sense of the value. */
  reverse?: boolean;
}

export interface ConfigVip extends ConfigSource {
  address: string;
  prefixLength?: number;
  device?: string;
}

export interface ConfigVrrpInstance extends ConfigSource {
  name: string;
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

export interface ConfigVrrpScript extends ConfigSource {
  name: string;
  script?: string;
  intervalSeconds?: number;
  weight?: number;
  rise?: number;
  fall?: number;
}

/** A `track_file` (or the older `vrrp_track_file`) declaration at the top level. */
export interface ConfigTrackFile extends ConfigSource {
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

export interface ConfigRealServer extends ConfigSource {
  address: string;
  port?: number;
  weight?: number;
  inhibitOnFailure: boolean;
  checkers: CheckerType[];
}

export interface ConfigVirtualServer extends ConfigSource {
  /** "ip" (address + port), "fwmark", or "group" (a virtual_server_group). */
  kind: "ip" | "fwmark" | "group";
  address?: string;
  port?: number;
  fwmark?: number;
  group?: string;
  /**
   * Lower case, as IPVS names it: tcp, udp, sctp. Unwritten, keepalived 2.2.7 uses udp (and warns),
   * not tcp: verified against the binary.
   */
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
  /**
   * `include` lines. From one text: reported, not followed. From readKeepalivedConfig: with the
   * including file, the pattern resolved against its directory, and the files it pulled in.
   */
  includes: { pattern: string; lineNo: number; file?: string; resolved?: string; files?: string[] }[];
  /** readKeepalivedConfig: every file read, main first. */
  files?: string[];
  /** readKeepalivedConfig: includes not followed (a loop, or nesting too deep). */
  includesNotFollowed?: { file: string; lineNo: number; reason: string }[];
  /** Present when `@ID` lines were seen: the config id they were read with (null: unknown) and how many. */
  conditional?: { configId: string | null; lines: number };
  /** How many secrets (auth_pass) were left out. */
  redactedSecrets: number;
  /** Top-level and vrrp_instance keywords Fulcrum does not read: kept here, never an error. */
  unknownKeywords: { keyword: string; file: string; lineNo: number; instance?: string }[];
  /** What keepalived reads and then ignores (with the warning it logs), so Fulcrum ignores it too. */
  ignored: { keyword: string; file: string; lineNo: number; reason: string }[];
}
