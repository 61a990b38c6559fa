/**
 * The simulated IPVS table: create it, and add / edit / delete / zero / flush services and real
 * servers with the kernel's rules and errnos (ip_vs_ctl.c do_ip_vs_set_ctl and ip_vs_genl_set_cmd).
 * Everything is deterministic: a seeded PRNG and an injected clock (advance() in ipvs-traffic.ts).
 */
import { canonicalAddress } from "../model/address.ts";
import { IpvsError } from "./ipvs-errors.ts";
import { createPrng } from "./prng.ts";
import { createStats, zeroStats } from "./sim-stats.ts";
import { wrrDestinationsChanged } from "./schedulers.ts";
import type {
  IpvsSimState,
  SimDest,
  SimFamily,
  SimForward,
  SimLoad,
  SimProtocol,
  SimService,
  SimTunnelType,
} from "./sim-types.ts";

/** Schedulers the Debian kernel ships (net/netfilter/ipvs/ip_vs_*.c); others are "not found". */
export const KNOWN_SCHEDULERS = [
  "rr",
  "wrr",
  "lc",
  "wlc",
  "lblc",
  "lblcr",
  "dh",
  "sh",
  "sed",
  "nq",
  "fo",
  "ovf",
  "mh",
  "twos",
];
export const KNOWN_PERSISTENCE_ENGINES = ["sip"];

export interface CreateStateOptions {
  seed: number;
  nowMs: number;
  hashSalt?: number;
  hz?: number;
  connTableSize?: number;
}

export function createIpvsState(options: CreateStateOptions): IpvsSimState {
  return {
    version: 1,
    nowMs: options.nowMs,
    lastFoldMs: Math.floor(options.nowMs / 2000) * 2000,
    hz: options.hz ?? 250,
    connTableSize: options.connTableSize ?? 4096,
    hashSalt: (options.hashSalt ?? 0) & 0xff,
    prng: createPrng(options.seed),
    services: [],
    totals: createStats(),
    sequence: 0,
    timeouts: { tcp: 900, tcpFin: 120, udp: 300 },
  };
}

/** Which service an edit names: by fwmark (and family), or by protocol, address and port. */
export interface ServiceRef {
  protocol: SimProtocol;
  family: SimFamily;
  address?: string;
  port: number;
  fwmark: number;
}

export interface ServiceSettings {
  scheduler: string;
  schedFlags?: number;
  persistent?: number;
  netmask?: number;
  pe?: string;
  onePacket?: boolean;
}

export interface DestRef {
  family: SimFamily;
  address: string;
  port: number;
}

export interface DestSettings {
  forward: SimForward;
  weight: number;
  upperThreshold?: number;
  lowerThreshold?: number;
  tunnelType?: SimTunnelType;
  tunnelPort?: number;
  tunnelFlags?: number;
}

export const IDLE_LOAD: SimLoad = {
  cps: 0,
  perConn: { inPkts: 0, outPkts: 0, inBytes: 0, outBytes: 0 },
  activeSeconds: 10,
  inactiveSeconds: 60,
  clients: 1000,
  jitter: 0,
};

function sameAddress(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (canonicalAddress(a) ?? a) === (canonicalAddress(b) ?? b);
}

/** __ip_vs_service_find / __ip_vs_svc_fwm_find. */
export function findService(state: IpvsSimState, ref: ServiceRef): SimService | undefined {
  if (ref.fwmark !== 0) {
    return state.services.find((s) => s.fwmark === ref.fwmark && s.family === ref.family);
  }
  return state.services.find(
    (s) =>
      s.fwmark === 0 &&
      s.family === ref.family &&
      s.protocol === ref.protocol &&
      s.port === ref.port &&
      sameAddress(s.address, ref.address),
  );
}

/** The lookup every command but "add" does, with its protocol check (-> ESRCH). */
function existingService(
  state: IpvsSimState,
  ref: ServiceRef,
  operation: "edit-service" | "delete-service" | "zero" | "add-dest" | "edit-dest" | "delete-dest",
): SimService {
  const svc = findService(state, ref);
  if (!svc || svc.protocol !== ref.protocol) throw new IpvsError(operation, "ESRCH");
  return svc;
}

export function findDest(svc: SimService, ref: DestRef): SimDest | undefined {
  return svc.dests.find(
    (d) => d.family === ref.family && d.port === ref.port && sameAddress(d.address, ref.address),
  );
}

export function destKey(dest: Pick<SimDest, "address" | "port">): string {
  return `${dest.address}|${dest.port}`;
}

function checkSettings(operation: "add-service" | "edit-service", settings: ServiceSettings): void {
  if (!KNOWN_SCHEDULERS.includes(settings.scheduler)) throw new IpvsError(operation, "ENOENT");
  if (settings.pe && !KNOWN_PERSISTENCE_ENGINES.includes(settings.pe))
    throw new IpvsError(operation, "ENOENT");
}

function applySettings(svc: SimService, settings: ServiceSettings): void {
  if (svc.scheduler !== settings.scheduler) {
    svc.scheduling = { rrLast: "", wrrLast: "", wrrCurrentWeight: 0 };
  }
  svc.scheduler = settings.scheduler;
  svc.schedFlags = settings.schedFlags ?? 0;
  svc.persistent = settings.persistent;
  svc.netmask = settings.netmask ?? (svc.family === "inet6" ? 128 : 0xffffffff);
  svc.pe = settings.pe ?? "";
  svc.onePacket = settings.onePacket ?? false;
  if (svc.persistent === undefined) svc.templates = [];
  wrrDestinationsChanged(svc);
}

export function addService(
  state: IpvsSimState,
  ref: ServiceRef,
  settings: ServiceSettings,
  load: SimLoad = IDLE_LOAD,
): SimService {
  if (findService(state, ref)) throw new IpvsError("add-service", "EEXIST");
  checkSettings("add-service", settings);
  state.sequence += 1;
  const svc: SimService = {
    protocol: ref.protocol,
    family: ref.family,
    port: ref.fwmark !== 0 ? 0 : ref.port,
    fwmark: ref.fwmark,
    scheduler: settings.scheduler,
    schedFlags: 0,
    netmask: 0xffffffff,
    pe: "",
    onePacket: false,
    dests: [],
    stats: createStats(),
    load: structuredClone(load),
    connCarry: 0,
    scheduling: { rrLast: "", wrrLast: "", wrrCurrentWeight: 0 },
    templates: [],
    sequence: state.sequence,
  };
  if (ref.fwmark === 0 && ref.address !== undefined)
    svc.address = canonicalAddress(ref.address) ?? ref.address;
  applySettings(svc, settings);
  state.services.push(svc);
  return svc;
}

export function editService(state: IpvsSimState, ref: ServiceRef, settings: ServiceSettings): SimService {
  const svc = existingService(state, ref, "edit-service");
  checkSettings("edit-service", settings);
  applySettings(svc, settings);
  return svc;
}

/** The service's own traffic leaves the listing; the global totals keep it. */
export function deleteService(state: IpvsSimState, ref: ServiceRef): void {
  const svc = existingService(state, ref, "delete-service");
  state.services = state.services.filter((s) => s !== svc);
}

export function flushServices(state: IpvsSimState): void {
  state.services = [];
}

/** `-Z` with a service zeroes it and its destinations; without one, everything and the totals. */
export function zeroCounters(state: IpvsSimState, ref?: ServiceRef): void {
  const services = ref ? [existingService(state, ref, "zero")] : state.services;
  for (const svc of services) {
    zeroStats(svc.stats);
    for (const dest of svc.dests) zeroStats(dest.stats);
  }
  if (!ref) zeroStats(state.totals);
}

function checkDest(operation: "add-dest" | "edit-dest", settings: DestSettings): void {
  if (settings.weight < 0 || settings.weight > 65535) throw new IpvsError(operation, "EINVAL");
  const upper = settings.upperThreshold ?? 0;
  const lower = settings.lowerThreshold ?? 0;
  if (upper < 0 || lower < 0 || (upper !== 0 && lower > upper)) throw new IpvsError(operation, "EINVAL");
}

function applyDest(dest: SimDest, settings: DestSettings): void {
  dest.forward = settings.forward;
  dest.weight = settings.weight;
  dest.upperThreshold = settings.upperThreshold ?? 0;
  dest.lowerThreshold = settings.lowerThreshold ?? 0;
  dest.tunnelType = settings.tunnelType ?? "ipip";
  dest.tunnelPort = settings.tunnelPort ?? 0;
  dest.tunnelFlags = settings.tunnelFlags ?? 0;
  // __ip_vs_update_dest: a raised or removed upper threshold lifts the overload mark.
  if (dest.upperThreshold === 0) dest.overloaded = false;
}

export function addDest(
  state: IpvsSimState,
  svcRef: ServiceRef,
  ref: DestRef,
  settings: DestSettings,
): SimDest {
  const svc = existingService(state, svcRef, "add-dest");
  checkDest("add-dest", settings);
  if (findDest(svc, ref)) throw new IpvsError("add-dest", "EEXIST");
  const dest: SimDest = {
    family: ref.family,
    address: canonicalAddress(ref.address) ?? ref.address,
    port: ref.port,
    forward: settings.forward,
    weight: settings.weight,
    upperThreshold: 0,
    lowerThreshold: 0,
    overloaded: false,
    tunnelType: "ipip",
    tunnelPort: 0,
    tunnelFlags: 0,
    cohorts: [],
    stats: createStats(),
    carry: [0, 0, 0, 0],
  };
  applyDest(dest, settings);
  svc.dests.unshift(dest);
  wrrDestinationsChanged(svc);
  return dest;
}

export function editDest(
  state: IpvsSimState,
  svcRef: ServiceRef,
  ref: DestRef,
  settings: DestSettings,
): SimDest {
  const svc = existingService(state, svcRef, "edit-dest");
  checkDest("edit-dest", settings);
  const dest = findDest(svc, ref);
  if (!dest) throw new IpvsError("edit-dest", "ENOENT");
  applyDest(dest, settings);
  wrrDestinationsChanged(svc);
  return dest;
}

/** The destination's counters leave the listing; its traffic stays in the service's totals. */
export function deleteDest(state: IpvsSimState, svcRef: ServiceRef, ref: DestRef): void {
  const svc = existingService(state, svcRef, "delete-dest");
  const dest = findDest(svc, ref);
  if (!dest) throw new IpvsError("delete-dest", "ENOENT");
  svc.dests = svc.dests.filter((d) => d !== dest);
  svc.templates = svc.templates.filter((t) => t.dest !== destKey(dest));
  if (svc.scheduling.rrLast === destKey(dest)) svc.scheduling.rrLast = "";
  wrrDestinationsChanged(svc);
}

/** Active and inactive connection counts of a destination at a time (ipvsadm's live columns). */
export function connectionCounts(dest: SimDest, atMs: number): { active: number; inactive: number } {
  let active = 0;
  let inactive = 0;
  for (const cohort of dest.cohorts) {
    if (atMs < cohort.activeUntilMs) active += cohort.count;
    else if (atMs < cohort.inactiveUntilMs) inactive += cohort.count;
  }
  return { active, inactive };
}

/** Persistence templates pointing at a destination (the PersistConn column). */
export function persistentConnections(svc: SimService, dest: SimDest, atMs: number): number {
  const key = destKey(dest);
  return svc.templates.filter((t) => t.dest === key && t.expiresMs > atMs).length;
}
