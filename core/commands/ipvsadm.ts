/**
 * Pure builders for ipvsadm argv (ipvsadm(8)). Inputs are validated targets; outputs are argv
 * arrays, turned into a remote command only by shell-quote.ts.
 */
import { formatHostPort } from "../model/address.ts";
import type { ForwardMethod } from "../model/ipvs.ts";
import type { IpvsBackendTarget, IpvsServiceTarget } from "./target-spec.ts";
import { ValidationError, type IpvsWeight } from "./validated.ts";

export const IPVSADM_LIST = ["ipvsadm", "-Ln", "--exact"] as const;
export const IPVSADM_LIST_STATS = ["ipvsadm", "-Ln", "--stats", "--exact"] as const;
export const IPVSADM_SAVE = ["ipvsadm", "-Sn"] as const;

export function serviceArgs(service: IpvsServiceTarget): string[] {
  if (service.protocol === "fwmark") {
    return service.family === "inet6" ? ["-f", String(service.fwmark), "-6"] : ["-f", String(service.fwmark)];
  }
  const flag = { tcp: "-t", udp: "-u", sctp: "--sctp-service" }[service.protocol];
  return [flag, formatHostPort(service.address, service.port)];
}

/**
 * The flag that repeats a backend's forwarding method. It must always be given on an edit:
 * `ipvsadm -e` without -m/-i silently switches the backend to DR (-g is the default).
 */
export function forwardFlag(forward: ForwardMethod): "-m" | "-g" | "-i" {
  switch (forward) {
    case "masq":
      return "-m";
    case "route":
    case "local":
      return "-g";
    case "tunnel":
      return "-i";
    default:
      throw new ValidationError(`ipvsadm cannot set forwarding method "${forward}"; refusing to guess one`);
  }
}

export interface RealServerSettings {
  forward: ForwardMethod;
  weight: IpvsWeight;
  upperThreshold?: number;
  lowerThreshold?: number;
}

function thresholdArgs(settings: RealServerSettings): string[] {
  const args: string[] = [];
  if (settings.upperThreshold) args.push("-x", String(settings.upperThreshold));
  if (settings.lowerThreshold) args.push("-y", String(settings.lowerThreshold));
  return args;
}

function realServerArgs(backend: IpvsBackendTarget): string[] {
  return ["-r", formatHostPort(backend.address, backend.port)];
}

function realServerCommand(
  operation: "-e" | "-a",
  service: IpvsServiceTarget,
  backend: IpvsBackendTarget,
  settings: RealServerSettings,
): string[] {
  return [
    "ipvsadm",
    operation,
    ...serviceArgs(service),
    ...realServerArgs(backend),
    forwardFlag(settings.forward),
    "-w",
    String(settings.weight),
    ...thresholdArgs(settings),
  ];
}

/** ipvsadm -e: change weight (and thresholds), repeating the forwarding method. */
export function editRealServer(service: IpvsServiceTarget, backend: IpvsBackendTarget, settings: RealServerSettings): string[] {
  return realServerCommand("-e", service, backend, settings);
}

/** ipvsadm -a: add (or restore) a real server with all its settings. */
export function addRealServer(service: IpvsServiceTarget, backend: IpvsBackendTarget, settings: RealServerSettings): string[] {
  return realServerCommand("-a", service, backend, settings);
}

/** ipvsadm -d: remove a real server (its counters leave the listing but stay in the service total). */
export function deleteRealServer(service: IpvsServiceTarget, backend: IpvsBackendTarget): string[] {
  return ["ipvsadm", "-d", ...serviceArgs(service), ...realServerArgs(backend)];
}
