/**
 * Shapes a host snapshot into the rows the service table renders: labels, formatted rates, sort
 * order, the "inbound only" marking, and each backend's share of the service's new connections
 * against its share of the weight (the scheduler's intent). Components only map these rows to cells.
 */
import type { HostSnapshot } from "../../core/api.ts";
import type { RatesView, RealServerView, VirtualServiceView } from "./snapshot-types.ts";
import { formatHostPort } from "../../shared/service-key.ts";
import { serviceLabel } from "./endpoint-label.ts";
import { NO_VALUE } from "./format-rate.ts";
import type { I18n } from "../i18n/i18n.ts";
import { forwardMethodLabel, isInboundOnly } from "./forward-method.ts";
import { compareAddresses } from "./compare-addresses.ts";
import { actionTargetOf, type ActionTarget } from "./action-target.ts";

/** A backend whose conn/s share strays this far (absolute) from its weight share is highlighted. */
export const SHARE_SKEW_THRESHOLD = 0.1;

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
  /** Share of the service's conn/s; NO_VALUE without counters or when the service is idle. */
  trafficShare: string;
  /** Share of the service's total weight; NO_VALUE when every weight is 0. */
  weightShare: string;
  /** Traffic and weight shares differ by more than SHARE_SKEW_THRESHOLD. */
  shareSkewed: boolean;
  /** Weight 0: takes no new connections, existing ones carry on. */
  quiescent: boolean;
  /** The service and backend keys the action API takes. */
  target: ActionTarget;
  /** The weight as a number, to start the weight box from. */
  weightValue: number;
  /** The numbers behind the cells, for sorting; undefined where the cell shows NO_VALUE. */
  values: RealServerValues;
}

export interface RealServerValues {
  active: number;
  inactive: number;
  cps: number | undefined;
  inBps: number | undefined;
  outBps: number | undefined;
  trafficShare: number | undefined;
  weightShare: number | undefined;
}

/** The service's totals row: its backends' weights and connections summed. */
export interface ServiceTotals {
  weight: string;
  activeConns: string;
  inactiveConns: string;
}

export interface ServiceRow {
  key: string;
  label: string;
  scheduler: string;
  persistence: string | undefined;
  /** Every backend is DR or TUN: the director's counters show inbound traffic only. */
  inboundOnly: boolean;
  rates: RateCells | undefined;
  totals: ServiceTotals;
  realServers: RealServerRow[];
}

export function toServiceRows(snapshot: Pick<HostSnapshot, "services">, i18n: I18n): ServiceRow[] {
  return [...snapshot.services].sort(compareServices).map((service) => toServiceRow(service, i18n));
}

function toServiceRow(service: VirtualServiceView, i18n: I18n): ServiceRow {
  const label = serviceLabel(service);
  const inboundOnly =
    service.realServers.length > 0 && service.realServers.every((server) => isInboundOnly(server.forward));
  return {
    key: label,
    label,
    scheduler: service.scheduler,
    persistence:
      service.persistent !== undefined
        ? i18n.t("ipvs.persistent", { seconds: i18n.count(service.persistent) })
        : undefined,
    inboundOnly,
    rates: service.rates && rateCells(service.rates, inboundOnly, i18n),
    totals: {
      weight: i18n.count(service.realServers.reduce((sum, server) => sum + Math.max(0, server.weight), 0)),
      activeConns: i18n.count(service.realServers.reduce((sum, server) => sum + server.activeConns, 0)),
      inactiveConns: i18n.count(service.realServers.reduce((sum, server) => sum + server.inactiveConns, 0)),
    },
    realServers: [...service.realServers]
      .sort(compareRealServers)
      .map((server) => toRealServerRow(service, server, totalsOf(service.realServers), i18n)),
  };
}

interface BackendTotals {
  weight: number;
  /** undefined when some backend has no rates (e.g. read from /proc/net/ip_vs). */
  cps: number | undefined;
}

function totalsOf(servers: readonly RealServerView[]): BackendTotals {
  const weight = servers.reduce((sum, server) => sum + Math.max(0, server.weight), 0);
  const withRates = servers.every((server) => server.rates !== undefined);
  const cps = withRates ? servers.reduce((sum, server) => sum + (server.rates?.cps ?? 0), 0) : undefined;
  return { weight, cps };
}

function toRealServerRow(
  service: VirtualServiceView,
  server: RealServerView,
  totals: BackendTotals,
  i18n: I18n,
): RealServerRow {
  const endpoint = formatHostPort(server.address, server.port);
  const inboundOnly = isInboundOnly(server.forward);
  return {
    key: endpoint,
    endpoint,
    forward: forwardMethodLabel(server, i18n),
    inboundOnly,
    weight: i18n.count(server.weight),
    activeConns: i18n.count(server.activeConns),
    inactiveConns: i18n.count(server.inactiveConns),
    rates: server.rates && rateCells(server.rates, inboundOnly, i18n),
    ...shares(server, totals, i18n),
    quiescent: server.weight === 0,
    target: actionTargetOf(service, server),
    weightValue: server.weight,
    values: {
      active: server.activeConns,
      inactive: server.inactiveConns,
      cps: server.rates?.cps,
      inBps: server.rates?.inBps,
      outBps: inboundOnly ? undefined : server.rates?.outBps,
      ...shareValues(server, totals),
    },
  };
}

function shareValues(
  server: RealServerView,
  totals: BackendTotals,
): Pick<RealServerValues, "trafficShare" | "weightShare"> {
  const weightShare = totals.weight > 0 ? Math.max(0, server.weight) / totals.weight : undefined;
  const cps = server.rates?.cps;
  const trafficShare =
    totals.cps !== undefined && totals.cps > 0 && cps !== undefined ? cps / totals.cps : undefined;
  return { trafficShare, weightShare };
}

function shares(
  server: RealServerView,
  totals: BackendTotals,
  i18n: I18n,
): Pick<RealServerRow, "trafficShare" | "weightShare" | "shareSkewed"> {
  const { trafficShare, weightShare } = shareValues(server, totals);
  return {
    trafficShare: trafficShare === undefined ? NO_VALUE : i18n.percent(trafficShare),
    weightShare: weightShare === undefined ? NO_VALUE : i18n.percent(weightShare),
    shareSkewed:
      trafficShare !== undefined &&
      weightShare !== undefined &&
      Math.abs(trafficShare - weightShare) > SHARE_SKEW_THRESHOLD,
  };
}

function rateCells(rates: RatesView, inboundOnly: boolean, i18n: I18n): RateCells {
  return {
    cps: i18n.perSecond(rates.cps),
    inBps: i18n.bytesPerSecond(rates.inBps),
    outBps: inboundOnly ? NO_VALUE : i18n.bytesPerSecond(rates.outBps),
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
