/**
 * Real DNS servers for the DNS tier's tests, from Debian's packages, on addresses the tests chose:
 * nsd as the authoritative server of `lb.test` on 127.0.0.61:53, unbound as the caching resolver
 * in front of it on 127.0.0.62:53 (a stub zone for lb.test, and one for broken.test that nsd
 * refuses, so unbound answers SERVFAIL). Both run in the foreground of a temporary folder and are
 * ended by their PIDs. Never the machine's own resolver.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { Resolver } from "node:dns/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { killQuietly, registerCleanup, removeDirSync } from "../harness/cleanup-registry.ts";

export const AUTHORITATIVE = "127.0.0.61";
export const RESOLVER = "127.0.0.62";
export const NSD = "/usr/sbin/nsd";
export const UNBOUND = "/usr/sbin/unbound";

export type DnsLab = { dir: string; setZone(records: string): Promise<void>; stop(): Promise<void> };

const SOA =
  "$ORIGIN lb.test.\n$TTL 30\n@ IN SOA ns1.lb.test. hostmaster.lb.test. 1 3600 600 86400 7\n@ IN NS ns1.lb.test.\nns1 IN A 127.0.0.61\n";

async function answered(server: string, name: string): Promise<void> {
  const resolver = new Resolver({ timeout: 300, tries: 1 });
  resolver.setServers([server]);
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      await resolver.resolveNs(name);
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`${server} does not answer for ${name}: ${(error as Error).message}`, {
          cause: error,
        });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export async function startDnsLab(records: string): Promise<DnsLab> {
  const dir = mkdtempSync(path.join(tmpdir(), "fulcrum-dns-"));
  let nsd: ChildProcess | undefined;
  const processes: { unbound?: ChildProcess } = {};
  const killAll = () => {
    for (const child of [nsd, processes.unbound])
      if (child?.pid !== undefined && child.exitCode === null) killQuietly(child.pid, "SIGTERM");
  };
  const cleanup = registerCleanup({
    run: async () => {
      killAll();
      await new Promise((resolve) => setTimeout(resolve, 200));
      removeDirSync(dir);
    },
    runSync: () => {
      killAll();
      removeDirSync(dir);
    },
  });
  writeFileSync(
    path.join(dir, "nsd.conf"),
    `server:\n  ip-address: ${AUTHORITATIVE}\n  port: 53\n  username: ""\n  chroot: ""\n  database: ""\n  zonesdir: "${dir}"\n  pidfile: "${dir}/nsd.pid"\n  xfrdfile: "${dir}/xfrd.state"\n  zonelistfile: "${dir}/zone.list"\n  logfile: "${dir}/nsd.log"\nremote-control:\n  control-enable: no\nzone:\n  name: "lb.test"\n  zonefile: "lb.test.zone"\n`,
  );
  writeFileSync(
    path.join(dir, "unbound.conf"),
    [
      "server:",
      `  interface: ${RESOLVER}`,
      "  port: 53",
      '  username: ""',
      '  chroot: ""',
      `  directory: "${dir}"`,
      `  pidfile: "${dir}/unbound.pid"`,
      "  do-daemonize: no",
      "  use-syslog: no",
      "  access-control: 127.0.0.0/8 allow",
      "  do-not-query-localhost: no",
      '  module-config: "iterator"',
      '  domain-insecure: "test."',
      // RFC 6761 names are answered locally by default: let lb.test reach its stub.
      '  local-zone: "test." nodefault',
      "  num-threads: 1",
      "  so-reuseport: no",
      "  verbosity: 0",
      "stub-zone:",
      '  name: "lb.test"',
      `  stub-addr: ${AUTHORITATIVE}`,
      "stub-zone:",
      '  name: "broken.test"',
      `  stub-addr: ${AUTHORITATIVE}`,
      "",
    ].join("\n"),
  );
  const startNsd = async () => {
    nsd = spawn(NSD, ["-d", "-c", path.join(dir, "nsd.conf")], { stdio: "ignore" });
    await answered(AUTHORITATIVE, "lb.test");
  };
  const setZone = async (zone: string) => {
    if (nsd?.pid !== undefined && nsd.exitCode === null) {
      const exited = new Promise((resolve) => nsd?.once("exit", resolve));
      killQuietly(nsd.pid, "SIGTERM");
      await exited;
    }
    writeFileSync(path.join(dir, "lb.test.zone"), `${SOA}${zone}`);
    await startNsd();
  };
  await setZone(records);
  processes.unbound = spawn(UNBOUND, ["-d", "-c", path.join(dir, "unbound.conf")], { stdio: "ignore" });
  await answered(RESOLVER, "lb.test");
  return { dir, setZone, stop: cleanup };
}
