/**
 * Time for the simulated director: new connections arrive at each service's offered rate, the
 * scheduler places each one, connections stay active, then inactive (FIN_WAIT / TIME_WAIT), then
 * expire; packets and bytes flow while they are active. Every 2 s of simulated time the estimator
 * folds the counters (sim-stats.ts), so readers see counters move in 2 s steps while ActiveConn and
 * InActConn are live.
 *
 * DR and TUN destinations count no outgoing traffic: the replies bypass the director.
 */
import { zeroCounters, type Counters } from "../model/counters.ts";
import { connectionCounts, destKey } from "./ipvs-table.ts";
import { nextFloat, nextInt } from "./prng.ts";
import { scheduleConnection, type DestLoad } from "./schedulers.ts";
import { addCounters, FOLD_INTERVAL_MS, foldStats } from "./sim-stats.ts";
import type { IpvsSimState, SimDest, SimService } from "./sim-types.ts";

/** Longer gaps (a shim not called for hours) are not replayed: only their last 10 minutes are. */
export const MAX_CATCH_UP_MS = 600_000;
/** A bound on the work of one step, whatever rate a caller configures. */
const MAX_NEW_CONNECTIONS_PER_STEP = 200_000;

const CLIENT_BASE = 0x64400000; // 100.64.0.0/10, shared address space: never a real client

export function advanceTo(state: IpvsSimState, toMs: number): void {
  if (toMs <= state.nowMs) return;
  if (toMs - state.nowMs > MAX_CATCH_UP_MS) {
    state.nowMs = toMs - MAX_CATCH_UP_MS;
    state.lastFoldMs = Math.floor(state.nowMs / FOLD_INTERVAL_MS) * FOLD_INTERVAL_MS;
  }
  while (state.nowMs < toMs) {
    const nextFold = state.lastFoldMs + FOLD_INTERVAL_MS;
    const end = Math.min(nextFold, toMs);
    if (end > state.nowMs) simulateStep(state, state.nowMs, end);
    state.nowMs = end;
    if (end === nextFold) {
      foldAll(state);
      state.lastFoldMs = nextFold;
    }
  }
}

/** The estimator run over every stats object, as the kernel's 2 s timer does. */
export function foldAll(state: IpvsSimState): void {
  foldStats(state.totals);
  for (const svc of state.services) {
    foldStats(svc.stats);
    for (const dest of svc.dests) foldStats(dest.stats);
  }
}

function updateOverload(dest: SimDest, load: DestLoad): void {
  const total = load.active + load.inactive;
  if (dest.upperThreshold !== 0 && total >= dest.upperThreshold) dest.overloaded = true;
  else if (dest.overloaded) {
    // ip_vs_unbind_dest: clear below the lower threshold, or below 3/4 of the upper one.
    const clear =
      dest.lowerThreshold !== 0
        ? total < dest.lowerThreshold
        : dest.upperThreshold === 0 || total * 4 < dest.upperThreshold * 3;
    if (clear) dest.overloaded = false;
  }
}

function clientGroup(svc: SimService, client: number): number {
  const address = (CLIENT_BASE + client) >>> 0;
  return svc.family === "inet" ? (address & svc.netmask) >>> 0 : address;
}

function placeConnection(
  state: IpvsSimState,
  svc: SimService,
  loads: DestLoad[],
  nowMs: number,
  lifeMs: number,
): number {
  const client = nextInt(state.prng, Math.max(1, svc.load.clients));
  const clientAddress = (CLIENT_BASE + client) >>> 0;
  if (svc.persistent !== undefined) {
    const group = clientGroup(svc, client);
    const template = svc.templates.find((t) => t.client === group && t.expiresMs > nowMs);
    const index = template ? svc.dests.findIndex((d) => destKey(d) === template.dest) : -1;
    if (template && index >= 0) {
      // A template keeps routing its client, even to a quiescent destination.
      template.expiresMs = Math.max(template.expiresMs, nowMs + lifeMs, nowMs + svc.persistent * 1000);
      return index;
    }
  }
  const dest = scheduleConnection({
    svc,
    loads,
    clientAddress,
    clientPort: 1024 + nextInt(state.prng, 64511),
  });
  if (!dest) return -1;
  if (svc.persistent !== undefined) {
    const group = clientGroup(svc, client);
    svc.templates = svc.templates.filter((t) => t.client !== group);
    svc.templates.push({
      client: group,
      dest: destKey(dest),
      expiresMs: nowMs + Math.max(lifeMs, svc.persistent * 1000),
    });
  }
  return svc.dests.indexOf(dest);
}

function simulateService(state: IpvsSimState, svc: SimService, fromMs: number, toMs: number): Counters {
  const stepSeconds = (toMs - fromMs) / 1000;
  const udpLike = svc.protocol === "udp";
  const activeMs = udpLike ? 0 : svc.load.activeSeconds * 1000;
  const lifeMs = activeMs + svc.load.inactiveSeconds * 1000;
  const loads = svc.dests.map((d) => connectionCounts(d, fromMs));
  svc.dests.forEach((d, i) => updateOverload(d, loads[i] as DestLoad));

  const jitter = svc.load.jitter * (nextFloat(state.prng) * 2 - 1);
  const offered = Math.max(0, svc.load.cps * stepSeconds * (1 + jitter)) + svc.connCarry;
  const arriving = Math.min(Math.floor(offered), MAX_NEW_CONNECTIONS_PER_STEP);
  svc.connCarry = offered - Math.floor(offered);
  const placed = new Array<number>(svc.dests.length).fill(0);
  for (let n = 0; n < arriving && svc.dests.length > 0; n++) {
    const index = placeConnection(state, svc, loads, fromMs, lifeMs);
    if (index < 0) continue;
    placed[index] = (placed[index] as number) + 1;
    const load = loads[index] as DestLoad;
    if (udpLike) load.inactive += 1;
    else load.active += 1;
    updateOverload(svc.dests[index] as SimDest, load);
  }

  const serviceIncrement = zeroCounters();
  svc.dests.forEach((dest, i) => {
    const count = placed[i] as number;
    if (count > 0) {
      dest.cohorts.push({
        count,
        bornMs: fromMs,
        activeUntilMs: fromMs + activeMs,
        inactiveUntilMs: fromMs + lifeMs,
      });
    }
    const increment = destTraffic(svc, dest, fromMs, toMs);
    increment.conns = BigInt(count);
    addCounters(dest.stats.live, increment);
    addCounters(serviceIncrement, increment);
    dest.cohorts = dest.cohorts.filter((c) => c.inactiveUntilMs > toMs);
  });
  svc.templates = svc.templates.filter((t) => t.expiresMs > toMs);
  addCounters(svc.stats.live, serviceIncrement);
  return serviceIncrement;
}

/** Packets and bytes the destination's active connections carried during [from, to). */
function destTraffic(svc: SimService, dest: SimDest, fromMs: number, toMs: number): Counters {
  const per = svc.load.perConn;
  let connectionShare = 0;
  for (const cohort of dest.cohorts) {
    const life = cohort.activeUntilMs - cohort.bornMs;
    if (life <= 0) {
      // UDP-like: the whole exchange is counted when the connection appears.
      if (cohort.bornMs >= fromMs && cohort.bornMs < toMs) connectionShare += cohort.count;
      continue;
    }
    const overlap = Math.min(toMs, cohort.activeUntilMs) - Math.max(fromMs, cohort.bornMs);
    if (overlap > 0) connectionShare += (cohort.count * overlap) / life;
  }
  const repliesPass = dest.forward !== "route" && dest.forward !== "tunnel";
  const amounts = [per.inPkts, repliesPass ? per.outPkts : 0, per.inBytes, repliesPass ? per.outBytes : 0];
  const whole = amounts.map((amount, i) => {
    const exact = amount * connectionShare + (dest.carry[i] as number);
    const counted = Math.floor(exact);
    dest.carry[i] = exact - counted;
    return BigInt(counted);
  });
  return {
    conns: 0n,
    inPkts: whole[0] as bigint,
    outPkts: whole[1] as bigint,
    inBytes: whole[2] as bigint,
    outBytes: whole[3] as bigint,
  };
}

function simulateStep(state: IpvsSimState, fromMs: number, toMs: number): void {
  for (const svc of state.services) {
    addCounters(state.totals.live, simulateService(state, svc, fromMs, toMs));
  }
}
