/**
 * What the differential test compares, in one shape for both readings: what Fulcrum acts on
 * (instances with state, interface, virtual router id, priority, advert interval, VIPs and the
 * effective weights of what they track; track files and scripts; virtual servers with their real
 * servers), with keepalived's defaults filled in where the config leaves a value out.
 */
import type { KeepalivedConfig } from "../../../core/parse/keepalived/keepalived-config.ts";

export interface ComparableInstance {
  name: string;
  state: string;
  interface: string;
  vrid: number;
  priority: number;
  advertMs: number;
  /** "192.0.2.10/24" or "192.0.2.11" (no prefix written). */
  vips: string[];
  /** "NAME WEIGHT", the weight the instance applies. */
  trackScripts: string[];
  trackFiles: string[];
}

export interface Comparable {
  instances: ComparableInstance[];
  trackFiles: { name: string; file: string; weight: number }[];
  scripts: { name: string; weight: number }[];
  /** "tcp [192.0.2.50]:80 -> [10.0.0.1]:80", "fwmark 7 -> [10.0.0.7]:0". */
  virtualServers: string[];
}

const bracket = (address: string) => `[${address}]`;

/** Fulcrum's reading in that shape (keepalived.conf(5) defaults: priority 100, advert 1 s, BACKUP). */
export function comparableOf(config: KeepalivedConfig): Comparable {
  const scriptWeight = new Map(config.vrrpScripts.map((s) => [s.name, s.weight ?? 0]));
  const fileWeight = new Map(config.trackFiles.map((t) => [t.name, t.weight ?? 1]));
  const tracked = {
    files: new Set(config.vrrpInstances.flatMap((i) => i.trackFiles.map((t) => t.name))),
    scripts: new Set(config.vrrpInstances.flatMap((i) => i.trackScripts.map((t) => t.name))),
  };
  return {
    instances: config.vrrpInstances.map((instance) => ({
      name: instance.name,
      state: instance.state ?? "BACKUP",
      interface: instance.interface ?? "",
      vrid: instance.virtualRouterId ?? 0,
      priority: instance.priority ?? 100,
      advertMs: Math.round((instance.advertIntervalSeconds ?? 1) * 1000),
      vips: instance.virtualIps.map((vip) =>
        vip.prefixLength === undefined ? vip.address : `${vip.address}/${vip.prefixLength}`,
      ),
      trackScripts: instance.trackScripts.map(
        (t) => `${t.name} ${t.weight ?? scriptWeight.get(t.name) ?? 0}`,
      ),
      trackFiles: instance.trackFiles.map((t) => `${t.name} ${t.weight ?? fileWeight.get(t.name) ?? 1}`),
    })),
    // keepalived drops a declaration no instance tracks ("script chk is not used"): compare the used ones.
    trackFiles: config.trackFiles
      .filter((t) => tracked.files.has(t.name))
      .map((t) => ({ name: t.name, file: t.file ?? "", weight: t.weight ?? 1 })),
    scripts: config.vrrpScripts
      .filter((s) => tracked.scripts.has(s.name))
      .map((s) => ({ name: s.name, weight: s.weight ?? 0 })),
    virtualServers: config.virtualServers.flatMap((service) =>
      service.realServers.map((real) => {
        const vs =
          service.kind === "fwmark"
            ? `fwmark ${service.fwmark}`
            : `${service.protocol} ${bracket(service.address ?? "")}:${service.port ?? 0}`;
        return `${vs} -> ${bracket(real.address)}:${real.port ?? 0}`;
      }),
    ),
  };
}
