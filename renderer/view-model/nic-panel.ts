/**
 * The host header's NIC table: per interface throughput in bits/s, link speed and utilisation, plus
 * the one warning that matters most on a NAT director: its own NIC saturating. Loopback and veth
 * pairs (containers) carry no load-balanced traffic and are hidden unless asked for.
 */
import type { HostSnapshot } from "../../core/api.ts";
import { directorMode, type DirectorMode } from "./director-mode.ts";
import { formatBitsPerSecond, formatLinkSpeed, formatPercent } from "./format-link.ts";

/** Above this share of link capacity (either direction) a NAT director's NIC is the bottleneck. */
export const NAT_NIC_WARNING_THRESHOLD = 0.8;

export interface NicRow {
  name: string;
  rx: string;
  tx: string;
  speed: string;
  /** Busier direction as a 0..100 bar width; undefined when the link speed is unknown. */
  barPercent: number | undefined;
  utilisation: string;
  overThreshold: boolean;
}

export interface NicWarning {
  nic: string;
  text: string;
}

export interface NicPanel {
  rows: NicRow[];
  /** How many interfaces the default filter hid (lo, veth*). */
  hiddenCount: number;
  mode: DirectorMode;
  warnings: NicWarning[];
  /** Said on DR/TUN-only directors: the outbound column is not the services' reply traffic. */
  note: string | undefined;
}

export const INBOUND_ONLY_NOTE =
  "DR/TUN director: replies go from the backends straight to the clients and bypass this director, so outbound service traffic is not seen here.";

export function isHiddenByDefault(nicName: string): boolean {
  return nicName === "lo" || nicName.startsWith("veth");
}

export function toNicPanel(
  snapshot: Pick<HostSnapshot, "nics" | "nicRates" | "services">,
  options: { showAll?: boolean } = {},
): NicPanel {
  const visible = snapshot.nics.filter((nic) => options.showAll || !isHiddenByDefault(nic.name));
  const mode = directorMode(snapshot.services);
  const rows: NicRow[] = [];
  const warnings: NicWarning[] = [];
  for (const nic of visible) {
    const rates = snapshot.nicRates?.[nic.name];
    const busiest = maxDefined(rates?.rxUtilisation, rates?.txUtilisation);
    const overThreshold = busiest !== undefined && busiest > NAT_NIC_WARNING_THRESHOLD;
    rows.push({
      name: nic.name,
      rx: formatBitsPerSecond(rates?.rxBps),
      tx: formatBitsPerSecond(rates?.txBps),
      speed: formatLinkSpeed(nic.speedMbps),
      barPercent: busiest === undefined ? undefined : Math.min(100, Math.max(0, busiest * 100)),
      utilisation:
        rates?.rxUtilisation === undefined && rates?.txUtilisation === undefined
          ? "speed unknown"
          : `rx ${formatPercent(rates.rxUtilisation)} · tx ${formatPercent(rates.txUtilisation)}`,
      overThreshold,
    });
    if (mode === "nat" && overThreshold && !isHiddenByDefault(nic.name)) {
      warnings.push({
        nic: nic.name,
        text: `NAT: every reply crosses this director; its NIC is the bottleneck at ${formatPercent(busiest)} (${nic.name}, ${formatLinkSpeed(nic.speedMbps)})`,
      });
    }
  }
  return {
    rows,
    hiddenCount: snapshot.nics.length - visible.length,
    mode,
    warnings,
    note: mode === "inbound-only" ? INBOUND_ONLY_NOTE : undefined,
  };
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}
