/**
 * The host header's NIC table: per interface throughput in bits/s, link speed and utilisation, plus
 * the one warning that matters most on a NAT director: its own NIC saturating. Loopback and veth
 * pairs (containers) carry no load-balanced traffic and are hidden unless asked for.
 */
import type { HostSnapshot } from "../../core/api.ts";
import { directorMode, type DirectorMode } from "./director-mode.ts";
import type { I18n } from "../i18n/i18n.ts";

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

export function isHiddenByDefault(nicName: string): boolean {
  return nicName === "lo" || nicName.startsWith("veth");
}

export function toNicPanel(
  snapshot: Pick<HostSnapshot, "nics" | "nicRates" | "services">,
  i18n: I18n,
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
      rx: i18n.bitsPerSecond(rates?.rxBps),
      tx: i18n.bitsPerSecond(rates?.txBps),
      speed: i18n.linkSpeed(nic.speedMbps),
      barPercent: busiest === undefined ? undefined : Math.min(100, Math.max(0, busiest * 100)),
      utilisation:
        rates?.rxUtilisation === undefined && rates?.txUtilisation === undefined
          ? i18n.t("nic.speedUnknown")
          : i18n.t("nic.utilisationValue", {
              rx: i18n.percent(rates.rxUtilisation),
              tx: i18n.percent(rates.txUtilisation),
            }),
      overThreshold,
    });
    if (mode === "nat" && overThreshold && !isHiddenByDefault(nic.name)) {
      warnings.push({
        nic: nic.name,
        text: i18n.t("nic.natBottleneck", {
          share: i18n.percent(busiest),
          nic: nic.name,
          speed: i18n.linkSpeed(nic.speedMbps),
        }),
      });
    }
  }
  return {
    rows,
    hiddenCount: snapshot.nics.length - visible.length,
    mode,
    warnings,
    note: mode === "inbound-only" ? i18n.t("nic.inboundOnlyNote") : undefined,
  };
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}
