/**
 * An HAProxy box for the CLI tests: a real HAProxy (test/integration/sampler/fake-host.ts) with its
 * admin socket and haproxy.cfg in a temp dir, a real OpenSSH sshd on 127.0.0.1 reached as the
 * alias "lb1" from a test HOME, a second alias "lbcount" whose port is
 * a TCP listener that only counts the connections it is offered (so a test can see that a refused
 * command never connected), and the real
 * `bin/fulcrum.mjs` run with HOME = the test home and FULCRUM_DATA = a folder per test.
 * The socket is also read directly (socat on this machine), so a test sees what HAProxy holds.
 */
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:net";
import { parseServersState } from "../../../core/parse/haproxy/servers-state.ts";
import {
  FULCRUM,
  fulcrumCli,
  fulcrumEnv,
  REPO,
  RUN_TIMEOUT_MS,
  type CliResult,
} from "../harness/fulcrum-cli.ts";
import { hostBlock } from "../harness/ssh-fixture.ts";
import { startSshd, type SshdServer } from "../harness/sshd-server.ts";
import { createTestHome, type TestHome } from "../harness/test-home.ts";
import { startFakeHost, type FakeHost } from "../sampler/fake-host.ts";
import { askHaproxySocket } from "../harness/haproxy-socket.ts";

export const BACKEND = "be_sampler";

export type { CliResult };

export interface ServerOnSocket {
  adminState: number;
  userWeight: number;
}

export interface HaproxyCliHost {
  haproxy: FakeHost;
  home: TestHome;
  /** A runtime API command sent on the socket from this machine, not through Fulcrum. */
  direct(command: string): string;
  server(name: string): ServerOnSocket;
  /** Connections offered so far to the alias "lbcount". */
  countedConnections(): number;
  fulcrum(args: string[], dataDir: string): Promise<CliResult>;
  /**
   * The same on a pseudo-terminal (util-linux `script`), typing `answer` once the output shows
   * `prompt`. The output is the terminal's, stdout and stderr mixed.
   */
  fulcrumOnTerminal(args: string[], dataDir: string, prompt: string, answer: string): Promise<CliResult>;
  /**
   * Runs fulcrum against "lbcount" until the listener counts a connection from it, then stops it
   * (by its PID): the control showing that a valid command does reach the counter.
   */
  fulcrumReachesCounter(args: string[], dataDir: string): Promise<boolean>;
  dispose(): Promise<void>;
}

export async function startHaproxyCliHost(): Promise<HaproxyCliHost> {
  let haproxy: FakeHost | undefined;
  let home: TestHome | undefined;
  let sshd: SshdServer | undefined;
  let counted = 0;
  const counter: Server = createServer((socket) => {
    counted += 1;
    socket.destroy();
  });
  const dispose = async () => {
    await new Promise((resolve) => counter.close(resolve));
    await sshd?.dispose();
    await home?.dispose();
    await haproxy?.dispose();
  };
  try {
    haproxy = await startFakeHost({ ipvsadm: "fixtures" });
    home = await createTestHome();
    sshd = await startSshd();
    await sshd.authorize("root", home.clientKey.publicKey);
    await new Promise<void>((resolve, reject) => {
      counter.once("error", reject);
      counter.listen(0, "127.0.0.1", resolve);
    });
    const address = counter.address();
    if (address === null || typeof address === "string") throw new Error("the counting listener has no port");
    await home.writeSshConfig(
      `${hostBlock("lb1", sshd)}\nHost lbcount\n  HostName 127.0.0.1\n  Port ${address.port}\n  User root\n  IdentityAgent none\n`,
    );
    await home.writeKnownHosts(`${sshd.knownHostsLine()}\n`);
  } catch (error) {
    await dispose();
    throw error;
  }
  const socket = haproxy.haproxySocket;
  const testHome = home;
  const direct = (command: string): string => askHaproxySocket(socket, command);
  return {
    haproxy,
    home: testHome,
    direct,
    server(name) {
      const found = parseServersState(direct(`show servers state ${BACKEND}`)).servers.find(
        (server) => server.server === name,
      );
      if (!found) throw new Error(`no server ${name} in ${BACKEND}`);
      return { adminState: found.adminState, userWeight: found.userWeight };
    },
    countedConnections: () => counted,
    ...fulcrumCli(testHome),
    async fulcrumReachesCounter(args, dataDir) {
      const before = counted;
      const child = spawn(process.execPath, [FULCRUM, ...args], {
        cwd: REPO,
        env: fulcrumEnv(testHome, dataDir),
        stdio: "ignore",
      });
      const exited = new Promise((resolve) => child.once("exit", resolve));
      try {
        const deadline = Date.now() + RUN_TIMEOUT_MS;
        while (counted === before && child.exitCode === null && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 50));
        return counted > before;
      } finally {
        if (child.exitCode === null && child.pid !== undefined) {
          process.kill(child.pid, "SIGKILL");
          await exited;
        }
      }
    },
    dispose,
  };
}
