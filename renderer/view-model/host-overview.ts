/**
 * One line per host for the overview an operator leaves open: what the host is (IPVS director,
 * HAProxy), its VIPs and VRRP state, its busiest NIC, connections and traffic totals, and how many
 * problems and alerts it has. Built from the latest snapshot each host pushed; a host without one
 * yet shows its session state and dashes.
 */
import type { HostSnapshot, HostSummary } from "../../core/api.ts";
import type { I18n } from "../i18n/i18n.ts";
import { NO_VALUE } from "./format-rate.ts";
import { isHiddenByDefault } from "./nic-panel.ts";
import { formatHostPort } from "../../shared/service-key.ts";
import { vrrpStateTone, type StatusTone } from "./status-tone.ts";

/** What a host does, as the snapshot shows it. nginx is not read by the sampler yet, so never shown. */
export type HostRole = "ipvs" | "haproxy";

export interface HostOverviewRow {
  hostId: string;
  label: string;
  roles: HostRole[];
  /** The VIPs the host serves: its IPVS services' addresses and keepalived's virtual IPs. */
  vips: string;
  vrrpState: string;
  vrrpTone: StatusTone | undefined;
  /** The busiest NIC's busier direction, e.g. "88 %"; NO_VALUE without link speeds. */
  nicUtilisation: string;
  nicOver: boolean;
  activeConns: string;
  /** New connections (IPVS) plus new sessions (HAProxy) per second. */
  newPerSecond: string;
  trafficIn: string;
  trafficOut: string;
  problems: number;
  alerts: number;
  hasSnapshot: boolean;
}

/** Above this share of link capacity a NIC is marked busy in the overview, as in the NIC header. */
const NIC_BUSY = 0.8;

export function toHostOverview(
  hosts: readonly HostSummary[],
  snapshots: Readonly<Record<string, HostSnapshot | null>>,
  alertCounts: Readonly<Record<string, number>>,
  i18n: I18n,
): HostOverviewRow[] {
  return hosts.map((host) =>
    overviewRow(host, snapshots[host.id] ?? undefined, alertCounts[host.id] ?? 0, i18n),
  );
}

function overviewRow(
  host: HostSummary,
  snapshot: HostSnapshot | undefined,
  alerts: number,
  i18n: I18n,
): HostOverviewRow {
  if (!snapshot) {
    return {
      hostId: host.id,
      label: host.label,
      roles: [],
      vips: NO_VALUE,
      vrrpState: NO_VALUE,
      vrrpTone: undefined,
      nicUtilisation: NO_VALUE,
      nicOver: false,
      activeConns: NO_VALUE,
      newPerSecond: NO_VALUE,
      trafficIn: NO_VALUE,
      trafficOut: NO_VALUE,
      problems: 0,
      alerts,
      hasSnapshot: false,
    };
  }
  const roles: HostRole[] = [];
  if (snapshot.services.length > 0) roles.push("ipvs");
  if ((snapshot.haproxy ?? []).some((row) => row.type === "server")) roles.push("haproxy");

  const vips = new Set<string>();
  for (const service of snapshot.services) {
    if (service.address !== undefined) vips.add(formatHostPort(service.address, service.port ?? 0));
  }
  for (const instance of snapshot.vrrp?.instances ?? []) for (const ip of instance.virtualIps) vips.add(ip);

  const states = [
    ...new Set((snapshot.vrrp?.instances ?? []).map((instance) => instance.state.toUpperCase())),
  ];
  const nics = snapshot.nics.filter((nic) => !isHiddenByDefault(nic.name));
  let busiest: number | undefined;
  let rx = 0;
  let tx = 0;
  let haveRates = false;
  for (const nic of nics) {
    const rates = snapshot.nicRates?.[nic.name];
    if (!rates) continue;
    haveRates = true;
    rx += rates.rxBps;
    tx += rates.txBps;
    for (const share of [rates.rxUtilisation, rates.txUtilisation]) {
      if (share !== undefined && (busiest === undefined || share > busiest)) busiest = share;
    }
  }

  const servers = (snapshot.haproxy ?? []).filter((row) => row.type === "server");
  const active =
    snapshot.services.reduce(
      (sum, service) => sum + service.realServers.reduce((inner, server) => inner + server.activeConns, 0),
      0,
    ) + servers.reduce((sum, row) => sum + row.sessions, 0);
  const ipvsRates = snapshot.services.every((service) => service.rates !== undefined);
  const perSecond =
    snapshot.services.reduce((sum, service) => sum + (service.rates?.cps ?? 0), 0) +
    servers.reduce((sum, row) => sum + (row.sessionRate ?? 0), 0);

  return {
    hostId: host.id,
    label: host.label,
    roles,
    vips: vips.size === 0 ? NO_VALUE : [...vips].join(", "),
    vrrpState: !snapshot.vrrp
      ? NO_VALUE
      : !snapshot.vrrp.running
        ? i18n.t("vrrp.notRunning")
        : states.join("/") || NO_VALUE,
    vrrpTone: states.length === 1 && states[0] ? vrrpStateTone(states[0].toLowerCase()) : undefined,
    nicUtilisation: busiest === undefined ? NO_VALUE : i18n.percent(busiest),
    nicOver: busiest !== undefined && busiest > NIC_BUSY,
    activeConns: i18n.count(active),
    newPerSecond: ipvsRates ? i18n.perSecond(perSecond) : NO_VALUE,
    trafficIn: haveRates ? i18n.bitsPerSecond(rx) : NO_VALUE,
    trafficOut: haveRates ? i18n.bitsPerSecond(tx) : NO_VALUE,
    problems: snapshot.problems.length + (snapshot.stale ? 1 : 0),
    alerts,
    hasSnapshot: true,
  };
}
