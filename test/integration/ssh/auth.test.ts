/**
 * Client authentication against real sshd's: a wrong key is authentication-failed; an encrypted
 * key asks for its passphrase through the injected callback (and survives a wrong answer); a key
 * held by a real ssh-agent; a non-root user, with and without sudo rights.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PassphraseRequest } from "../../../core/ssh/credentials.ts";
import { SessionProblemError } from "../../../core/ssh/problem.ts";
import type { HostSession } from "../../../core/ssh/session.ts";
import { killQuietly, registerCleanup } from "../harness/cleanup-registry.ts";
import { runCommand } from "../harness/run-command.ts";
import { hostBlock, openTestSession } from "../harness/ssh-fixture.ts";
import { startSshd, type SshdServer } from "../harness/sshd-server.ts";
import { createSystemUser, type SystemUser } from "../harness/system-users.ts";
import type { KeyPair } from "../harness/ssh-keys.ts";
import { createTestHome, type TestHome } from "../harness/test-home.ts";
import { isAlive } from "../harness/process-tree.ts";

let home: TestHome;
let sshd: SshdServer;
let encrypted: KeyPair;
let agentKey: KeyPair;
let plainUser: SystemUser;
let sudoUser: SystemUser;
let agent: ChildProcess | undefined;
let stopAgent: () => Promise<void> = async () => {};
const agentSocket = () => path.join(home.home, "agent.sock");
const sessions: HostSession[] = [];
/** ssh-add talks to our agent; sessions are given the socket explicitly. */
const agentEnv = () => ({ ...process.env, SSH_AUTH_SOCK: agentSocket() });

async function session(
  alias: string,
  options: Parameters<typeof openTestSession>[2] = {},
): Promise<HostSession> {
  const s = await openTestSession(home, alias, options);
  sessions.push(s);
  return s;
}

async function startAgent(): Promise<void> {
  const started = spawn("ssh-agent", ["-D", "-a", agentSocket()], { stdio: ["ignore", "ignore", "pipe"] });
  agent = started;
  stopAgent = registerCleanup({
    run: async () => {
      if (started.pid && isAlive(started.pid)) {
        const exited = new Promise((resolve) => started.once("exit", resolve));
        killQuietly(started.pid, "SIGTERM");
        await exited;
      }
    },
    runSync: () => started.pid && killQuietly(started.pid),
  });
  for (let tries = 0; tries < 50; tries++) {
    const ready = await runCommand("ssh-add", ["-l"], undefined, agentEnv()).then(
      () => true,
      (e: Error) => !/connect|No such file/i.test(e.message),
    );
    if (ready) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  home = await createTestHome();
  sshd = await startSshd({ address: "127.0.0.7" });
  encrypted = await home.generateKey("id_encrypted", { passphrase: "correct horse" });
  agentKey = await home.generateKey("id_in_agent");
  const wrong = await home.generateKey("id_wrong");
  plainUser = await createSystemUser();
  sudoUser = await createSystemUser({ sudoCommands: ["/usr/bin/id"] });
  for (const key of [home.clientKey, encrypted, agentKey]) await sshd.authorize("root", key.publicKey);
  await sshd.authorize(plainUser.name, home.clientKey.publicKey);
  await sshd.authorize(sudoUser.name, home.clientKey.publicKey);
  await home.writeSshConfig(
    hostBlock("wrong-key", sshd, { identityFile: wrong.privateKeyPath }) +
      hostBlock("encrypted", sshd, { identityFile: "~/.ssh/id_encrypted" }) +
      [
        `Host via-agent`,
        `  HostName ${sshd.address}`,
        `  Port ${sshd.port}`,
        `  User root`,
        `  IdentityFile ~/.ssh/id_absent`,
        "",
      ].join("\n") +
      hostBlock("plain-user", sshd, { user: plainUser.name }) +
      hostBlock("sudo-user", sshd, { user: sudoUser.name }),
  );
  await home.writeKnownHosts(`${sshd.knownHostsLine()}\n`);
  await startAgent();
  await runCommand("ssh-add", [agentKey.privateKeyPath], undefined, agentEnv());
});

afterAll(async () => {
  for (const s of sessions) s.close();
  await stopAgent();
  await sudoUser?.dispose();
  await plainUser?.dispose();
  await sshd?.dispose();
  await home?.dispose();
});

describe("authentication", () => {
  it("reports authentication-failed for a key the server does not accept", async () => {
    const s = await session("wrong-key");
    const error = await s.connect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionProblemError);
    expect((error as SessionProblemError).problem.code).toBe("authentication-failed");
    expect(s.state).toMatchObject({ phase: "failed", problem: { code: "authentication-failed" } });
  });

  it("asks for an encrypted key's passphrase through the callback, again after a wrong one", async () => {
    const requests: PassphraseRequest[] = [];
    const answers = ["wrong", "correct horse"];
    const s = await session("encrypted", {
      prompts: {
        askPassphrase: async (request) => {
          requests.push(request);
          return answers.shift();
        },
      },
    });
    await s.connect();
    expect(s.state.phase).toBe("ready");
    expect(requests.map((r) => [r.kind, r.keyFile, r.attempt])).toEqual([
      ["passphrase-needed", encrypted.privateKeyPath, 1],
      ["passphrase-needed", encrypted.privateKeyPath, 2],
    ]);
    expect(requests[0]?.destination).toBe(`root@${sshd.address}:${sshd.port}`);
  });

  it("fails without a passphrase callback rather than hanging on an encrypted key", async () => {
    const s = await session("encrypted");
    const error = await s.connect().catch((e: unknown) => e);
    expect((error as SessionProblemError).problem.code).toBe("authentication-failed");
  });

  it("authenticates with a key held by ssh-agent", async () => {
    expect(agent?.pid).toBeDefined();
    const s = await session("via-agent", { agentSocket: agentSocket() });
    await s.connect();
    expect((await s.exec("whoami")).stdout).toBe("root\n");
    const without = await session("via-agent", { agentSocket: path.join(home.home, "no-agent.sock") });
    expect(((await without.connect().catch((e: unknown) => e)) as SessionProblemError).problem.code).toBe(
      "authentication-failed",
    );
  });

  it("logs in as a user without sudo, who is told so by sudo -n", async () => {
    const s = await session("plain-user");
    await s.connect();
    expect((await s.exec(["id", "-un"])).stdout.trim()).toBe(plainUser.name);
    const sudo = await s.exec(["sudo", "-n", "/usr/bin/id", "-u"]);
    expect(sudo.code).not.toBe(0);
    expect(sudo.stderr).toMatch(/password is required|not allowed|may not run/i);
  });

  it("logs in as a user with passwordless sudo for specific commands only", async () => {
    const s = await session("sudo-user");
    await s.connect();
    expect(await s.exec(["sudo", "-n", "/usr/bin/id", "-u"])).toMatchObject({ code: 0, stdout: "0\n" });
    expect((await s.exec(["sudo", "-n", "/usr/bin/whoami"])).code).not.toBe(0);
  });
});
