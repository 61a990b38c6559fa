/**
 * ~/.ssh/config and known_hosts in a test home for the two keepalived nodes of keepalived-pair.ts,
 * under their names as aliases ("n1", "n2"). The pair does not hand out its client key or host
 * keys, but keeps them in its own folders: the client key beside the node folders, each host key
 * in its node's folder (keepalived-pair.ts startKeepalivedPair / startSshd).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { KeepalivedPair, PairNode } from "../failover/keepalived-pair.ts";
import type { TestHome } from "../harness/test-home.ts";

async function knownHostsLine(node: PairNode): Promise<string> {
  const [type, key] = (await readFile(path.join(node.dir, "ssh_host_ed25519_key.pub"), "utf8"))
    .trim()
    .split(/\s+/);
  // Port 22: OpenSSH names the host bare.
  return `${node.managementAddress} ${type} ${key}`;
}

export async function writePairSshConfig(home: TestHome, pair: KeepalivedPair): Promise<void> {
  const clientKey = path.join(path.dirname(pair.n1.dir), "client_key");
  const block = (node: PairNode) =>
    [
      `Host ${node.name}`,
      `  HostName ${node.managementAddress}`,
      "  Port 22",
      "  User root",
      `  IdentityFile ${clientKey}`,
      "  IdentityAgent none",
      "",
    ].join("\n");
  await home.writeSshConfig(`${block(pair.n1)}${block(pair.n2)}`);
  await home.writeKnownHosts(`${await knownHostsLine(pair.n1)}\n${await knownHostsLine(pair.n2)}\n`);
}
