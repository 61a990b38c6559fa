/**
 * Every input kind `fulcrum parse` accepts, each with its parser and a line of help. The CLI and any
 * other carrier look kinds up here, so a parser is added in one place.
 */
import { parseServersState } from "./haproxy/servers-state.ts";
import { parseHaproxyInfo } from "./haproxy/info.ts";
import { parseHaproxyStat } from "./haproxy/stat-csv.ts";
import { parseIpAddr } from "./host/ip-addr.ts";
import { parseNetSpeeds } from "./host/net-speed.ts";
import { parseNetDev } from "./host/netdev.ts";
import { parseIpvsadm } from "./ipvs/detect.ts";
import type { IpvsListing, RealServer } from "../model/ipvs.ts";
import { parseIpvsadmSave } from "./ipvs/ipvsadm-save.ts";
import { parseProcIpVs } from "./ipvs/proc-ip-vs.ts";
import { parseProcIpVsConn } from "./ipvs/proc-ip-vs-conn.ts";
import { parseProcIpVsStats } from "./ipvs/proc-ip-vs-stats.ts";
import { parseKeepalivedConfig } from "./keepalived/config.ts";
import { parseKeepalivedData } from "./keepalived/data-dump.ts";
import { parseNginxConfigDump } from "./nginx/nginx-config-dump.ts";
import { parseStubStatus } from "./nginx/stub-status.ts";

export interface ParseKind {
  describe: string;
  parse: (text: string) => unknown;
}

export const PARSE_KINDS: Readonly<Record<string, ParseKind>> = {
  ipvsadm: {
    describe: "ipvsadm -Ln [--stats|--rate|--persistent-conn|--thresholds|--tun-info] [--exact], -Sn or -Lnc (detected)",
    parse: (text) => {
      const parsed = parseIpvsadm(text);
      if (parsed.kind === "save") return { form: "save", services: parsed.services };
      if (parsed.kind === "conn") return { form: "conn", connections: parsed.connections };
      return printedOnly(parsed.listing);
    },
  },
  "ipvsadm-save": { describe: "ipvsadm-save -n / ipvsadm -Sn", parse: parseIpvsadmSave },
  "ip-vs-proc": { describe: "/proc/net/ip_vs", parse: (text) => printedOnly(parseProcIpVs(text)) },
  "ip-vs-stats": { describe: "/proc/net/ip_vs_stats", parse: parseProcIpVsStats },
  "ip-vs-conn": { describe: "/proc/net/ip_vs_conn or ip_vs_conn_sync", parse: parseProcIpVsConn },
  netdev: { describe: "/proc/net/dev", parse: parseNetDev },
  "net-speed": {
    describe: "IFNAME SPEED lines from /sys/class/net/*/speed",
    parse: (text) => Object.fromEntries(parseNetSpeeds(text)),
  },
  "haproxy-stat": { describe: "HAProxy runtime API: show stat", parse: parseHaproxyStat },
  "haproxy-servers-state": { describe: "HAProxy runtime API: show servers state", parse: parseServersState },
  "haproxy-info": { describe: "HAProxy runtime API: show info", parse: parseHaproxyInfo },
  "nginx-status": { describe: "nginx stub_status page", parse: parseStubStatus },
  "nginx-config": { describe: "nginx -T: upstreams and servers with file and line", parse: parseNginxConfigDump },
  "keepalived-config": {
    describe: "keepalived.conf, with the files it includes (relative to FILE); secrets redacted",
    parse: parseKeepalivedConfig,
  },
  "keepalived-data": {
    describe: "keepalived.data (SIGUSR1 dump); secrets redacted",
    parse: parseKeepalivedData,
  },
  "ip-addr": { describe: "ip -o addr show", parse: parseIpAddr },
};

/**
 * The --stats, --rate, --thresholds and --persistent-conn tables print no forwarding method, weight
 * or connection counts; the model holds placeholders there, marked in `notPrinted`. The JSON form
 * shows only what the tool printed, so a placeholder weight 0 can never be read as "drained".
 */
function printedOnly(listing: IpvsListing): unknown {
  return {
    ...listing,
    services: listing.services.map((service) => {
      const printed: Record<string, unknown> = { ...service, realServers: service.realServers.map(printedFields) };
      if (printed.scheduler === "") delete printed.scheduler;
      return printed;
    }),
  };
}

function printedFields(server: RealServer): Partial<RealServer> {
  const { notPrinted, ...printed } = server;
  for (const field of notPrinted ?? []) delete printed[field];
  return printed;
}
