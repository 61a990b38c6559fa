/**
 * exec and openStream on a real sshd: exit codes, stderr, argv quoting, timeouts, `check`, a
 * streamed loop.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SessionProblemError } from "../../../core/ssh/problem.ts";
import type { HostSession } from "../../../core/ssh/session.ts";
import { hostBlock, openTestSession } from "../harness/ssh-fixture.ts";
import { startSshd, type SshdServer } from "../harness/sshd-server.ts";
import { createSystemUser, type SystemUser } from "../harness/system-users.ts";
import { createTestHome, type TestHome } from "../harness/test-home.ts";

let home: TestHome;
let sshd: SshdServer;
let session: HostSession;
let user: SystemUser;
let userSession: HostSession | undefined;

async function problemOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof SessionProblemError))
    throw new Error(`expected a SessionProblemError, got ${String(error)}`);
  return error.problem;
}

beforeAll(async () => {
  home = await createTestHome();
  sshd = await startSshd({ address: "127.0.0.9" });
  await sshd.authorize("root", home.clientKey.publicKey);
  user = await createSystemUser();
  await sshd.authorize(user.name, home.clientKey.publicKey);
  await home.writeSshConfig(
    hostBlock("lb1", sshd) + hostBlock("lb1-again", sshd) + hostBlock("lb1-user", sshd, { user: user.name }),
  );
  await home.writeKnownHosts(`${sshd.knownHostsLine()}\n`);
  session = await openTestSession(home, "lb1");
  await session.connect();
});

afterAll(async () => {
  session?.close();
  userSession?.close();
  await sshd?.dispose();
  await user?.dispose();
  await home?.dispose();
});

describe("exec", () => {
  it("reports a failing command's exit code, stdout and stderr", async () => {
    const result = await session.exec("echo out; echo err >&2; exit 3");
    expect(result).toEqual({ stdout: "out\n", stderr: "err\n", code: 3 });
    expect((await session.exec("ls /definitely/not/here")).code).toBe(2);
  });

  it("rejects with command-failed when asked to check", async () => {
    const problem = await problemOf(session.exec(["sh", "-c", "echo broken >&2; exit 7"], { check: true }));
    expect(problem.code).toBe("command-failed");
    expect(problem.message).toContain("exit status 7");
    expect(problem.message).toContain("broken");
  });

  it("passes argv words through the remote shell unchanged", async () => {
    const words = ["a b", "it's", "$HOME", "*", "semi;colon", ""];
    const result = await session.exec(["printf", "[%s]", ...words]);
    expect(result.stdout).toBe(words.map((w) => `[${w}]`).join(""));
  });

  it("feeds stdin", async () => {
    expect((await session.exec("wc -l", { stdin: "1\n2\n3\n" })).stdout.trim()).toBe("3");
  });

  it("times out a command that does not finish, and the connection stays usable", async () => {
    // As root, sshd ignores the kill signal (see exec-channel.ts); this loop ends itself on SIGPIPE
    // once the channel is closed, so nothing outlives the test.
    const problem = await problemOf(
      session.exec("while :; do echo tick; sleep 0.1; done", { timeoutMs: 300 }),
    );
    expect(problem.code).toBe("timeout");
    expect((await session.exec("echo still here")).stdout).toBe("still here\n");
  });

  it("kills a timed-out command where sshd allows signals (non-root logins)", async () => {
    userSession = await openTestSession(home, "lb1-user");
    await userSession.connect();
    const marker = "29.123";
    expect((await problemOf(userSession.exec(`sleep ${marker}`, { timeoutMs: 300 }))).code).toBe("timeout");
    // Bounded wait for sshd to deliver SIGKILL to the command's process group.
    let remaining = "";
    for (let i = 0; i < 50; i++) {
      remaining = (await session.exec(["sh", "-c", `pgrep -f '[s]leep ${marker}' || true`])).stdout.trim();
      if (remaining === "") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(remaining).toBe("");
  });

  it("streams a long-running loop's output as it is produced", async () => {
    const stream = await session.openStream(
      "i=0; while [ $i -lt 3 ]; do echo frame $i; i=$((i+1)); done; read line; echo got $line",
    );
    const chunks: string[] = [];
    stream.stdout.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
    await new Promise<void>((resolve) => {
      const check = () => (chunks.join("").includes("frame 2") ? resolve() : setTimeout(check, 20));
      check();
    });
    stream.stdin.end("done\n");
    expect(await stream.exited).toEqual({ code: 0 });
    expect(chunks.join("")).toBe("frame 0\nframe 1\nframe 2\ngot done\n");
  });
});
