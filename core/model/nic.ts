/** One interface from /proc/net/dev plus its link speed. Counters are u64 (bigint). */
export interface NicSample {
  name: string;
  rxBytes: bigint;
  rxPackets: bigint;
  rxErrors: bigint;
  rxDrops: bigint;
  txBytes: bigint;
  txPackets: bigint;
  txErrors: bigint;
  txDrops: bigint;
  /** From /sys/class/net/NAME/speed; absent when the driver reports none (-1, virtual links). */
  speedMbps?: number;
}

/** One address line of `ip -o addr show`. Used to see which VIPs a host holds. */
export interface InterfaceAddress {
  ifindex: number;
  ifname: string;
  family: "inet" | "inet6";
  /** Canonical form, no prefix length. */
  address: string;
  prefixLength: number;
  scope: string;
  /** Interface label (eth0:1) when it differs from ifname. */
  label?: string;
  /** dynamic, secondary, deprecated, tentative, noprefixroute, ... */
  flags: string[];
  /** valid_lft / preferred_lft in seconds as `ip` printed them; absent when "forever". */
  validLifetimeSeconds?: number;
  preferredLifetimeSeconds?: number;
}
