/**
 * The simulated director's whole state as plain data: it is saved to JSON between ipvsadm-shim
 * invocations (bigint counters as decimal strings, see sim-state-json.ts) and read directly by the
 * pure formatters. The functions that change it live in ipvs-table.ts and ipvs-traffic.ts.
 */
import type { Counters } from "../model/counters.ts";
import type { PrngState } from "./prng.ts";

export type SimProtocol = "tcp" | "udp" | "sctp";
export type SimFamily = "inet" | "inet6";
/** "bypass" is what the kernel calls any method it does not name (ip_vs_fwd_name default). */
export type SimForward = "masq" | "route" | "tunnel" | "local" | "bypass";
export type SimTunnelType = "ipip" | "gue" | "gre";

/** The kernel estimator (ip_vs_est.c) in its own scaled units: cps/pps << 10, bps << 5. */
export interface SimEstimator {
  last: Counters;
  cps: bigint;
  inpps: bigint;
  outpps: bigint;
  inbps: bigint;
  outbps: bigint;
}

/**
 * One kernel ip_vs_stats: `live` is what traffic has added (the per-CPU counters), `folded` what
 * the last 2 s estimator run published (all readers see only this), `zeroPoint` the folded value
 * at the last `ipvsadm -Z` (readers see folded - zeroPoint, as ip_vs_copy_stats does with kstats0).
 */
export interface SimStats {
  live: Counters;
  folded: Counters;
  zeroPoint: Counters;
  estimator: SimEstimator;
}

/** Packets and bytes one connection carries over its whole active life. */
export interface TrafficPerConn {
  inPkts: number;
  outPkts: number;
  inBytes: number;
  outBytes: number;
}

/**
 * Connections scheduled to one destination in one simulation step: they age together and carry
 * their service's current TrafficPerConn, spread evenly over their active life.
 */
export interface SimCohort {
  count: number;
  bornMs: number;
  /** ESTABLISHED until then (ActiveConn), then FIN_WAIT/TIME_WAIT (InActConn). */
  activeUntilMs: number;
  /** Expired (gone from both counts) from then on. */
  inactiveUntilMs: number;
}

export interface SimDest {
  family: SimFamily;
  address: string;
  port: number;
  forward: SimForward;
  weight: number;
  /** -x / -y; 0 means no limit. */
  upperThreshold: number;
  lowerThreshold: number;
  /** IP_VS_DEST_F_OVERLOAD: set at the upper threshold, cleared below the lower one. */
  overloaded: boolean;
  tunnelType: SimTunnelType;
  tunnelPort: number;
  /** 0 nocsum, 1 csum, 2 remcsum (ipvsadm's tunflags index). */
  tunnelFlags: number;
  cohorts: SimCohort[];
  stats: SimStats;
  /** Fractional packets/bytes not yet counted: inPkts, outPkts, inBytes, outBytes. */
  carry: [number, number, number, number];
}

/** How much traffic a simulated service receives. */
export interface SimLoad {
  /** New connections per second offered to the service. */
  cps: number;
  perConn: TrafficPerConn;
  activeSeconds: number;
  inactiveSeconds: number;
  /** Distinct client addresses the connections come from (sh and persistence hash them). */
  clients: number;
  /** Relative step-to-step variation of cps, 0..1. */
  jitter: number;
}

export interface SimTemplate {
  client: number;
  dest: string;
  expiresMs: number;
}

export interface SimService {
  protocol: SimProtocol;
  family: SimFamily;
  /** Absent for fwmark services. */
  address?: string;
  port: number;
  /** 0 for address services. */
  fwmark: number;
  scheduler: string;
  /** IP_VS_SVC_F_SCHED1..3 bits (1, 2, 4): sh-fallback/sh-port, mh-fallback/mh-port, flag-N. */
  schedFlags: number;
  /** Persistence timeout in seconds; absent when not persistent. */
  persistent?: number;
  /** IPv4: the mask as a u32 (0xffffffff = /32); IPv6: the prefix length (128). */
  netmask: number;
  pe: string;
  onePacket: boolean;
  /** In kernel list order: newest first (list_add_rcu at the head). */
  dests: SimDest[];
  stats: SimStats;
  load: SimLoad;
  connCarry: number;
  scheduling: { rrLast: string; wrrLast: string; wrrCurrentWeight: number };
  templates: SimTemplate[];
  /** Insertion sequence: within one hash bucket the newest service comes first. */
  sequence: number;
}

export interface SimTimeouts {
  tcp: number;
  tcpFin: number;
  udp: number;
}

export interface IpvsSimState {
  version: 1;
  nowMs: number;
  /** The last 2 s estimator run. */
  lastFoldMs: number;
  hz: number;
  connTableSize: number;
  /**
   * The low byte of the kernel's `(size_t)ipvs >> 8`, which salts the service hash and so the order
   * of /proc/net/ip_vs and of `ipvsadm --nosort`. It comes from a kernel pointer: unknowable, so it
   * is a parameter here.
   */
  hashSalt: number;
  prng: PrngState;
  services: SimService[];
  totals: SimStats;
  sequence: number;
  timeouts: SimTimeouts;
}
