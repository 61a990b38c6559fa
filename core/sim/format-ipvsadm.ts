/**
 * The text ipvsadm 1.31 prints for a table, byte for byte: list_all(), print_title() and
 * print_service_entry() of ipvsadm.c. Pure: a state in, the text out (the caller advances the
 * state's clock first). Trailing spaces are part of the format ("%-10u\n" pads the last column).
 *
 *   IP Virtual Server version 1.2.1 (size=4096)
 *   Prot LocalAddress:Port Scheduler Flags
 *     -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
 *   TCP  203.0.113.10:80 wrr
 *     -> 192.0.2.11:80                Masq    3      0          0
 */
import { leftAligned, rightAligned } from "./c-printf.ts";
import { printLargenum } from "./format-largenum.ts";
import { connectionCounts, persistentConnections } from "./ipvs-table.ts";
import { kernelServiceOrder, sortedDests, sortedServices } from "./kernel-order.ts";
import { numericAddressPort } from "./inet-ntop.ts";
import { visibleCounters, visibleRates } from "./sim-stats.ts";
import type { IpvsSimState, SimDest, SimForward, SimService } from "./sim-types.ts";

export type IpvsadmListForm =
  "list" | "stats" | "rate" | "thresholds" | "persistent-conn" | "tun-info" | "save";

export interface IpvsadmListOptions {
  form: IpvsadmListForm;
  exact?: boolean;
  nosort?: boolean;
  /** `ipvsadm -L -t VIP:PORT`: one service, without the version banner (list_service). */
  only?: SimService;
}

export const IPVS_VERSION = "1.2.1";

const FORWARD_NAME: Record<SimForward, string> = {
  masq: "Masq",
  local: "Local",
  tunnel: "Tunnel",
  route: "Route",
  // fwd_name() returns NULL for a method it does not know; glibc prints "(null)".
  bypass: "(null)",
};

const FORWARD_SWITCH: Record<SimForward, string> = {
  masq: "-m",
  tunnel: "-i",
  local: "-g",
  route: "-g",
  bypass: "(null)",
};
const TUNNEL_FLAGS = ["-c", "+c", "r+c"];
const TUNNEL_FLAG_OPTIONS = ["--tun-nocsum", "--tun-csum", "--tun-remcsum"];
const PROTOCOL_NAME = { tcp: "TCP", udp: "UDP", sctp: "SCTP" } as const;
const PROTOCOL_OPTION = { tcp: "-t", udp: "-u", sctp: "--sctp-service" } as const;

export function ipvsadmTitle(form: IpvsadmListForm): string {
  switch (form) {
    case "stats":
      return `${leftAligned("Prot LocalAddress:Port", 33)} ${["Conns", "InPkts", "OutPkts", "InBytes", "OutBytes"].map((h) => rightAligned(h, 8)).join(" ")}\n  -> RemoteAddress:Port\n`;
    case "rate":
      return `${leftAligned("Prot LocalAddress:Port", 33)} ${["CPS", "InPPS", "OutPPS", "InBPS", "OutBPS"].map((h) => rightAligned(h, 8)).join(" ")}\n  -> RemoteAddress:Port\n`;
    case "thresholds":
      return `${leftAligned("Prot LocalAddress:Port", 33)} ${["Uthreshold", "Lthreshold", "ActiveConn", "InActConn"].map((h) => leftAligned(h, 10)).join(" ")}\n  -> RemoteAddress:Port\n`;
    case "persistent-conn":
      return `${leftAligned("Prot LocalAddress:Port", 33)} ${leftAligned("Weight", 9)} ${leftAligned("PersistConn", 11)} ${leftAligned("ActiveConn", 10)} ${leftAligned("InActConn", 10)}\n  -> RemoteAddress:Port\n`;
    case "tun-info":
      return "Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\n";
    case "list":
      return "Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n";
    case "save":
      return "";
  }
}

/** print_sched_flags: the names depend on the scheduler the flags belong to. */
export function schedFlagNames(svc: Pick<SimService, "scheduler" | "schedFlags">): string {
  const names =
    svc.scheduler === "sh"
      ? ["sh-fallback", "sh-port"]
      : svc.scheduler === "mh"
        ? ["mh-fallback", "mh-port"]
        : ["flag-1", "flag-2", "flag-3"];
  return names.filter((_, bit) => svc.schedFlags & (1 << bit)).join(",");
}

function dottedMask(mask: number): string {
  return [mask >>> 24, (mask >>> 16) & 0xff, (mask >>> 8) & 0xff, mask & 0xff].join(".");
}

/** svc_name: "TCP  192.0.2.1:80" (IPv4 cut at 33 characters), "FWM  1 IPv6", or "-t 192.0.2.1:80" for rules. */
export function serviceName(svc: SimService, rule: boolean): string {
  const v6 = svc.family === "inet6";
  if (svc.fwmark !== 0) {
    if (rule) return v6 ? `-f ${svc.fwmark} -6` : `-f ${svc.fwmark}`;
    return v6 ? `FWM  ${svc.fwmark} IPv6` : `FWM  ${svc.fwmark}`;
  }
  const vname = numericAddressPort(svc.address ?? "0.0.0.0", svc.port, svc.family);
  if (rule) return `${PROTOCOL_OPTION[svc.protocol]} ${vname}`;
  const name = `${leftAligned(PROTOCOL_NAME[svc.protocol], 4)} ${vname}`;
  return v6 ? name : name.slice(0, 33);
}

function destName(dest: SimDest, rule: boolean): string {
  const name = numericAddressPort(dest.address, dest.port, dest.family);
  return rule || dest.family === "inet6" ? name : name.slice(0, 28);
}

function persistenceText(svc: SimService, maskWord: string): string {
  if (svc.persistent === undefined) return "";
  let text = ` ${maskWord === "-M" ? "-p" : "persistent"} ${svc.persistent}`;
  if (svc.family === "inet" && svc.netmask >>> 0 !== 0xffffffff)
    text += ` ${maskWord} ${dottedMask(svc.netmask)}`;
  if (svc.family === "inet6" && svc.netmask !== 128) text += ` ${maskWord} ${svc.netmask}`;
  return text;
}

function serviceLine(svc: SimService, form: IpvsadmListForm, exact: boolean): string {
  const name = serviceName(svc, form === "save");
  if (form === "save") {
    let line = `-A ${name} -s ${svc.scheduler}${persistenceText(svc, "-M")}`;
    if (svc.pe) line += ` --pe ${svc.pe}`;
    if (svc.onePacket) line += " -o";
    if (svc.schedFlags & 7) line += ` -b ${schedFlagNames(svc)}`;
    return `${line}\n`;
  }
  if (form === "stats") {
    const c = visibleCounters(svc.stats);
    return `${leftAligned(name, 33)}${[c.conns, c.inPkts, c.outPkts, c.inBytes, c.outBytes].map((v) => printLargenum(v, exact)).join("")}\n`;
  }
  if (form === "rate") {
    const r = visibleRates(svc.stats);
    return `${leftAligned(name, 33)}${[r.cps, r.inpps, r.outpps, r.inbps, r.outbps].map((v) => printLargenum(v, exact)).join("")}\n`;
  }
  let line = `${name} ${svc.scheduler}`;
  if (svc.schedFlags & 7) line += ` (${schedFlagNames(svc)})`;
  if (svc.persistent !== undefined) {
    line += persistenceText(svc, "mask");
    if (svc.pe) line += ` pe ${svc.pe}`;
  }
  if (svc.onePacket) line += " ops";
  return `${line}\n`;
}

function tunnelInfo(dest: SimDest): string {
  if (dest.forward !== "tunnel") return "n/a";
  if (dest.tunnelType === "gue") return `gue:${dest.tunnelPort}:${TUNNEL_FLAGS[dest.tunnelFlags] ?? ""}`;
  if (dest.tunnelType === "gre") return `gre:${TUNNEL_FLAGS[dest.tunnelFlags] ?? ""}`;
  return "ipip";
}

function ruleDestLine(svcName: string, dest: SimDest): string {
  const base = `-a ${svcName} -r ${destName(dest, true)} ${FORWARD_SWITCH[dest.forward]} -w ${dest.weight}`;
  if (dest.forward !== "tunnel") return `${base}\n`;
  if (dest.tunnelType === "gre")
    return `${base} --tun-type gre ${TUNNEL_FLAG_OPTIONS[dest.tunnelFlags] ?? ""}\n`;
  if (dest.tunnelType === "gue")
    return `${base} --tun-type gue --tun-port ${dest.tunnelPort} ${TUNNEL_FLAG_OPTIONS[dest.tunnelFlags] ?? ""}\n`;
  return `${base} --tun-type ipip\n`;
}

function destLine(
  state: IpvsSimState,
  svc: SimService,
  dest: SimDest,
  form: IpvsadmListForm,
  exact: boolean,
): string {
  const name = destName(dest, form === "save");
  if (form === "save") return ruleDestLine(serviceName(svc, true), dest);
  if (form === "stats") {
    const c = visibleCounters(dest.stats);
    return `  -> ${leftAligned(name, 28)}${[c.conns, c.inPkts, c.outPkts, c.inBytes, c.outBytes].map((v) => printLargenum(v, exact)).join("")}\n`;
  }
  if (form === "rate") {
    const r = visibleRates(dest.stats);
    const packets = [r.cps, r.inpps, r.outpps].map((v) => rightAligned(v, 8)).join(" ");
    return `  -> ${leftAligned(name, 28)} ${packets}${printLargenum(r.inbps, exact)}${printLargenum(r.outbps, exact)}\n`;
  }
  const conns = connectionCounts(dest, state.nowMs);
  const active = leftAligned(conns.active, 10);
  const inactive = leftAligned(conns.inactive, 10);
  switch (form) {
    case "thresholds":
      return `  -> ${leftAligned(name, 28)} ${leftAligned(dest.upperThreshold, 10)} ${leftAligned(dest.lowerThreshold, 10)} ${active} ${inactive}\n`;
    case "persistent-conn":
      return `  -> ${leftAligned(name, 28)} ${leftAligned(dest.weight, 9)} ${leftAligned(persistentConnections(svc, dest, state.nowMs), 11)} ${active} ${inactive}\n`;
    case "tun-info":
      return `  -> ${leftAligned(name, 28)} ${leftAligned(FORWARD_NAME[dest.forward], 7)} ${leftAligned(tunnelInfo(dest), 13)} ${leftAligned(dest.weight, 6)} ${active} ${inactive}\n`;
    default:
      return `  -> ${leftAligned(name, 28)} ${leftAligned(FORWARD_NAME[dest.forward], 7)} ${leftAligned(dest.weight, 6)} ${active} ${inactive}\n`;
  }
}

/** `ipvsadm -Ln [--exact] [--stats|--rate|--thresholds|--persistent-conn|--tun-info] [--nosort]` and `-Sn`. */
export function formatIpvsadm(state: IpvsSimState, options: IpvsadmListOptions): string {
  const exact = options.exact ?? false;
  const form = options.form;
  let text = "";
  if (form !== "save" && !options.only)
    text += `IP Virtual Server version ${IPVS_VERSION} (size=${state.connTableSize})\n`;
  text += ipvsadmTitle(form);
  const services = options.only
    ? [options.only]
    : options.nosort
      ? kernelServiceOrder(state)
      : sortedServices(state);
  for (const svc of services) {
    text += serviceLine(svc, form, exact);
    const dests = options.nosort ? svc.dests : sortedDests(svc);
    for (const dest of dests) text += destLine(state, svc, dest, form, exact);
  }
  return text;
}

/** `ipvsadm -L --timeout`. */
export function formatTimeouts(state: IpvsSimState): string {
  return `Timeout (tcp tcpfin udp): ${state.timeouts.tcp} ${state.timeouts.tcpFin} ${state.timeouts.udp}\n`;
}
