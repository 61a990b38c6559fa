/**
 * Whether keepalived owns an IPVS service or backend. keepalived writes IPVS and never reads it
 * back (formats.md §4.3), so a manual weight on a service it defines holds only until its next
 * health-check transition or reload. The UI uses this to label such edits as temporary.
 */
import { canonicalAddress } from "../../model/address.ts";
import { serviceKey } from "../../model/service-key.ts";
import type { ConfigRealServer, ConfigVirtualServer, KeepalivedConfig } from "./keepalived-config.ts";

export interface ServiceRef {
  protocol: "tcp" | "udp" | "sctp" | "fwmark";
  address?: string;
  port?: number;
  fwmark?: number;
}

export interface BackendRef {
  address: string;
  port: number;
}

export interface KeepalivedOwnership {
  /** The service is a keepalived virtual_server (directly or through a virtual_server_group). */
  service: boolean;
  /** The backend is one of that virtual_server's real_server entries. */
  backend: boolean;
  virtualServerLine?: number;
  realServerLine?: number;
  checkers?: ConfigRealServer["checkers"];
  inhibitOnFailure?: boolean;
  /** What the operator should be told; absent when keepalived does not manage it. */
  note?: string;
}

const TEMPORARY = "manual weight is temporary: keepalived may revert it on reload or health-check transition";

export function managedBy(
  config: KeepalivedConfig,
  service: ServiceRef,
  backend?: BackendRef,
): KeepalivedOwnership {
  const virtualServer = config.virtualServers.find((candidate) => matchesService(config, candidate, service));
  if (!virtualServer) return { service: false, backend: false };
  const ownership: KeepalivedOwnership = {
    service: true,
    backend: false,
    virtualServerLine: virtualServer.lineNo,
    note: TEMPORARY,
  };
  if (!backend) return ownership;
  const wanted = canonicalAddress(backend.address);
  // A real server without a port (fwmark services) takes the port of whatever the mark selects.
  const realServer = virtualServer.realServers.find(
    (candidate) =>
      candidate.address === wanted && (candidate.port === undefined || candidate.port === backend.port),
  );
  if (!realServer) {
    return {
      ...ownership,
      note: "this backend is not in keepalived.conf: keepalived does not health-check it and may remove it on reload",
    };
  }
  return {
    ...ownership,
    backend: true,
    realServerLine: realServer.lineNo,
    checkers: realServer.checkers,
    inhibitOnFailure: realServer.inhibitOnFailure,
  };
}

/** Every service keepalived defines, in serviceKey form ("192.0.2.10:80", "udp:...", "fwm:1"). */
export function keepalivedServiceKeys(config: KeepalivedConfig): string[] {
  const keys = new Set<string>();
  for (const virtualServer of config.virtualServers) {
    for (const ref of expand(config, virtualServer)) {
      keys.add(serviceKey({ ...ref, family: ref.address?.includes(":") ? "inet6" : "inet" }));
    }
  }
  return [...keys];
}

function matchesService(
  config: KeepalivedConfig,
  candidate: ConfigVirtualServer,
  service: ServiceRef,
): boolean {
  const address = service.address === undefined ? undefined : canonicalAddress(service.address);
  return expand(config, candidate).some((ref) =>
    ref.protocol === "fwmark"
      ? service.protocol === "fwmark" && ref.fwmark === service.fwmark
      : ref.protocol === service.protocol && ref.address === address && ref.port === service.port,
  );
}

/** The IPVS services one virtual_server block stands for (a group stands for several). */
function expand(config: KeepalivedConfig, virtualServer: ConfigVirtualServer): ServiceRef[] {
  const protocol = virtualServer.protocol as ServiceRef["protocol"];
  if (virtualServer.kind === "fwmark") return [{ protocol: "fwmark", fwmark: virtualServer.fwmark }];
  if (virtualServer.kind === "ip")
    return [{ protocol, address: virtualServer.address, port: virtualServer.port }];
  const group = config.virtualServerGroups.find((candidate) => candidate.name === virtualServer.group);
  const refs: ServiceRef[] = [];
  for (const member of group?.members ?? []) {
    if (member.kind === "fwmark") {
      refs.push({ protocol: "fwmark", fwmark: member.fwmark });
      continue;
    }
    for (const address of ipv4Range(member.first, member.last))
      refs.push({ protocol, address, port: member.port });
  }
  return refs;
}

// "192.0.2.20-29": the last octet runs from the first address's to the given end.
function ipv4Range(first: string, last: string | undefined): string[] {
  if (last === undefined) return [first];
  const prefix = first.slice(0, first.lastIndexOf(".") + 1);
  const from = Number(first.slice(prefix.length));
  const to = Number(last.slice(prefix.length));
  const addresses: string[] = [];
  for (let octet = from; octet <= to && octet <= 255; octet++) addresses.push(`${prefix}${octet}`);
  return addresses;
}
