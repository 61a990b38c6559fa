/**
 * The rest of a simulated host: its NICs (counters driven by the IPVS traffic) and an HAProxy
 * backend. Plain data plus functions that advance it, like the IPVS table.
 *
 * A director's NIC sees each forwarded packet twice (in from the client side, out to the real
 * server). NAT also forwards the replies, so both directions cross it; under DR/TUN the replies
 * bypass the director and the NIC carries the inbound direction only. Frames carry 14 bytes of
 * Ethernet header that IPVS (which counts IP bytes) does not.
 */
import type { Counters } from "../model/counters.ts";
import { nextFloat, nextInt, type PrngState } from "./prng.ts";

export interface SimNic {
  name: string;
  /** Mbit/s, or undefined when the driver reports none (virtual links, lo). */
  speedMbps?: number;
  rxBytes: bigint;
  rxPackets: bigint;
  rxErrors: bigint;
  rxDrops: bigint;
  rxMulticast: bigint;
  txBytes: bigint;
  txPackets: bigint;
  txErrors: bigint;
  txDrops: bigint;
}

const ETHERNET_HEADER = 14n;

export function createNic(name: string, speedMbps?: number, base = 0n): SimNic {
  return {
    name,
    speedMbps,
    rxBytes: base * 1500n,
    rxPackets: base,
    rxErrors: 0n,
    rxDrops: 0n,
    rxMulticast: 0n,
    txBytes: base * 1400n,
    txPackets: base,
    txErrors: 0n,
    txDrops: 0n,
  };
}

/** Adds one step of forwarded IPVS traffic (the growth of the table's global counters). */
export function addForwardedTraffic(nic: SimNic, ipvsIncrement: Counters): void {
  const packets = ipvsIncrement.inPkts + ipvsIncrement.outPkts;
  const bytes = ipvsIncrement.inBytes + ipvsIncrement.outBytes + packets * ETHERNET_HEADER;
  nic.rxPackets += packets;
  nic.rxBytes += bytes;
  nic.txPackets += packets;
  nic.txBytes += bytes;
}

/** Management noise: SSH, ARP, VRRP adverts; a few hundred bytes a second. */
export function addBackgroundTraffic(nic: SimNic, prng: PrngState, seconds: number): void {
  const packets = BigInt(Math.round(seconds * (3 + nextFloat(prng) * 4)));
  nic.rxPackets += packets;
  nic.rxBytes += packets * 90n;
  nic.txPackets += packets;
  nic.txBytes += packets * 110n;
  nic.rxMulticast += BigInt(Math.round(seconds));
}

export type HaproxyServerState = "ready" | "drain" | "maint";

export interface SimHaproxyServer {
  name: string;
  address: string;
  /** The runtime (user) weight; `set server ... weight` changes it. */
  weight: number;
  /** The weight in the configuration (srv_iweight); the runtime weight when not given. */
  initialWeight?: number;
  state: HaproxyServerState;
  current: number;
  max: number;
  total: bigint;
  bytesIn: bigint;
  bytesOut: bigint;
  responses2xx: bigint;
  responses5xx: bigint;
  lastChangeSeconds: number;
}

export interface SimHaproxy {
  frontend: string;
  frontendAddress: string;
  backend: string;
  /** New sessions per second offered to the frontend. */
  sessionsPerSecond: number;
  requestBytes: number;
  responseBytes: number;
  /** Mean session duration in seconds (current sessions = rate x duration). */
  sessionSeconds: number;
  /**
   * Mean time the sessions a server already holds go on once it takes no new ones (drain, maint,
   * weight 0): keep-alive connections and long transfers, what a real drain waits for. HAProxy
   * never cuts them (no shutdown-sessions here), so they end one by one, not all at once.
   */
  establishedSeconds: number;
  servers: SimHaproxyServer[];
  frontendTotal: bigint;
  frontendMax: number;
  frontendBytesIn: bigint;
  frontendBytesOut: bigint;
  carry: number;
  roundRobin: number;
  /** The last whole second's new sessions, for the rate columns. */
  lastRate: number;
  maxRate: number;
}

export function advanceHaproxy(proxy: SimHaproxy, prng: PrngState, seconds: number): void {
  const offered = proxy.sessionsPerSecond * seconds * (0.95 + nextFloat(prng) * 0.1) + proxy.carry;
  const sessions = Math.floor(offered);
  proxy.carry = offered - sessions;
  const eligible = proxy.servers.filter((s) => s.state === "ready" && s.weight > 0);
  const totalWeight = eligible.reduce((sum, s) => sum + s.weight, 0);
  for (let n = 0; n < sessions && totalWeight > 0; n++) {
    // Smooth weighted round robin over the eligible servers.
    let pick = proxy.roundRobin % totalWeight;
    proxy.roundRobin += 1;
    const server = eligible.find((s) => (pick -= s.weight) < 0) ?? (eligible[0] as SimHaproxyServer);
    server.total += 1n;
    server.bytesIn += BigInt(proxy.requestBytes);
    server.bytesOut += BigInt(proxy.responseBytes);
    if (nextInt(prng, 1000) === 0) server.responses5xx += 1n;
    else server.responses2xx += 1n;
  }
  proxy.frontendTotal += BigInt(sessions);
  proxy.frontendBytesIn += BigInt(sessions * proxy.requestBytes);
  proxy.frontendBytesOut += BigInt(sessions * proxy.responseBytes);
  proxy.lastRate = Math.round(sessions / Math.max(seconds, 1));
  proxy.maxRate = Math.max(proxy.maxRate, proxy.lastRate);
  let frontendCurrent = 0;
  // The share of established sessions still open after `seconds` (exponential lifetimes).
  const staying = Math.exp(-seconds / Math.max(proxy.establishedSeconds, Number.EPSILON));
  for (const server of proxy.servers) {
    const share = server.state === "ready" && totalWeight > 0 ? server.weight / totalWeight : 0;
    const steady = Math.round(proxy.sessionsPerSecond * proxy.sessionSeconds * share);
    // New sessions fill a server up at once; the ones it holds beyond what new traffic keeps up
    // (after a drain, maint or a lower weight) end over time. Rounded down, so the count reaches 0.
    server.current =
      server.current > steady ? steady + Math.floor((server.current - steady) * staying) : steady;
    server.max = Math.max(server.max, server.current);
    server.lastChangeSeconds += seconds;
    frontendCurrent += server.current;
  }
  proxy.frontendMax = Math.max(proxy.frontendMax, frontendCurrent);
}
