// HAProxy runtime actions against a real HAProxy, through a real sshd and Fulcrum's own SSH session:
// planned, compare-and-set, sent on the admin socket, verified; checked on the socket directly.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applyHaproxyPlan } from "../../../core/actions/haproxy/apply-haproxy-plan.ts";
import type { HaproxyIntent } from "../../../core/actions/haproxy/haproxy-intent.ts";
import { readHaproxyServers } from "../../../core/actions/haproxy/haproxy-server-view.ts";
import { planHaproxyAction, type HaproxyPlan } from "../../../core/actions/haproxy/plan-haproxy-action.ts";
import { readServerStateFileConfigured } from "../../../core/actions/haproxy/server-state-file.ts";
import { HostActionLocks } from "../../../core/actions/host-action-lock.ts";
import { sessionExecutor, type HostExecutor } from "../../../core/actions/host-executor.ts";
import { haproxyName, haproxyWeight } from "../../../core/commands/validated.ts";
import { parseServersState } from "../../../core/parse/haproxy/servers-state.ts";
import type { HostSession } from "../../../core/ssh/session.ts";
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
  const result = planHaproxyAction(
    await readHaproxyServers(executor, host.haproxySocket),
    intent,
    confirmation === undefined ? {} : { confirmation },
  );
  if (!result.ok) throw new Error(result.reason);
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
  const apply = (planned: HaproxyPlan) =>
    applyHaproxyPlan(planned, { hostId: "lb1", socket: host.haproxySocket, executor, locks });

  beforeAll(async () => {
    host = await startFakeHost({ ipvsadm: "fixtures" });
    home = await createTestHome();
    sshd = await startSshd();
    await sshd.authorize("root", home.clientKey.publicKey);
    await home.writeSshConfig(hostBlock("lb1", sshd));
    await home.writeKnownHosts(`${sshd.knownHostsLine()}\n`);
    session = await openTestSession(home, "lb1");
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

  it("aborts without sending anything when the server changed since the plan", async () => {
    const planned = await plan(state("web1", "drain"));
    direct("set server be_sampler/web1 weight 5");
    const report = await apply(planned);
    expect(report.outcome).toBe("aborted");
    expect(report.message).toContain("changed since the plan");
    expect(directServer("web1")).toEqual({ adminState: 0, userWeight: 5 });
  });

  it("refuses to take the last serving server out without the typed backend", async () => {
    expect((await apply(await plan(state("web2", "maint")))).outcome).toBe("verified");
    await expect(plan(state("web1", "drain"))).rejects.toThrow(
      /last server of be_sampler.*haproxy:be_sampler/,
    );
    expect(directServer("web1").adminState).toBe(0);
    expect((await apply(await plan(state("web1", "drain"), "haproxy:be_sampler"))).outcome).toBe("verified");
  });

  it("runs one action per host: a second one while the first is pending is refused", async () => {
    const plans = [await plan(state("web1", "drain")), await plan(state("web2", "drain"))];
    // apply takes the host lock before its first await, so the second call finds it held.
    const reports = await Promise.all(plans.map(apply));
    expect(reports.map((report) => report.outcome).sort()).toEqual(["refused", "verified"]);
  });

  it("says the change will not survive a reload when the config loads no server-state-file", async () => {
    expect(await readServerStateFileConfigured(executor, host.haproxyConfig)).toBe(false);
    expect(await readServerStateFileConfigured(executor, "/nonexistent/haproxy.cfg")).toBeUndefined();
  });
});
