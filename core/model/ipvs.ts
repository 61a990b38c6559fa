import type { Counters, Rates } from "./counters.ts";

export type IpvsProtocol = "tcp" | "udp" | "sctp" | "fwmark";
export type AddressFamily = "inet" | "inet6";

/**
 * How IPVS forwards to a real server. ipvsadm prints Masq/Route/Tunnel/Local (and "Bypass" in
 * procfs); patched kernels (dpvs, Alibaba LVS) print FullNat, SNAT or "(null)". Names we do not
 * know are kept as "unknown" with the tool's own word in forwardRaw, never dropped.
 */
export type ForwardMethod = "masq" | "route" | "tunnel" | "local" | "bypass" | "fullnat" | "snat" | "unknown";

export interface RealServer {
  /** Canonical form: IPv4 dotted quad, IPv6 RFC 5952 compressed, no brackets. */
  address: string;
  port: number;
  forward: ForwardMethod;
  /** The tool's own word for the method, kept only when forward is "unknown". */
  forwardRaw?: string;
  weight: number;
  activeConns: number;
  inactiveConns: number;
  /** From --persistent-conn. */
  persistConns?: number;
  /** From --thresholds (-x / -y); 0 means no limit. */
  upperThreshold?: number;
  lowerThreshold?: number;
  /** From --tun-info: ipip, gue:PORT:FLAGS, gre:FLAGS. */
  tunnelInfo?: string;
  stats?: Counters;
  rates?: Rates;
  /**
   * Fields this listing form does not print (ipvsadm --stats/--rate print no forward method,
   * weight or connection counts; --thresholds no forward method or weight; ipvsadm-save no
   * connection counts). Those fields hold placeholders ("unknown", 0): weight 0 here does NOT mean
   * drained. Take them from the default listing.
   */
  notPrinted?: RealServerPrintedField[];
}

export type RealServerPrintedField = "forward" | "weight" | "activeConns" | "inactiveConns";

export interface VirtualService {
  protocol: IpvsProtocol;
  family: AddressFamily;
  /** Absent for fwmark services. */
  address?: string;
  port?: number;
  /** Decimal, for fwmark services only (procfs prints it in hex; we convert). */
  fwmark?: number;
  scheduler: string;
  /** Persistence timeout in seconds (procfs prints jiffies; converted where HZ is known). */
  persistent?: number;
  /** /proc/net/ip_vs prints the persistence timeout in jiffies (timeout * HZ): the raw value. */
  persistentJiffies?: number;
  /** Persistence netmask: dotted quad for IPv4, prefix length (as text) for IPv6. */
  netmask?: string;
  /** Persistence engine (pe sip). */
  pe?: string;
  /** Scheduler flags (sh-fallback, sh-port, ...) and "ops" (one-packet scheduling). */
  flags: string[];
  stats?: Counters;
  rates?: Rates;
  realServers: RealServer[];
}

/** Which table an ipvsadm listing printed. The service lines share one grammar; the columns differ. */
export type IpvsListForm = "list" | "stats" | "rate" | "persistent-conn" | "thresholds" | "tun-info";

export interface IpvsListing {
  form: IpvsListForm;
  /** "1.2.1" from the banner `IP Virtual Server version 1.2.1 (size=4096)`. */
  version?: string;
  /** Connection hash table size from the banner (not a service count). */
  connTableSize?: number;
  services: VirtualService[];
}

/** One row of `ipvsadm -Lnc` or /proc/net/ip_vs_conn. */
export interface IpvsConnection {
  protocol: string;
  client: { address: string; port: number };
  virtual: { address: string; port: number };
  destination: { address: string; port: number };
  state: string;
  /** Seconds until the entry expires. */
  expiresSeconds: number;
  peName?: string;
  peData?: string;
  /** A persistence template: client port 0, state NONE (formats.md) or ASSURED (kernel 6.1 in the lab). */
  template: boolean;
  /** /proc/net/ip_vs_conn_sync only: LOCAL, or SYNC for entries learned from the sync daemon. */
  origin?: string;
}

/** /proc/net/ip_vs_stats: global totals and the kernel estimator's rates. */
export interface IpvsGlobalStats {
  totals: Counters;
  rates: Rates;
}
