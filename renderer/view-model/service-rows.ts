/**
 * Shapes a host snapshot into the rows the service table renders: labels, formatted rates, sort
 * order and the "inbound only" marking. Components only map these rows to cells.
 */
import type { HostSnapshot } from "../../core/api.ts";
import type { RatesView, RealServerView, VirtualServiceView } from "./snapshot-types.ts";
import { endpointLabel, serviceLabel } from "./endpoint-label.ts";
import { formatBytesPerSecond, formatCount, formatPerSecond, NO_VALUE } from "./format-rate.ts";
import { forwardMethodLabel, isInboundOnly } from "./forward-method.ts";
import { compareAddresses } from "./compare-addresses.ts";

export interface RateCells {
  cps: string;
  inBps: string;
  /** NO_VALUE when the director cannot see the replies (DR/TUN). */
  outBps: string;
}

export interface RealServerRow {
  key: string;
  endpoint: string;
  forward: string;
  inboundOnly: boolean;
  weight: string;
  activeConns: string;
  inactiveConns: string;
  rates: RateCells | undefined;
}

export interface ServiceRow {
  key: string;
  label: string;
  scheduler: string;
  persistence: string | undefined;
  /** Every backend is DR or TUN: the director's counters show inbound traffic only. */
  inboundOnly: boolean;
  rates: RateCells | undefined;
  realServers: RealServerRow[];
}

export function toServiceRows(snapshot: Pick<HostSnapshot, "services">): ServiceRow[] {
  return [...snapshot.services].sort(compareServices).map(toServiceRow);
}

function toServiceRow(service: VirtualServiceView): ServiceRow {
  const label = serviceLabel(service);
  const inboundOnly =
    service.realServers.length > 0 && service.realServers.every((server) => isInboundOnly(server.forward));
  return {
    key: label,
    label,
    scheduler: service.scheduler,
    persistence: service.persistent !== undefined ? `persistent ${service.persistent} s` : undefined,
    inboundOnly,
    rates: service.rates && rateCells(service.rates, inboundOnly),
    realServers: [...service.realServers].sort(compareRealServers).map(toRealServerRow),
  };
}

function toRealServerRow(server: RealServerView): RealServerRow {
  const endpoint = endpointLabel(server.address, server.port);
  const inboundOnly = isInboundOnly(server.forward);
  return {
    key: endpoint,
    endpoint,
    forward: forwardMethodLabel(server),
    inboundOnly,
    weight: formatCount(server.weight),
    activeConns: formatCount(server.activeConns),
    inactiveConns: formatCount(server.inactiveConns),
    rates: server.rates && rateCells(server.rates, inboundOnly),
  };
}

function rateCells(rates: RatesView, inboundOnly: boolean): RateCells {
  return {
    cps: formatPerSecond(rates.cps),
    inBps: formatBytesPerSecond(rates.inBps),
    outBps: inboundOnly ? NO_VALUE : formatBytesPerSecond(rates.outBps),
  };
}

const PROTOCOL_ORDER: Record<VirtualServiceView["protocol"], number> = { tcp: 0, udp: 1, sctp: 2, fwmark: 3 };

function compareServices(a: VirtualServiceView, b: VirtualServiceView): number {
  return (
    PROTOCOL_ORDER[a.protocol] - PROTOCOL_ORDER[b.protocol] ||
    (a.fwmark ?? 0) - (b.fwmark ?? 0) ||
    compareAddresses(a.address ?? "", b.address ?? "") ||
    (a.port ?? 0) - (b.port ?? 0)
  );
}

function compareRealServers(a: RealServerView, b: RealServerView): number {
  return compareAddresses(a.address, b.address) || a.port - b.port;
}
