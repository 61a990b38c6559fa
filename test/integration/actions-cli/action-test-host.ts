/**
 * A director for the action CLI tests: a real OpenSSH sshd whose sessions find the simulated
 * ipvsadm first on PATH (this kernel has no IPVS; test/lab covers the real one), a test HOME with
 * ~/.ssh/config and known_hosts for the alias "lb1", and a way to run the real `bin/fulcrum.mjs`
 * against it with its own data folder.
 *
 * The simulator's state is built with the shim's own -A/-a commands, and read back the same way
 * (`ipvsadm -Ln` / `-Sn` through the shim, not through Fulcrum), so a test sees what the host sees.
 */
import { execFileSync } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fulcrumCli, REPO, type CliResult } from "../harness/fulcrum-cli.ts";
import { hostBlock } from "../harness/ssh-fixture.ts";
import { startSshd, type SshdServer } from "../harness/sshd-server.ts";
import { createTestHome, type TestHome } from "../harness/test-home.ts";

const SIM_BIN = path.join(REPO, "test/sim-bin");

export type { CliResult };

export interface ActionTestHost {
  sshd: SshdServer;
  home: TestHome;
  /** Runs the shim directly, as root on the host would. */
  ipvsadm(args: string[], env?: NodeJS.ProcessEnv): string;
  /** Empties the simulated director. */
  resetTable(): Promise<void>;
  /** `bin/fulcrum.mjs args` with HOME = the test home and FULCRUM_DATA = `dataDir`. */
  fulcrum(args: string[], dataDir: string): Promise<CliResult>;
  /**
   * The same on a pseudo-terminal (util-linux `script`), typing `answer` when a prompt that
   * ends in `prompt` appears. The output is the terminal's, stdout and stderr mixed.
   */
  fulcrumOnTerminal(args: string[], dataDir: string, prompt: string, answer: string): Promise<CliResult>;
  dispose(): Promise<void>;
}

export interface ActionTestHostOptions {
  /** A folder searched before the simulator's on the host's PATH (a test's own ipvsadm wrapper). */
  pathFirst?: string;
}

export async function startActionTestHost(options: ActionTestHostOptions = {}): Promise<ActionTestHost> {
  const simDir = await mkdtemp(path.join(tmpdir(), "fulcrum-actions-sim-"));
  const statePath = path.join(simDir, "state.json");
  let home: TestHome | undefined;
  let sshd: SshdServer | undefined;
  const dispose = async () => {
    await sshd?.dispose();
    await home?.dispose();
    await rm(simDir, { recursive: true, force: true });
  };
  try {
    // The session runs as root but the folder must be reachable however sshd drops privileges.
    await chmod(simDir, 0o755);
    home = await createTestHome();
    sshd = await startSshd({
      extraConfig: [
        `SetEnv PATH=${options.pathFirst ? `${options.pathFirst}:` : ""}${SIM_BIN}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin FULCRUM_SIM_STATE=${statePath}`,
      ],
    });
    await sshd.authorize("root", home.clientKey.publicKey);
    await home.writeSshConfig(hostBlock("lb1", sshd));
    await home.writeKnownHosts(`${sshd.knownHostsLine()}\n`);
  } catch (error) {
    await dispose();
    throw error;
  }
  const testHome = home;
  return {
    sshd,
    home: testHome,
    ipvsadm: (args, env = {}) =>
      execFileSync(path.join(SIM_BIN, "ipvsadm"), args, {
        encoding: "utf8",
        env: { ...process.env, ...env, FULCRUM_SIM_STATE: statePath },
      }),
    resetTable: () => rm(statePath, { force: true }),
    ...fulcrumCli(testHome),
    dispose,
  };
}

/** One backend's forwarding method and weight as `ipvsadm -Ln` prints them, or undefined if absent. */
export function backendRow(
  listing: string,
  service: string,
  backend: string,
): { forward: string; weight: number } | undefined {
  let inService = false;
  for (const line of listing.split("\n")) {
    const serviceLine = /^(TCP|UDP|SCTP|FWM)\s+(\S+)/.exec(line);
    if (serviceLine) {
      inService = serviceLine[2] === service;
      continue;
    }
    // "  -> 198.51.100.1:80              Masq    3      0          0"
    const row = /^\s+->\s+(\S+)\s+(\S+)\s+(\d+)\s/.exec(line);
    if (inService && row && row[1] === backend) return { forward: row[2] ?? "", weight: Number(row[3]) };
  }
  return undefined;
}
