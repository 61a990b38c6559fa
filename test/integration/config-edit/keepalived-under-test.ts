/**
 * A real keepalived 2.2.7 on a keepalived.conf with a virtual_server block, run VRRP-only (-P) in
 * the foreground with its own pid files and TMPDIR in a temp dir. lab-notes.md: this kernel has no
 * IPVS, so the checker (which would program the weights) cannot run; with -P and no vrrp_instance
 * the parent process stays up, re-reads the file on SIGHUP and logs it ("Reloading ..."), and sends
 * no VRRP traffic at all. Stopped by PID and removed even when a test fails.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { killQuietly, registerCleanup, removeDirSync } from "../harness/cleanup-registry.ts";
import { descendantsOf, isAlive } from "../harness/process-tree.ts";

export interface KeepalivedUnderTest {
  dir: string;
  configPath: string;
  pidFile: string;
  includePath: string;
  config: string;
  pid: number;
  /** Everything keepalived logged to its console (-l). */
  log(): string;
  dispose(): Promise<void>;
}

export async function startKeepalived(): Promise<KeepalivedUnderTest> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "fulcrum-keepalived-"));
  let pid: number | undefined;
  const stopSync = () => {
    if (pid === undefined) return;
    for (const child of descendantsOf(pid)) killQuietly(child);
    killQuietly(pid);
  };
  const dispose = registerCleanup({
    async run() {
      if (pid !== undefined && isAlive(pid)) {
        killQuietly(pid, "SIGTERM");
        const deadline = Date.now() + 5000;
        while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
        stopSync();
      }
      await rm(dir, { recursive: true, force: true });
    },
    runSync() {
      stopSync();
      removeDirSync(dir);
    },
  });
  try {
    await mkdir(path.join(dir, "tmp"));
    const configPath = path.join(dir, "keepalived.conf");
    const pidFile = path.join(dir, "keepalived.pid");
    const includePath = path.join(dir, "extra.conf");
    const config = `global_defs {
    router_id fulcrum_config_edit
}
include ${includePath}

virtual_server 192.0.2.10 80 {
    delay_loop 6
    lb_algo wrr
    lb_kind NAT
    protocol TCP

    real_server 10.0.0.11 80 {
        weight 3        # rack 4
        TCP_CHECK {
            connect_timeout 3
        }
    }
    real_server 10.0.0.12 80 {
        weight 1
    }
}
`;
    await writeFile(configPath, config, { mode: 0o600 });
    await writeFile(includePath, "# nothing yet\n");
    const child = spawn(
      "/usr/sbin/keepalived",
      [
        "-P",
        "-n",
        "-l",
        "-D",
        "-f",
        configPath,
        "-p",
        pidFile,
        "-r",
        path.join(dir, "vrrp.pid"),
        "-c",
        path.join(dir, "checkers.pid"),
      ],
      { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TMPDIR: path.join(dir, "tmp") } },
    );
    pid = child.pid;
    let log = "";
    child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    const deadline = Date.now() + 10_000;
    while (!(existsSync(pidFile) && log.includes("Configuration file")) && child.exitCode === null) {
      if (Date.now() > deadline) throw new Error(`keepalived did not start: ${log}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (child.exitCode !== null) throw new Error(`keepalived exited: ${log}`);
    return {
      dir,
      configPath,
      pidFile,
      includePath,
      config,
      pid: child.pid as number,
      log: () => log,
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
