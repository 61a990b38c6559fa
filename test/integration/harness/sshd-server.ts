/**
 * A real OpenSSH sshd (Debian's /usr/sbin/sshd) for one test host, on a 127.0.0.x address and a
 * free port, with its own host key, authorized keys per user and a log captured from stderr
 * (`-D -e`). Root logs in by key only (PermitRootLogin prohibit-password).
 *
 *   const sshd = await startSshd({ address: "127.0.0.2" });
 *   await sshd.authorize("root", home.clientKey.publicKey);
 *   ... sshd.log() ...   await sshd.stop(); await sshd.start();   await sshd.dispose();
 */
import { spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdir, mkdtemp, rm, writeFile, appendFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { killQuietly, registerCleanup, removeDirSync } from "./cleanup-registry.ts";
import { freePort } from "./free-port.ts";
import { childrenOf, commandName, descendantsOf, isAlive } from "./process-tree.ts";
import { generateKeyPair, sshKeygenFingerprint, type KeyPair } from "./ssh-keys.ts";

export interface SshdOptions {
  /** Loopback address to listen on. Default 127.0.0.2. */
  address?: string;
  /** Port; default a free one. */
  port?: number;
  hostKeyType?: "ed25519" | "ecdsa" | "rsa";
  /** LogLevel; DEBUG1 shows direct-tcpip forwards. Default VERBOSE. */
  logLevel?: string;
  /** Extra sshd_config lines. */
  extraConfig?: string[];
}

export interface SshdServer {
  address: string;
  port: number;
  dir: string;
  hostKey: KeyPair;
  /** Current process id while running. */
  pid(): number | undefined;
  /** Everything sshd logged (all runs). */
  log(): string;
  /** Host key fingerprint as `ssh-keygen -lf` prints it. */
  hostKeyFingerprint(): Promise<string>;
  /** `[address]:port key` lines for a known_hosts file. */
  knownHostsLine(): string;
  authorize(user: string, publicKey: string): Promise<void>;
  start(): Promise<void>;
  /** Kills sshd and its per-connection children by PID, so clients see their connections drop. */
  stop(): Promise<void>;
  /** A new host key in place of the old (restart to present it). */
  regenerateHostKey(): Promise<void>;
  dispose(): Promise<void>;
}

const sshdBinary = "/usr/sbin/sshd";
const startTimeoutMs = 10_000;

function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const deadline = Date.now() + timeoutMs;
    const poll = () => {
      if (!isAlive(pid)) resolve(true);
      else if (Date.now() > deadline) resolve(false);
      else setTimeout(poll, 20);
    };
    poll();
  });
}

export async function startSshd(options: SshdOptions = {}): Promise<SshdServer> {
  const address = options.address ?? "127.0.0.2";
  // Privilege separation directory; Debian creates it from a systemd unit we do not run.
  await mkdir("/run/sshd", { recursive: true, mode: 0o755 });
  const dir = await mkdtemp(path.join(os.tmpdir(), "fulcrum-sshd-"));
  // Non-root users read their authorized keys as themselves: the path must be traversable.
  await chmod(dir, 0o755);
  const authorizedDir = path.join(dir, "authorized");
  await mkdir(authorizedDir, { mode: 0o755 });
  const hostKeyType = options.hostKeyType ?? "ed25519";
  const hostKeyPath = path.join(dir, `ssh_host_${hostKeyType}_key`);
  let hostKey = await generateKeyPair(hostKeyPath, { type: hostKeyType, comment: "fulcrum-test-host" });
  const port = options.port ?? (await freePort(address));
  const configPath = path.join(dir, "sshd_config");
  const logPath = path.join(dir, "sshd.log");
  await writeFile(
    configPath,
    [
      `ListenAddress ${address}:${port}`,
      `HostKey ${hostKeyPath}`,
      `PidFile ${path.join(dir, "sshd.pid")}`,
      `AuthorizedKeysFile ${authorizedDir}/%u`,
      "StrictModes no",
      "PermitRootLogin prohibit-password",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "UsePAM no",
      "AllowTcpForwarding yes",
      "PrintMotd no",
      `LogLevel ${options.logLevel ?? "VERBOSE"}`,
      ...(options.extraConfig ?? []),
      "",
    ].join("\n"),
  );

  let child: ChildProcess | undefined;
  let logText = "";

  /** Last resort (process exit): everything at once. */
  const killTree = (pid: number) => {
    for (const descendant of descendantsOf(pid).reverse()) killQuietly(descendant);
    killQuietly(pid);
  };

  /**
   * First the commands sessions run (anything below sshd that is not sshd), so they cannot
   * outlive the session as orphans; then SIGTERM to each connection's monitor, which passes it
   * to its session child and reaps it; the master reaps the monitors and we reap the master.
   * Killing sshd's own processes leaves-first instead would orphan zombies onto an init that may
   * be slow to reap them.
   */
  const stopTree = async (pid: number) => {
    const snapshot = descendantsOf(pid);
    for (const process of snapshot) if (commandName(process) !== "sshd") killQuietly(process);
    for (const monitor of childrenOf(pid)) killQuietly(monitor, "SIGTERM");
    const deadline = Date.now() + 3000;
    while (descendantsOf(pid).length > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    for (const straggler of [...snapshot, ...descendantsOf(pid)])
      if (isAlive(straggler)) killQuietly(straggler);
    killQuietly(pid, "SIGTERM");
    if (!(await waitForExit(pid, 3000))) killQuietly(pid);
  };

  const server: SshdServer = {
    address,
    port,
    dir,
    get hostKey() {
      return hostKey;
    },
    pid: () => child?.pid,
    log: () => logText,
    hostKeyFingerprint: () => sshKeygenFingerprint(hostKey.publicKeyPath),
    knownHostsLine: () => `[${address}]:${port} ${hostKey.publicKey.split(" ").slice(0, 2).join(" ")}`,
    async authorize(user, publicKey) {
      const file = path.join(authorizedDir, user);
      await appendFile(file, `${publicKey.trim()}\n`);
      await chmod(file, 0o644);
    },
    async start() {
      if (child) throw new Error("sshd already running");
      const started = spawn(sshdBinary, ["-D", "-e", "-f", configPath], {
        stdio: ["ignore", "ignore", "pipe"],
      });
      child = started;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`sshd on ${address}:${port} did not start:\n${logText}`)),
          startTimeoutMs,
        );
        started.stderr?.on("data", (chunk: Buffer) => {
          logText += chunk.toString();
          void appendFile(logPath, chunk);
          if (logText.includes(`Server listening on ${address} port ${port}`)) {
            clearTimeout(timer);
            resolve();
          }
        });
        started.once("exit", (code) => {
          clearTimeout(timer);
          if (child === started) child = undefined;
          reject(new Error(`sshd on ${address}:${port} exited (${code}):\n${logText}`));
        });
      });
    },
    async stop() {
      const running = child;
      if (!running?.pid) return;
      child = undefined;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      await stopTree(running.pid);
      if (running.exitCode === null && running.signalCode === null) await exited;
      if (!(await waitForExit(running.pid, 5000))) throw new Error(`sshd ${running.pid} did not exit`);
    },
    async regenerateHostKey() {
      await rm(hostKeyPath, { force: true });
      await rm(`${hostKeyPath}.pub`, { force: true });
      hostKey = await generateKeyPair(hostKeyPath, { type: hostKeyType, comment: "fulcrum-test-host" });
    },
    dispose: async () => {},
  };

  server.dispose = registerCleanup({
    async run() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
    runSync() {
      if (child?.pid) killTree(child.pid);
      removeDirSync(dir);
    },
  });
  try {
    await server.start();
  } catch (error) {
    await server.dispose();
    throw error;
  }
  return server;
}
