// HAProxy runtime actions against a real HAProxy, through a real sshd and Fulcrum's own SSH session:
// planned, compare-and-set, sent on the admin socket, verified; checked on the socket directly. The
// apply loop's contract (test/support/apply-contract.ts: compare-and-set, one action per host, a
// connection really lost before or after the command) runs here too, as for every family.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ApplyLoopOptions } from "../../../core/actions/apply-loop.ts";
import { applyHaproxyPlan } from "../../../core/actions/haproxy/apply-haproxy-plan.ts";
import type { HaproxyIntent } from "../../../core/actions/haproxy/haproxy-intent.ts";
import { readHaproxyServers } from "../../../core/actions/haproxy/haproxy-server-view.ts";
import { planHaproxyAction, type HaproxyPlan } from "../../../core/actions/haproxy/plan-haproxy-action.ts";
import { readServerStateFileConfigured } from "../../../core/actions/haproxy/server-state-file.ts";
import { HostActionLocks } from "../../../core/actions/host-action-lock.ts";
import { sessionExecutor, type HostExecutor } from "../../../core/actions/host-executor.ts";
import { haproxyName, haproxyWeight } from "../../../core/commands/validated.ts";
import { parseServersState } from "../../../core/parse/haproxy/servers-state.ts";
import { openConnection } from "../../../core/ssh/connect-chain.ts";
import type { HostSession } from "../../../core/ssh/session.ts";
import { applyContract } from "../../support/apply-contract.ts";
import { DroppableExecutor } from "../../support/droppable-executor.ts";
import { executable, isRoot, missingPrerequisites } from "../../support/prerequisites.ts";
import { hostBlock, openTestSession } from "../harness/ssh-fixture.ts";
import { startSshd, type SshdServer } from "../harness/sshd-server.ts";
import { createTestHome, type TestHome } from "../harness/test-home.ts";
import { startFakeHost, type FakeHost } from "../sampler/fake-host.ts";
import { askHaproxySocket } from "../harness/haproxy-socket.ts";

const skip = missingPrerequisites(
  isRoot,
  executable("/usr/sbin/sshd", "openssh-server"),
  executable("/usr/sbin/haproxy", "haproxy"),
  executable("/usr/bin/socat", "socat"),
);

let host: FakeHost;
let home: TestHome;
let sshd: SshdServer;
let session: HostSession;
let executor: HostExecutor;
/** The SSH client under the session: destroying it is a real lost connection. */
let client: { destroy(): void } | undefined;

/** The socket read directly on this machine, not through Fulcrum. */
function direct(command: string): string {
  return askHaproxySocket(host.haproxySocket, command);
}

function directServer(name: string): { adminState: number; userWeight: number } {
  const found = parseServersState(direct("show servers state be_sampler")).servers.find(
    (server) => server.server === name,
  );
  if (!found) throw new Error(`no ${name}`);
  return { adminState: found.adminState, userWeight: found.userWeight };
}

async function plan(intent: HaproxyIntent, confirmation?: string): Promise<HaproxyPlan> {
  const result = planHaproxyAction(await readHaproxyServers(executor, host.haproxySocket), intent, {
    hostId: "lb1",
    socket: host.haproxySocket,
    ...(confirmation === undefined ? {} : { confirmation }),
  });
  if (!result.ok) throw new Error(result.refusal.message);
  return result.plan;
}

const state = (server: string, value: "ready" | "drain" | "maint"): HaproxyIntent => ({
  kind: "haproxy-state",
  backend: haproxyName("be_sampler"),
  server: haproxyName(server),
  state: value,
});

describe.skipIf(skip)("HAProxy runtime actions over SSH (real HAProxy)", () => {
  const locks = new HostActionLocks();
  const apply = (planned: HaproxyPlan) => applyHaproxyPlan(planned, { executor, locks });

  beforeAll(async () => {
    host = await startFakeHost({ ipvsadm: "fixtures" });
    home = await createTestHome();
    sshd = await startSshd();
    await sshd.authorize("root", home.clientKey.publicKey);
    await home.writeSshConfig(hostBlock("lb1", sshd));
    await home.writeKnownHosts(`${sshd.knownHostsLine()}\n`);
    session = await openTestSession(home, "lb1", {
      connect: async (...args) => {
        const open = await openConnection(...args);
        client = open.client;
        return open;
      },
    });
    await session.connect();
    executor = sessionExecutor(session);
  });

  afterAll(async () => {
    session?.close();
    await sshd?.dispose();
    await home?.dispose();
    await host?.dispose();
  });

  beforeEach(() => {
    for (const command of [
      "set server be_sampler/web1 state ready",
      "set server be_sampler/web2 state ready",
      "set server be_sampler/web1 weight 10",
      "set server be_sampler/web2 weight 20",
    ])
      direct(command);
  });

  it("drains a server and verifies it; HAProxy's own socket shows FDRAIN; ready undoes it", async () => {
    const drained = await apply(await plan(state("web1", "drain")));
    expect(drained).toMatchObject({ outcome: "verified", observedAfter: { admin: "drain", weight: 10 } });
    expect(directServer("web1").adminState & 0x08).toBe(0x08);
    const ready = await apply(await plan(state("web1", "ready")));
    expect(ready.outcome).toBe("verified");
    expect(directServer("web1").adminState).toBe(0);
  });

  it("sets a weight and verifies it", async () => {
    const report = await apply(
      await plan({
        kind: "haproxy-weight",
        backend: haproxyName("be_sampler"),
        server: haproxyName("web2"),
        weight: haproxyWeight(50),
      }),
    );
    expect(report.outcome).toBe("verified");
    expect(directServer("web2").userWeight).toBe(50);
  });

  it("refuses to take the last serving server out without the typed backend", async () => {
    expect((await apply(await plan(state("web2", "maint")))).outcome).toBe("verified");
    const refused = planHaproxyAction(
      await readHaproxyServers(executor, host.haproxySocket),
      state("web1", "drain"),
      { hostId: "lb1", socket: host.haproxySocket },
    );
    expect(refused).toMatchObject({
      ok: false,
      refusal: { code: "confirmation-required", confirmText: "haproxy:be_sampler" },
    });
    expect(directServer("web1").adminState).toBe(0);
    expect((await apply(await plan(state("web1", "drain"), "haproxy:be_sampler"))).outcome).toBe("verified");
  });

  it("says the change will not survive a reload when the config loads no server-state-file", async () => {
    expect(await readServerStateFileConfigured(executor, host.haproxyConfig)).toBe(false);
    expect(await readServerStateFileConfigured(executor, "/nonexistent/haproxy.cfg")).toBeUndefined();
  });

  describe("the apply loop's contract, on this HAProxy", () => {
    applyContract(async () => {
      // A fresh executor per test over the one session: a drop really closes the SSH connection,
      // and the session reconnects by itself, as in production.
      await session.connect();
      const droppable = new DroppableExecutor(sessionExecutor(session), () => client?.destroy());
      const isSet = (_argv: readonly string[], stdin?: string) => stdin?.startsWith("set server ") === true;
      return {
        executor: droppable,
        reconnect: async () => {
          await session.connect();
          return droppable;
        },
        plan: () => plan(state("web1", "drain")),
        otherPlan: () => plan(state("web2", "drain")),
        apply: (planned: HaproxyPlan, options: ApplyLoopOptions) => applyHaproxyPlan(planned, options),
        changeBehind: async () => void direct("set server be_sampler/web1 weight 5"),
        shows: async () => {
          const web1 = directServer("web1");
          if (web1.userWeight !== 10) return "other";
          if (web1.adminState === 0) return "before";
          return web1.adminState & 0x08 ? "changed" : "other";
        },
        firstStep: isSet,
        lastStep: isSet,
        timing: { verifyTimeoutMs: 3_000, pollIntervalMs: 100 },
      };
    });
  });
});
