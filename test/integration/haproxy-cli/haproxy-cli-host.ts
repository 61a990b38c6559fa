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
import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { parseServersState } from "../../../core/parse/haproxy/servers-state.ts";
import { hostBlock } from "../harness/ssh-fixture.ts";
import { startSshd, type SshdServer } from "../harness/sshd-server.ts";
import { createTestHome, type TestHome } from "../harness/test-home.ts";
import { startFakeHost, type FakeHost } from "../sampler/fake-host.ts";
import { askHaproxySocket } from "../harness/haproxy-socket.ts";

const REPO = path.resolve(import.meta.dirname, "../../..");
const FULCRUM = path.join(REPO, "bin/fulcrum.mjs");
/** Bound on one CLI run; a hung run is killed (by its PID) and fails the test. */
const RUN_TIMEOUT_MS = 45_000;

export const BACKEND = "be_sampler";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

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
    fulcrum: (args, dataDir) => runBounded(process.execPath, [FULCRUM, ...args], envFor(testHome, dataDir)),
    fulcrumOnTerminal: (args, dataDir, prompt, answer) =>
      runBounded(
        "script",
        ["-q", "-e", "-c", [process.execPath, FULCRUM, ...args].map(shellWord).join(" "), "/dev/null"],
        envFor(testHome, dataDir),
        { prompt, answer },
      ),
    async fulcrumReachesCounter(args, dataDir) {
      const before = counted;
      const child = spawn(process.execPath, [FULCRUM, ...args], {
        cwd: REPO,
        env: envFor(testHome, dataDir),
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

function envFor(home: TestHome, dataDir: string): NodeJS.ProcessEnv {
  return { ...process.env, HOME: home.home, FULCRUM_DATA: dataDir };
}

/** Test constants only, but quoted all the same: `script -c` hands the line to a shell. */
function shellWord(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

function runBounded(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  reply?: { prompt: string; answer: string },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: REPO, env, stdio: ["pipe", "pipe", "pipe"] });
    // Without a reply, no terminal and no input: the CLI must not wait for an answer that cannot come.
    if (!reply) child.stdin.end();
    let answered = false;
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(child.pid, "SIGKILL");
      reject(
        new Error(`${file} ${args.join(" ")} did not finish in ${RUN_TIMEOUT_MS} ms\n${stdout}\n${stderr}`),
      );
    }, RUN_TIMEOUT_MS);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      // readline moves the cursor with CSI sequences after the prompt: look past them.
      if (reply && !answered && stripVTControlCharacters(stdout).includes(reply.prompt)) {
        answered = true;
        child.stdin.write(`${reply.answer}\r`);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ code, stdout, stderr });
    });
  });
}
