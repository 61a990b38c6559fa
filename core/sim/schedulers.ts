/**
 * Where IPVS sends a NEW connection, after the kernel's schedulers (net/netfilter/ipvs/ip_vs_rr.c,
 * ip_vs_wrr.c, ip_vs_lc.c, ip_vs_wlc.c, ip_vs_sed.c, ip_vs_nq.c, ip_vs_sh.c). Every one of them
 * skips a destination with weight 0 (quiescent) or the overload mark. Schedulers not modelled here
 * (lblc, lblcr, dh, fo, ovf, mh, twos) decide like wlc: their listings are right, their choices
 * only plausible.
 */
import type { SimDest, SimService } from "./sim-types.ts";

/** Live connection counts of each destination, index-aligned with svc.dests. */
export interface DestLoad {
  active: number;
  inactive: number;
}

export interface ScheduleRequest {
  svc: SimService;
  loads: DestLoad[];
  /** Client address as a u32 (sh hashes it). */
  clientAddress: number;
  clientPort: number;
}

const SH_TABLE_SIZE = 256;
const SH_FALLBACK = 1; // IP_VS_SVC_F_SCHED_SH_FALLBACK = IP_VS_SVC_F_SCHED1
const SH_PORT = 2; // IP_VS_SVC_F_SCHED_SH_PORT = IP_VS_SVC_F_SCHED2

function key(dest: SimDest): string {
  return `${dest.address}|${dest.port}`;
}

function available(dest: SimDest): boolean {
  return dest.weight > 0 && !dest.overloaded;
}

/** ip_vs_dest_conn_overhead: active connections cost 256 times an inactive one. */
function overhead(load: DestLoad): number {
  return load.active * 256 + load.inactive;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function wrrParameters(svc: SimService): { divisor: number; maxWeight: number } {
  let divisor = 0;
  let max = 0;
  for (const dest of svc.dests) {
    if (dest.weight > 0) divisor = divisor > 0 ? gcd(dest.weight, divisor) : dest.weight;
    max = Math.max(max, dest.weight);
  }
  divisor = divisor || 1;
  return { divisor, maxWeight: max - (divisor - 1) };
}

/** ip_vs_wrr_dest_changed: back to the list head, current weight kept in range. */
export function wrrDestinationsChanged(svc: SimService): void {
  const { divisor, maxWeight } = wrrParameters(svc);
  const state = svc.scheduling;
  state.wrrLast = "";
  if (state.wrrCurrentWeight > maxWeight || state.wrrCurrentWeight === 0) state.wrrCurrentWeight = maxWeight;
  else if (divisor > 1) state.wrrCurrentWeight = Math.floor(state.wrrCurrentWeight / divisor) * divisor + 1;
}

function scheduleRr(svc: SimService): SimDest | undefined {
  const dests = svc.dests;
  const lastIndex = dests.findIndex((d) => key(d) === svc.scheduling.rrLast);
  for (let step = 1; step <= dests.length; step++) {
    const dest = dests[(lastIndex + step) % dests.length] as SimDest;
    if (available(dest)) {
      svc.scheduling.rrLast = key(dest);
      return dest;
    }
  }
  return undefined;
}

function scheduleWrr(svc: SimService): SimDest | undefined {
  const { divisor, maxWeight } = wrrParameters(svc);
  const state = svc.scheduling;
  if (maxWeight <= 0) return undefined;
  if (state.wrrCurrentWeight <= 0 || state.wrrCurrentWeight > maxWeight) state.wrrCurrentWeight = maxWeight;
  const dests = svc.dests;
  // Position -1 is the list head; the walk continues after the last pick. Each time it passes the
  // head the current weight drops by the divisor; after the second wrap back to the maximum no
  // destination can take the connection (all overloaded), which ends the walk.
  let position = dests.findIndex((d) => key(d) === state.wrrLast);
  let wraps = 0;
  for (;;) {
    position += 1;
    if (position >= dests.length) {
      position = -1;
      state.wrrCurrentWeight -= divisor;
      if (state.wrrCurrentWeight <= 0) {
        state.wrrCurrentWeight = maxWeight;
        wraps += 1;
        if (wraps > 1) {
          state.wrrLast = "";
          return undefined;
        }
      }
      continue;
    }
    const dest = dests[position] as SimDest;
    if (!dest.overloaded && dest.weight >= state.wrrCurrentWeight) {
      state.wrrLast = key(dest);
      return dest;
    }
  }
}

function scheduleLc(svc: SimService, loads: DestLoad[]): SimDest | undefined {
  let least: SimDest | undefined;
  let leastOverhead = 0;
  svc.dests.forEach((dest, i) => {
    if (!available(dest)) return;
    const cost = overhead(loads[i] as DestLoad);
    if (!least || cost < leastOverhead) {
      least = dest;
      leastOverhead = cost;
    }
  });
  return least;
}

/** wlc, sed and nq: least cost per weight, compared by cross-multiplication as the kernel does. */
function scheduleWeighted(
  svc: SimService,
  loads: DestLoad[],
  cost: (load: DestLoad) => number,
  idleWins: boolean,
): SimDest | undefined {
  let least: SimDest | undefined;
  let leastCost = 0;
  for (let i = 0; i < svc.dests.length; i++) {
    const dest = svc.dests[i] as SimDest;
    if (!available(dest)) continue;
    const load = loads[i] as DestLoad;
    if (idleWins && load.active === 0) return dest;
    const destCost = cost(load);
    if (!least || leastCost * dest.weight > destCost * least.weight) {
      least = dest;
      leastCost = destCost;
    }
  }
  return least;
}

/** ip_vs_sh_reassign: each destination fills `weight` consecutive buckets, round the list. */
function shBuckets(svc: SimService): (SimDest | undefined)[] {
  const buckets: (SimDest | undefined)[] = [];
  let index = 0;
  let filled = 0;
  for (let i = 0; i < SH_TABLE_SIZE; i++) {
    const dest = svc.dests[index];
    buckets.push(dest);
    if (!dest) continue;
    filled += 1;
    if (filled >= dest.weight) {
      index = (index + 1) % svc.dests.length;
      filled = 0;
    }
  }
  return buckets;
}

/** hash_32(port + addr, 8) with the kernel's GOLDEN_RATIO_32, plus an offset for the fallback walk. */
function shHash(address: number, port: number, offset: number): number {
  const value = (port + address) >>> 0;
  return (offset + (Math.imul(value, 0x61c88647) >>> 24)) & (SH_TABLE_SIZE - 1);
}

function scheduleSh(svc: SimService, clientAddress: number, clientPort: number): SimDest | undefined {
  const buckets = shBuckets(svc);
  const port = svc.schedFlags & SH_PORT ? clientPort : 0;
  const first = buckets[shHash(clientAddress, port, 0)];
  if (!(svc.schedFlags & SH_FALLBACK)) return first && available(first) ? first : undefined;
  if (!first) return undefined;
  if (available(first)) return first;
  const start = shHash(clientAddress, port, 0);
  for (let offset = 0; offset < SH_TABLE_SIZE; offset++) {
    const dest = buckets[shHash(clientAddress, port, (offset + start) % SH_TABLE_SIZE)];
    if (dest && available(dest)) return dest;
  }
  return undefined;
}

/** The destination for one new connection, or undefined when none is available (dropped). */
export function scheduleConnection(request: ScheduleRequest): SimDest | undefined {
  const { svc, loads } = request;
  switch (svc.scheduler) {
    case "rr":
      return scheduleRr(svc);
    case "wrr":
      return scheduleWrr(svc);
    case "lc":
      return scheduleLc(svc, loads);
    case "sed":
      return scheduleWeighted(svc, loads, (l) => l.active + 1, false);
    case "nq":
      return scheduleWeighted(svc, loads, (l) => l.active + 1, true);
    case "sh":
      return scheduleSh(svc, request.clientAddress, request.clientPort);
    default:
      return scheduleWeighted(svc, loads, overhead, false);
  }
}
