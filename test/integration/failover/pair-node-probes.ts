/**
 * What a failover test reads and sets on one node of the keepalived pair, through the node's own
 * executor (as Fulcrum would reach it): its keepalived view, whether it holds the VIP, and the
 * track file keepalived weighs into its priority.
 */
import { readNodeView } from "../../../core/actions/failover/read-node-view.ts";
import type { NodeView } from "../../../core/actions/failover/node-view.ts";
import { parseIpAddr } from "../../../core/parse/host/ip-addr.ts";
import { VIP, type PairNode } from "./keepalived-pair.ts";

export function readPairNode(node: PairNode): Promise<NodeView> {
  return readNodeView(node.executor, {
    label: node.name,
    locations: { pidFile: node.pidFile, configFile: node.configFile },
  });
}

export async function holdsVip(node: PairNode): Promise<boolean> {
  const result = await node.executor.run(["ip", "-o", "addr", "show", "dev", "eth0"]);
  return parseIpAddr(result.stdout).some((entry) => entry.address === VIP);
}

export async function writeTrackFile(node: PairNode, value: number): Promise<void> {
  const result = await node.executor.run([
    "sh",
    "-c",
    'printf "%s\\n" "$1" > "$2"',
    "test",
    String(value),
    node.trackFile,
  ]);
  if (result.code !== 0) throw new Error(`${node.name}: writing ${node.trackFile} failed: ${result.stderr}`);
}
