/**
 * A target reached by alias through a ProxyJump host, two real sshd's on different loopback
 * addresses. Proof the path really runs through the jump host: its sshd logs the direct-tcpip
 * forward to the target, and losing the jump host loses the target.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HostSession } from "../../../core/ssh/session.ts";
import { hostBlock, openTestSession } from "../harness/ssh-fixture.ts";
import { startSshd, type SshdServer } from "../harness/sshd-server.ts";
import { createTestHome, type TestHome } from "../harness/test-home.ts";
import { waitForPhase } from "../harness/wait-for-phase.ts";

let home: TestHome;
let jump: SshdServer;
let target: SshdServer;
const sessions: HostSession[] = [];

beforeAll(async () => {
  home = await createTestHome();
  jump = await startSshd({ address: "127.0.0.2", logLevel: "DEBUG1" });
  target = await startSshd({ address: "127.0.0.3" });
  for (const sshd of [jump, target]) await sshd.authorize("root", home.clientKey.publicKey);
  await home.writeSshConfig(
    `${hostBlock("jump", jump)}${hostBlock("target", target, { extra: ["ProxyJump jump"] })}`,
  );
  await home.writeKnownHosts(`${jump.knownHostsLine()}\n${target.knownHostsLine()}\n`);
});

afterAll(async () => {
  for (const session of sessions) session.close();
  await target?.dispose();
  await jump?.dispose();
  await home?.dispose();
});

describe("ProxyJump", () => {
  it("connects by alias through the jump host", async () => {
    const session = await openTestSession(home, "target");
    sessions.push(session);
    expect(session.target.proxyJump?.hostName).toBe("127.0.0.2");
    await session.connect();
    expect(session.state.phase).toBe("ready");

    // SSH_CONNECTION on the target: "client-addr client-port server-addr server-port".
    const { stdout, code } = await session.exec(["sh", "-c", 'echo "$SSH_CONNECTION"']);
    expect(code).toBe(0);
    expect(stdout.trim().split(" ").slice(2)).toEqual(["127.0.0.3", String(target.port)]);

    // The jump host's sshd opened the forward to the target on our behalf.
    // sshd serverloop.c, at LogLevel DEBUG1: "server_request_direct_tcpip: originator A port P, target B port Q".
    expect(jump.log()).toMatch(
      new RegExp(
        `server_request_direct_tcpip: originator \\S+ port \\d+, target 127\\.0\\.0\\.3 port ${target.port}\\b`,
      ),
    );
    expect(jump.log()).toContain("Accepted publickey for root");
    expect(target.log()).toContain("Accepted publickey for root");
  });

  it("loses the target when the jump host goes away, though the target's sshd still runs", async () => {
    const session = sessions[0];
    if (!session) throw new Error("previous test did not leave a session");
    await jump.stop();
    const retrying = await waitForPhase(session, "retrying");
    expect(retrying.problem?.code).toBe("terminated");
    expect(target.pid()).toBeDefined();
    await jump.start();
    await waitForPhase(session, "ready");
    expect((await session.exec("echo back")).stdout).toBe("back\n");
  });
});
