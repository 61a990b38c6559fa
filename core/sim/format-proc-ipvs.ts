/**
 * /proc/net/ip_vs and /proc/net/ip_vs_stats as the kernel prints them (ip_vs_ctl.c
 * ip_vs_info_seq_show, ip_vs_stats_show): hex addresses, ports and counters, services in hash
 * order, the persistence timeout in jiffies. Trailing spaces are the kernel's own.
 *
 *   TCP  CB00710A:0050 wrr  
 *     -> C000020D:0050      Masq    0      0          0  
 */
import { hexUpper, leftAligned, rightAligned } from "./c-printf.ts";
import { IPVS_VERSION } from "./format-ipvsadm.ts";
import { kernelFullIpv6 } from "./inet-ntop.ts";
import { connectionCounts } from "./ipvs-table.ts";
import { addressWords, kernelServiceOrder } from "./kernel-order.ts";
import { visibleCounters, visibleRates } from "./sim-stats.ts";
import type { IpvsSimState, SimForward } from "./sim-types.ts";

const KERNEL_FORWARD_NAME: Record<SimForward, string> = {
  masq: "Masq",
  local: "Local",
  tunnel: "Tunnel",
  route: "Route",
  bypass: "Bypass",
};
const PROTOCOL_NAME = { tcp: "TCP", udp: "UDP", sctp: "SCTP" } as const;

function hexAddress(address: string): string {
  return hexUpper(addressWords(address, "inet")[0] as number, 8);
}

export function formatProcIpVs(state: IpvsSimState): string {
  let text = `IP Virtual Server version ${IPVS_VERSION} (size=${state.connTableSize})\n`;
  text += "Prot LocalAddress:Port Scheduler Flags\n";
  text += "  -> RemoteAddress:Port Forward Weight ActiveConn InActConn\n";
  for (const svc of kernelServiceOrder(state)) {
    const ops = svc.onePacket ? "ops " : "";
    if (svc.fwmark !== 0) text += `FWM  ${hexUpper(svc.fwmark, 8)} ${svc.scheduler} ${ops}`;
    else if (svc.family === "inet6")
      text += `${PROTOCOL_NAME[svc.protocol]}  [${kernelFullIpv6(svc.address ?? "::")}]:${hexUpper(svc.port, 4)} ${svc.scheduler} `;
    else
      text += `${PROTOCOL_NAME[svc.protocol]}  ${hexAddress(svc.address ?? "0.0.0.0")}:${hexUpper(svc.port, 4)} ${svc.scheduler} ${ops} `;
    text +=
      svc.persistent !== undefined
        ? `persistent ${svc.persistent * state.hz} ${hexUpper(svc.netmask >>> 0, 8)}\n`
        : "\n";
    for (const dest of svc.dests) {
      const conns = connectionCounts(dest, state.nowMs);
      const where = dest.family === "inet6" ? `[${kernelFullIpv6(dest.address)}]` : hexAddress(dest.address);
      text += `  -> ${where}:${hexUpper(dest.port, 4)}      ${leftAligned(KERNEL_FORWARD_NAME[dest.forward], 7)} ${leftAligned(dest.weight, 6)} ${leftAligned(conns.active, 10)} ${leftAligned(conns.inactive, 10)}\n`;
    }
  }
  return text;
}

function hexColumns(values: bigint[]): string {
  return values.map((v, i) => rightAligned(v.toString(16).toUpperCase(), i < 3 ? 8 : 16)).join(" ");
}

export function formatProcIpVsStats(state: IpvsSimState): string {
  const c = visibleCounters(state.totals);
  const r = visibleRates(state.totals);
  return (
    "   Total Incoming Outgoing         Incoming         Outgoing\n" +
    "   Conns  Packets  Packets            Bytes            Bytes\n" +
    `${hexColumns([c.conns, c.inPkts, c.outPkts, c.inBytes, c.outBytes])}\n\n` +
    " Conns/s   Pkts/s   Pkts/s          Bytes/s          Bytes/s\n" +
    `${hexColumns([r.cps, r.inpps, r.outpps, r.inbps, r.outbps])}\n`
  );
}
