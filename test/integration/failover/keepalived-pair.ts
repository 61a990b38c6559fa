/**
 * Two keepalived 2.2.7 directors for the failover tests, as lab-notes.md describes them: node
 * namespaces n1 and n2 whose eth0 join bridge br0 in a third namespace (192.0.2.0/24, VIP
 * 192.0.2.100), each running VRRP only (`-P`) with its own pid files, TMPDIR and a track file
 * (declared as keepalived 2.2.x writes it, top-level `track_file`, on n1; as the older
 * `vrrp_track_file` on n2), and
 * each with its own OpenSSH sshd reachable from the test over a management veth (198.51.100.x/30,
 * documentation range, inside namespaces this harness created). Everything is registered for
 * cleanup by PID and by name, so it goes away even when a test fails.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { killQuietly, registerCleanup, removeDirSync } from "../harness/cleanup-registry.ts";
import { descendantsOf, isAlive } from "../harness/process-tree.ts";
import { generateKeyPair, type KeyPair } from "../harness/ssh-keys.ts";
import { connectSshExecutor, type SshExecutor } from "./ssh-executor.ts";

export const VIP = "192.0.2.100";

export interface PairNode {
  name: "n1" | "n2";
  namespace: string;
  managementAddress: string;
  dir: string;
  configFile: string;
  pidFile: string;
  trackFile: string;
  executor: SshExecutor;
  keepalivedPid(): number;
  /** Stop keepalived (SIGTERM by its pid file) and start it again daemonized, run on the node over SSH. */
  control: { stop: string[]; start: string[] };
  /** SIGSTOP / SIGCONT the keepalived processes (main and VRRP child) this harness started. */
  freeze(): void;
  thaw(): void;
}

export interface KeepalivedPair {
  n1: PairNode;
  n2: PairNode;
  dispose(): Promise<void>;
}

// A short per-run tag keeps names unique and inside IFNAMSIZ (15 characters).
const tag = `fo${process.pid % 100000}`;

function config(node: "n1" | "n2", priority: number, trackFile: string): string {
  return `global_defs {
    router_id fulcrum_${node}
    script_user root
    enable_script_security
}

${node === "n1" ? "track_file" : "vrrp_track_file"} maint {
    file "${trackFile}"
    weight 1
}

vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 61
    priority ${priority}
    advert_int 1
    authentication {
        auth_type PASS
        auth_pass t3stOnly
    }
    virtual_ipaddress {
        ${VIP}/24 dev eth0
    }
    track_file {
        maint
    }
}
`;
}

function ip(...args: string[]): void {
  execFileSync("ip", args, { stdio: ["ignore", "ignore", "pipe"], timeout: 10_000 });
}

function ipQuiet(...args: string[]): void {
  try {
    ip(...args);
  } catch {
    // already gone
  }
}

async function waitUntil(what: string, condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function startKeepalivedPair(): Promise<KeepalivedPair> {
  const root = await mkdtemp(path.join(os.tmpdir(), "fulcrum-failover-"));
  const namespaces = { br: `${tag}-br`, n1: `${tag}-n1`, n2: `${tag}-n2` };
  const children: ChildProcess[] = [];
  const executors: SshExecutor[] = [];
  const hostLinks = [`${tag}m1`, `${tag}m2`];

  const pidFiles: string[] = [];
  /** A keepalived started again by a test (control.start) is not our child: find it by its pid file. */
  const restartedKeepalived = (): number[] =>
    pidFiles.flatMap((file) => {
      try {
        const pid = Number(readFileSync(file, "utf8").trim());
        const comm = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
        return comm === "keepalived" && !children.some((child) => child.pid === pid) ? [pid] : [];
      } catch {
        return [];
      }
    });
  const teardownSync = () => {
    for (const executor of executors) executor.close();
    for (const pid of restartedKeepalived()) {
      for (const descendant of descendantsOf(pid).reverse()) killQuietly(descendant);
      killQuietly(pid);
    }
    for (const child of children) {
      if (child.pid === undefined) continue;
      for (const descendant of descendantsOf(child.pid).reverse()) killQuietly(descendant, "SIGCONT");
      killQuietly(child.pid, "SIGCONT");
      for (const descendant of descendantsOf(child.pid).reverse()) killQuietly(descendant);
      killQuietly(child.pid);
    }
    for (const link of hostLinks) ipQuiet("link", "del", link);
    for (const namespace of Object.values(namespaces)) ipQuiet("netns", "del", namespace);
    removeDirSync(root);
  };
  const dispose = registerCleanup({
    async run() {
      for (const pid of restartedKeepalived()) {
        killQuietly(pid, "SIGTERM");
        const deadline = Date.now() + 5000;
        while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      }
      for (const executor of executors) executor.close();
      // keepalived first (SIGTERM lets it remove its VIPs), then sshd; both by PID.
      for (const child of [...children].reverse()) {
        if (child.pid === undefined || !isAlive(child.pid)) continue;
        for (const descendant of descendantsOf(child.pid)) killQuietly(descendant, "SIGCONT");
        killQuietly(child.pid, "SIGCONT");
        killQuietly(child.pid, "SIGTERM");
        const deadline = Date.now() + 5000;
        while (
          isAlive(child.pid) &&
          child.exitCode === null &&
          child.signalCode === null &&
          Date.now() < deadline
        )
          await new Promise((r) => setTimeout(r, 50));
        for (const straggler of descendantsOf(child.pid).reverse()) killQuietly(straggler);
        killQuietly(child.pid);
      }
      teardownSync();
      await rm(root, { recursive: true, force: true });
    },
    runSync: teardownSync,
  });

  try {
    for (const namespace of Object.values(namespaces)) ip("netns", "add", namespace);
    ip("-n", namespaces.br, "link", "add", "br0", "type", "bridge");
    ip("-n", namespaces.br, "link", "set", "br0", "up");
    await mkdir("/run/sshd", { recursive: true, mode: 0o755 });
    const clientKey = await generateKeyPair(path.join(root, "client_key"));

    const nodes: PairNode[] = [];
    for (const [index, name] of (["n1", "n2"] as const).entries()) {
      const namespace = namespaces[name];
      const dir = path.join(root, name);
      await mkdir(path.join(dir, "tmp"), { recursive: true });
      // VRRP link: eth0 in the node, its peer end on the bridge.
      ip("link", "add", `${tag}v${index + 1}`, "type", "veth", "peer", "name", "eth0", "netns", namespace);
      ip("link", "set", `${tag}v${index + 1}`, "netns", namespaces.br);
      ip("-n", namespaces.br, "link", "set", `${tag}v${index + 1}`, "master", "br0", "up");
      ip("-n", namespace, "addr", "add", `192.0.2.${index + 1}/24`, "dev", "eth0");
      ip("-n", namespace, "link", "set", "eth0", "up");
      ip("-n", namespace, "link", "set", "lo", "up");
      // Management link from the test's namespace: 198.51.100.(216+4i)+1 here, +2 in the node.
      const base = 216 + 4 * index;
      const hostLink = hostLinks[index] as string;
      ip("link", "add", hostLink, "type", "veth", "peer", "name", "mgmt0", "netns", namespace);
      ip("addr", "add", `198.51.100.${base + 1}/30`, "dev", hostLink);
      ip("link", "set", hostLink, "up");
      const managementAddress = `198.51.100.${base + 2}`;
      ip("-n", namespace, "addr", "add", `${managementAddress}/30`, "dev", "mgmt0");
      ip("-n", namespace, "link", "set", "mgmt0", "up");

      const hostKey = await startSshd(namespace, dir, managementAddress, clientKey, children);
      const trackFile = path.join(dir, "maint");
      await writeFile(trackFile, "0\n");
      const configFile = path.join(dir, "keepalived.conf");
      await writeFile(configFile, config(name, name === "n1" ? 150 : 100, trackFile));
      const pidFile = path.join(dir, "keepalived.pid");
      const vrrpPidFile = path.join(dir, "vrrp.pid");
      pidFiles.push(pidFile);
      const keepalived = spawn(
        "ip",
        [
          "netns",
          "exec",
          namespace,
          "keepalived",
          "-P",
          "-n",
          "-l",
          "-D",
          "-f",
          configFile,
          "-p",
          pidFile,
          "--vrrp_pid",
          vrrpPidFile,
          "--checkers_pid",
          path.join(dir, "checkers.pid"),
        ],
        { stdio: "ignore", env: { ...process.env, TMPDIR: path.join(dir, "tmp") } },
      );
      children.push(keepalived);
      const executor = await connectSshExecutor({
        host: managementAddress,
        port: 22,
        username: "root",
        privateKeyPath: clientKey.privateKeyPath,
        hostPublicKey: hostKey.publicKey,
      });
      executors.push(executor);
      const signalAll = (signal: NodeJS.Signals) => {
        const pid = keepalived.pid as number;
        for (const descendant of descendantsOf(pid)) killQuietly(descendant, signal);
        killQuietly(pid, signal);
      };
      nodes.push({
        name,
        namespace,
        managementAddress,
        dir,
        configFile,
        pidFile,
        trackFile,
        executor,
        keepalivedPid: () => keepalived.pid as number,
        control: {
          stop: ["sh", "-c", 'kill -TERM "$(cat "$1")"', "stop-keepalived", pidFile],
          // Daemonized (no -n), inside the node's namespace because sshd runs there.
          start: [
            "env",
            `TMPDIR=${path.join(dir, "tmp")}`,
            "keepalived",
            "-P",
            "-l",
            "-D",
            "-f",
            configFile,
            "-p",
            pidFile,
            "--vrrp_pid",
            vrrpPidFile,
            "--checkers_pid",
            path.join(dir, "checkers.pid"),
          ],
        },
        freeze: () => signalAll("SIGSTOP"),
        thaw: () => signalAll("SIGCONT"),
      });
    }
    return { n1: nodes[0] as PairNode, n2: nodes[1] as PairNode, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

async function startSshd(
  namespace: string,
  dir: string,
  address: string,
  clientKey: KeyPair,
  children: ChildProcess[],
): Promise<KeyPair> {
  const hostKey = await generateKeyPair(path.join(dir, "ssh_host_ed25519_key"), {
    comment: "fulcrum-failover-host",
  });
  const authorized = path.join(dir, "authorized_keys");
  await writeFile(authorized, `${clientKey.publicKey}\n`, { mode: 0o600 });
  const configPath = path.join(dir, "sshd_config");
  await writeFile(
    configPath,
    [
      `ListenAddress ${address}:22`,
      `HostKey ${hostKey.privateKeyPath}`,
      `PidFile ${path.join(dir, "sshd.pid")}`,
      `AuthorizedKeysFile ${authorized}`,
      "StrictModes no",
      "PermitRootLogin prohibit-password",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "UsePAM no",
      "PrintMotd no",
      "",
    ].join("\n"),
  );
  const sshd = spawn("ip", ["netns", "exec", namespace, "/usr/sbin/sshd", "-D", "-e", "-f", configPath], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  children.push(sshd);
  let log = "";
  sshd.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  await waitUntil(
    `sshd in ${namespace} (${log})`,
    () => log.includes("Server listening on") || sshd.exitCode !== null,
    10_000,
  );
  if (sshd.exitCode !== null) throw new Error(`sshd in ${namespace} exited: ${log}`);
  return hostKey;
}
