/**
 * Losing the host: sshd killed by PID (with its connection processes) sends the session to
 * retrying(at); sshd restarted on the same port with the same key brings it back to ready, and
 * exec works again on the new connection.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionState } from "../../../core/api.ts";
import { SessionProblemError } from "../../../core/ssh/problem.ts";
import type { HostSession } from "../../../core/ssh/session.ts";
import { hostBlock, openTestSession } from "../harness/ssh-fixture.ts";
import { startSshd, type SshdServer } from "../harness/sshd-server.ts";
import { createTestHome, type TestHome } from "../harness/test-home.ts";
import { waitForPhase } from "../harness/wait-for-phase.ts";

let home: TestHome;
let sshd: SshdServer;
let session: HostSession | undefined;

beforeAll(async () => {
  home = await createTestHome();
  sshd = await startSshd({ address: "127.0.0.8" });
  await sshd.authorize("root", home.clientKey.publicKey);
  await home.writeSshConfig(hostBlock("director", sshd));
  await home.writeKnownHosts(`${sshd.knownHostsLine()}\n`);
});

afterAll(async () => {
  session?.close();
  await sshd?.dispose();
  await home?.dispose();
});

describe("reconnect", () => {
  it("goes retrying when sshd dies and returns to ready when it is back", async () => {
    const s = await openTestSession(home, "director", { backoff: { initialMs: 100, maxMs: 300 } });
    session = s;
    const states: SessionState[] = [];
    s.on("stateChanged", (state) => states.push(state));
    await s.connect();
    const firstPid = (await s.exec("echo $PPID")).stdout.trim();

    const killedAt = Date.now();
    await sshd.stop();
    const retrying = await waitForPhase(s, "retrying");
    expect(retrying.problem?.code).toBe("terminated");
    expect(retrying.retryAt).toBeGreaterThanOrEqual(killedAt);
    // While the host is away, exec is refused with a typed problem instead of hanging.
    const refused = await s.exec("true").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SessionProblemError);
    expect((refused as SessionProblemError).problem.code).toBe("terminated");

    // Let at least one attempt fail against the closed port before sshd returns.
    await new Promise<void>((resolve) => {
      const off = s.on("stateChanged", (state) => {
        if (state.phase === "retrying" && states.filter((x) => x.phase === "connecting").length >= 2) {
          off();
          resolve();
        }
      });
    });
    await sshd.start();
    await waitForPhase(s, "ready");
    const result = await s.exec(["sh", "-c", "echo again; echo $PPID"]);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe("again");
    expect(result.stdout.split("\n")[1]).not.toBe(firstPid);

    const phases = states.map((x) => x.phase);
    expect(phases.slice(0, 3)).toEqual(["connecting", "ready", "retrying"]);
    expect(phases.at(-1)).toBe("ready");
    expect(phases.filter((p) => p === "failed")).toEqual([]);
  });
});
