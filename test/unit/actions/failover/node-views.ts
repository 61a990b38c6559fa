/**
 * NodeViews for the planner tests, built from the real captures in test/fixtures/keepalived
 * (master.data / backup.data: VI_1, VRID 51 on eth0, priorities 150+10 and 100+10, VIPs
 * 192.0.2.100 and 198.51.100.10) and a keepalived.conf that adds a track_file.
 */
import { readFileSync } from "node:fs";
import type { NodeView } from "../../../../core/actions/failover/node-view.ts";
import { parseIpAddr } from "../../../../core/parse/host/ip-addr.ts";
import { parseKeepalivedConfig } from "../../../../core/parse/keepalived/config.ts";
import { parseKeepalivedData } from "../../../../core/parse/keepalived/data-dump.ts";

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/keepalived/${name}`, import.meta.url), "utf8");

export const MASTER_TRACK_FILE = "/run/keepalived/maint-n1";
export const PEER_TRACK_FILE = "/run/keepalived/maint-n2";

export function configText(
  options: { trackFile?: string; weight?: number; nopreempt?: boolean; syncDaemon?: boolean } = {},
): string {
  const trackFile = options.trackFile;
  return `global_defs {
    router_id fulcrum
${options.syncDaemon ? "    lvs_sync_daemon eth0 VI_1 id 5\n" : ""}}
${trackFile ? `vrrp_track_file maint {\n    file ${trackFile}\n    weight ${options.weight ?? 1}\n}\n` : ""}
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 150
    advert_int 1
${options.nopreempt ? "    nopreempt\n" : ""}    virtual_ipaddress {
        192.0.2.100/24 dev eth0
        198.51.100.10/32 dev eth0
    }
${trackFile ? "    track_file {\n        maint\n    }\n" : ""}}
`;
}

/** `ip -o addr show` with eth0's own address and the given VIPs. */
export function ipAddrText(ownAddress: string, vips: readonly string[]): string {
  const lines = [
    "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever",
    `2: eth0    inet ${ownAddress}/24 brd 192.0.2.255 scope global eth0\\       valid_lft forever preferred_lft forever`,
    ...vips.map(
      (vip) =>
        `2: eth0    inet ${vip}/${vip.startsWith("192.0.2.") ? 24 : 32} scope global secondary eth0\\       valid_lft forever preferred_lft forever`,
    ),
  ];
  return `${lines.join("\n")}\n`;
}

export const VIPS = ["192.0.2.100", "198.51.100.10"];

/** A healthy pair, 100 s after the last transitions; `change` edits either view. */
export function healthyPair(options: { trackFile?: boolean; weight?: number; nopreempt?: boolean } = {}): {
  master: NodeView;
  peer: NodeView;
} {
  const withFile = options.trackFile ?? true;
  const master: NodeView = {
    label: "lb1",
    reachable: true,
    keepalived: { pid: 4242, alive: true },
    data: parseKeepalivedData(fixture("master.data")),
    addresses: parseIpAddr(ipAddrText("192.0.2.1", VIPS)),
    config: parseKeepalivedConfig(
      configText({
        trackFile: withFile ? MASTER_TRACK_FILE : undefined,
        weight: options.weight,
        nopreempt: options.nopreempt,
      }),
    ),
    trackFileValues: withFile ? { [MASTER_TRACK_FILE]: "0\n" } : {},
    readAtSeconds: 1795614697.3 + 100,
  };
  const peer: NodeView = {
    label: "lb2",
    reachable: true,
    keepalived: { pid: 4343, alive: true },
    data: parseKeepalivedData(fixture("backup.data")),
    addresses: parseIpAddr(ipAddrText("192.0.2.2", [])),
    config: parseKeepalivedConfig(
      configText({
        trackFile: withFile ? PEER_TRACK_FILE : undefined,
        weight: options.weight,
        nopreempt: options.nopreempt,
      }),
    ),
    trackFileValues: withFile ? { [PEER_TRACK_FILE]: "0\n" } : {},
    readAtSeconds: 1795614693.98 + 100,
  };
  if (options.nopreempt) {
    for (const node of [master, peer])
      for (const instance of node.data?.instances ?? []) instance.preempt = false;
  }
  return { master, peer };
}
