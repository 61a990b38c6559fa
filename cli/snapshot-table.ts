/** A HostSnapshot as a terminal table (fulcrum snapshot, fulcrum watch). Pure: snapshot in, text out. */
import type { HostSnapshot } from "../core/api.ts";
import { formatHostPort } from "../core/model/address.ts";

const FORWARD = {
  masq: "Masq",
  route: "Route",
  tunnel: "Tunnel",
  local: "Local",
  bypass: "Bypass",
  fullnat: "FullNat",
  snat: "SNAT",
  unknown: "?",
} as const;

function rate(value: number | undefined, unit: string): string {
  if (value === undefined) return "-";
  const prefixes = ["", "k", "M", "G", "T"];
  let scaled = value;
  let index = 0;
  while (Math.abs(scaled) >= 1000 && index < prefixes.length - 1) {
    scaled /= 1000;
    index++;
  }
  return `${scaled.toFixed(scaled >= 100 || index === 0 ? 0 : 1)} ${prefixes[index]}${unit}`;
}

function row(cells: string[], widths: number[]): string {
  return cells
    .map((cell, i) => cell.padEnd(widths[i] ?? 0))
    .join("  ")
    .trimEnd();
}

export function snapshotTable(host: string, snapshot: HostSnapshot): string {
  const lines: string[] = [];
  const age = snapshot.stale ? "  STALE" : "";
  lines.push(`${host}  frame ${snapshot.sequence}  ${new Date(snapshot.at).toISOString()}${age}`);
  if (snapshot.ipvsSource === "proc")
    lines.push(
      "IPVS read from /proc/net/ip_vs: weights and connections only (no privilege for ipvsadm counters)",
    );
  for (const nic of snapshot.nics) {
    if (nic.name === "lo" || nic.name.startsWith("veth")) continue;
    const nicRate = snapshot.nicRates?.[nic.name];
    const speed = nic.speedMbps ? `link ${nic.speedMbps} Mbit/s` : "link speed unknown";
    const use =
      nicRate?.rxUtilisation !== undefined
        ? `  rx ${(nicRate.rxUtilisation * 100).toFixed(0)}% tx ${((nicRate.txUtilisation ?? 0) * 100).toFixed(0)}%`
        : "";
    lines.push(
      `NIC ${nic.name}: rx ${rate(nicRate && nicRate.rxBps * 8, "bit/s")}  tx ${rate(nicRate && nicRate.txBps * 8, "bit/s")}  ${speed}${use}`,
    );
  }
  const widths = [34, 7, 7, 9, 9, 10, 12, 12];
  if (snapshot.services.length > 0) {
    lines.push(
      "",
      row(["service / backend", "forward", "weight", "active", "inactive", "conn/s", "in", "out"], widths),
    );
  }
  for (const service of snapshot.services) {
    const name =
      service.protocol === "fwmark"
        ? `FWM ${service.fwmark}`
        : `${service.protocol.toUpperCase()} ${formatHostPort(service.address ?? "", service.port ?? 0)}`;
    const inboundOnly =
      service.realServers.length > 0 &&
      service.realServers.every((s) => s.forward === "route" || s.forward === "tunnel");
    const r = service.rates;
    lines.push(
      row(
        [
          `${name} ${service.scheduler}`,
          "",
          "",
          "",
          "",
          rate(r?.cps, "/s"),
          rate(r?.inBps, "B/s"),
          inboundOnly ? "inbound only" : rate(r?.outBps, "B/s"),
        ],
        widths,
      ),
    );
    for (const server of service.realServers) {
      const sr = server.rates;
      lines.push(
        row(
          [
            `  -> ${formatHostPort(server.address, server.port)}`,
            FORWARD[server.forward],
            server.weight === 0 ? "0 (q)" : String(server.weight),
            String(server.activeConns),
            String(server.inactiveConns),
            rate(sr?.cps, "/s"),
            rate(sr?.inBps, "B/s"),
            inboundOnly ? "-" : rate(sr?.outBps, "B/s"),
          ],
          widths,
        ),
      );
    }
  }
  if (snapshot.haproxy && snapshot.haproxy.length > 0) {
    lines.push(
      "",
      row(
        ["haproxy proxy/server", "status", "weight", "sessions", "sess/s", "in", "out"],
        [34, 10, 7, 9, 8, 12, 12],
      ),
    );
    for (const entry of snapshot.haproxy) {
      lines.push(
        row(
          [
            `${entry.proxy}/${entry.name}`,
            entry.status,
            entry.weight === undefined ? "" : String(entry.weight),
            String(entry.sessions),
            rate(entry.sessionRate, "/s"),
            rate(entry.inBps, "B/s"),
            rate(entry.outBps, "B/s"),
          ],
          [34, 10, 7, 9, 8, 12, 12],
        ),
      );
    }
  }
  for (const instance of snapshot.vrrp?.instances ?? []) {
    lines.push(
      `VRRP ${instance.name}: ${instance.state} priority ${instance.effectivePriority ?? instance.priority ?? "?"} VIPs ${instance.virtualIps.join(", ")}`,
    );
  }
  for (const problem of snapshot.problems) {
    lines.push(
      `problem: ${problem.section}: ${problem.kind}${problem.rc === undefined ? "" : ` (rc ${problem.rc})`}: ${problem.message.split("\n")[0]}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
