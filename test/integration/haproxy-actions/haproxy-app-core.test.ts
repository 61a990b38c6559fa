// HAProxy server actions as the console takes them: the app core's API handlers over an SSH host
// (createSshHost) on a real HAProxy behind a real sshd: plan -> apply -> the admin socket, read
// directly on this machine, shows DRAIN -> undo from the audit entry -> READY again.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HostActionLocks } from "../../../core/actions/host-action-lock.ts";
import type { AuditRecordView } from "../../../core/api.ts";
import { createAppCore, type AppCore } from "../../../core/app/app-core.ts";
import { createSshHost } from "../../../core/app/ssh-hosts.ts";
import { AuditLog } from "../../../core/audit/audit-log.ts";
import { createApiDispatcher } from "../../../core/carrier/api-dispatcher.ts";
import { createEventHub } from "../../../core/carrier/event-hub.ts";
import { parseHaproxyStat } from "../../../core/parse/haproxy/stat-csv.ts";
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
let auditDir: string;
let core: AppCore;
const audits: AuditRecordView[] = [];

/** The socket read directly on this machine, not through Fulcrum. */
function direct(command: string): string {
  return askHaproxySocket(host.haproxySocket, command);
}

function directStatus(server: string): string | undefined {
  return parseHaproxyStat(direct("show stat")).find((row) => row.type === "server" && row.name === server)
    ?.status;
}

function directAdminState(server: string): number | undefined {
  return parseServersState(direct("show servers state be_sampler")).servers.find(
    (row) => row.server === server,
  )?.adminState;
}

describe.skipIf(skip)("HAProxy actions through the app core on a real HAProxy over SSH", () => {
  beforeAll(async () => {
    host = await startFakeHost({ ipvsadm: "fixtures" });
    home = await createTestHome();
    sshd = await startSshd();
    await sshd.authorize("root", home.clientKey.publicKey);
    await home.writeSshConfig(hostBlock("lb1", sshd));
    await home.writeKnownHosts(`${sshd.knownHostsLine()}\n`);
    session = await openTestSession(home, "lb1");
    await session.connect();
    auditDir = await mkdtemp(path.join(tmpdir(), "fulcrum-haproxy-app-"));
    const events = createEventHub({ validatePayloads: true });
    events.subscribe((event, payload) => {
      if (event === "auditAppended") audits.push(payload as AuditRecordView);
    });
    const audit = new AuditLog(path.join(auditDir, "audit.jsonl"));
    // The actions find the admin socket in the host's haproxy.cfg, as on a production box.
    const monitored = createSshHost(
      { session, production: false, sampler: { intervalSeconds: 1, haproxyConfig: host.haproxyConfig } },
      events,
      { audit, locks: new HostActionLocks() },
    );
    core = createAppCore({
      info: { version: "test", carrier: "browser" },
      events,
      hosts: [monitored],
      audit,
    });
  });

  afterAll(async () => {
    core?.stop();
    session?.close();
    await sshd?.dispose();
    await home?.dispose();
    await host?.dispose();
    if (auditDir) await rm(auditDir, { recursive: true, force: true });
  });

  it("plans, applies (DRAIN on the socket), lists the entry, and undoes it (READY again)", async () => {
    direct("set server be_sampler/web1 state ready");
    expect(directStatus("web1")).not.toBe("DRAIN");
    // The renderer's path: every request and reply through the dispatcher, validated both ways.
    const dispatch = createApiDispatcher(core.handlers, { validateReplies: true });
    const planned = await dispatch("planHaproxyAction", {
      hostId: "lb1",
      intent: { kind: "haproxy-state", backend: "be_sampler", server: "web1", state: "drain" },
    });
    if (!planned.ok) throw new Error(planned.error.message);
    const reply = planned.value as Awaited<ReturnType<AppCore["handlers"]["planHaproxyAction"]>>;
    if (!reply.ok) throw new Error(reply.refusal.message);
    expect(reply.plan).toMatchObject({
      socket: host.haproxySocket,
      commands: ["set server be_sampler/web1 state drain"],
      before: { admin: "ready", weight: 10 },
      expectedAfter: { admin: "drain", weight: 10 },
    });
    expect(reply.plan.transport).toBe(`socat -t 5 stdio UNIX-CONNECT:${host.haproxySocket}`);
    // The fake host's config loads no server-state-file: the preview says a reload loses the change.
    expect(reply.plan.warnings.map((warning) => warning.code)).toContain("runtime-only");
    // Nothing changed by planning.
    expect(directAdminState("web1")).toBe(0);

    const applied = await dispatch("applyAction", { hostId: "lb1", planId: reply.plan.planId });
    expect(applied).toMatchObject({ ok: true, value: { outcome: "verified" } });
    const auditId = (applied as { value: { auditId: string } }).value.auditId;
    expect(directStatus("web1")).toBe("DRAIN");
    expect((directAdminState("web1") ?? 0) & 0x08).toBe(0x08);
    expect(audits).toEqual([
      expect.objectContaining({ type: "haproxy", id: auditId, hostId: "lb1", result: "verified" }),
    ]);
    const listed = await dispatch("listAudit", { hostId: "lb1" });
    expect(listed).toMatchObject({ ok: true, value: [{ id: auditId, type: "haproxy" }] });

    const undone = await dispatch("undoAction", { hostId: "lb1", auditId });
    expect(undone).toMatchObject({
      ok: true,
      value: { outcome: "verified", commands: [{ shell: "set server be_sampler/web1 state ready" }] },
    });
    expect(directAdminState("web1")).toBe(0);
    expect(directStatus("web1")).not.toBe("DRAIN");
    expect(audits.at(-1)).toMatchObject({ type: "haproxy", undoOf: auditId, result: "verified" });
  });

  it("aborts an apply when HAProxy moved on since the preview, sending nothing", async () => {
    direct("set server be_sampler/web2 weight 20");
    const planned = await core.handlers.planHaproxyAction({
      hostId: "lb1",
      intent: { kind: "haproxy-weight", backend: "be_sampler", server: "web2", weight: 50 },
    });
    if (!planned.ok) throw new Error(planned.refusal.message);
    direct("set server be_sampler/web2 weight 7");
    const applied = await core.handlers.applyAction({ hostId: "lb1", planId: planned.plan.planId });
    expect(applied.outcome).toBe("aborted");
    expect(applied.message).toContain("changed since the plan");
    expect(parseServersState(direct("show servers state be_sampler")).servers[1]?.userWeight).toBe(7);
    direct("set server be_sampler/web2 weight 20");
  });
});
