// One HostActions per host for every family: one plan store with one lifetime, refusals coded from
// the one vocabulary, undo routed by the family of the entry it names.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HostActionLocks } from "../../../core/actions/host-action-lock.ts";
import type { AuditRecordView } from "../../../core/api.ts";
import { HostActions } from "../../../core/app/host-actions.ts";
import { AuditLog } from "../../../core/audit/audit-log.ts";
import { haproxyName } from "../../../core/commands/validated.ts";
import { FakeIpvsHost } from "../actions/fake-ipvs-host.ts";
import { fakeHaproxyHost } from "../actions/haproxy/fake-haproxy-executor.ts";

const NAT = "203.0.113.10:80";
const drain = { kind: "drain", service: NAT, backend: "192.0.2.11:80" } as const;
const SOCKET = "/run/haproxy/admin.sock";

let dir: string;
let audit: AuditLog;
let time: number;
let published: AuditRecordView[];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "fulcrum-host-actions-"));
  audit = new AuditLog(path.join(dir, "audit.jsonl"));
  time = 1_000_000;
  published = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function hostActions(ipvs: FakeIpvsHost | undefined, withHaproxy = false): HostActions {
  const haproxy = fakeHaproxyHost({
    socket: SOCKET,
    configs: {},
    servers: [
      { backend: "be_app", server: "web1", adminState: 0, weight: 10 },
      { backend: "be_app", server: "web2", adminState: 0, weight: 20 },
    ],
  });
  return new HostActions({
    hostId: "lb1",
    production: false,
    audit,
    locks: new HostActionLocks(),
    onAudit: (entry) => published.push(entry),
    onAlert: () => {},
    ...(ipvs ? { ipvs: { executor: ipvs, latest: () => null } } : {}),
    ...(withHaproxy ? { haproxy: { executor: haproxy.executor, socket: SOCKET, configPath: "/none" } } : {}),
    now: () => time,
    timing: {
      now: () => time,
      sleep: async (ms) => {
        time += ms;
      },
    },
  });
}

describe("HostActions", () => {
  it("keeps every family's plans in one store with one lifetime", async () => {
    const actions = hostActions(new FakeIpvsHost(), true);
    const ipvs = await actions.planIpvs(drain);
    const haproxy = await actions.planHaproxy({
      kind: "haproxy-state",
      backend: haproxyName("be_app"),
      server: haproxyName("web1"),
      state: "drain",
    });
    if (!ipvs.ok || !haproxy.ok) throw new Error("both plan");
    time += 5 * 60_000 + 1;
    for (const planId of [ipvs.plan.planId, haproxy.plan.planId])
      expect(await actions.apply(planId)).toMatchObject({ outcome: "refused", refusal: "plan-expired" });
    expect(published).toEqual([]);
  });

  it("applies a plan once, publishes its entry, and undoes it through the family that wrote it", async () => {
    const actions = hostActions(new FakeIpvsHost(), true);
    const planned = await actions.planHaproxy({
      kind: "haproxy-state",
      backend: haproxyName("be_app"),
      server: haproxyName("web1"),
      state: "drain",
    });
    if (!planned.ok) throw new Error(planned.refusal.message);
    const applied = await actions.apply(planned.plan.planId);
    expect(applied).toMatchObject({ outcome: "verified", auditId: expect.any(String) });
    expect(await actions.apply(planned.plan.planId)).toMatchObject({ refusal: "plan-expired" });
    const undone = await actions.undo(applied.auditId ?? "");
    expect(undone.outcome, undone.message).toBe("verified");
    expect(published.map((entry) => ("type" in entry ? entry.summary : entry.intent.kind))).toEqual([
      "drain be_app/web1",
      "ready be_app/web1",
    ]);
  });

  it("refuses, coded: a table it cannot read, a family the host lacks, entries it cannot undo here", async () => {
    const unreadable = new FakeIpvsHost();
    unreadable.before = () => {
      throw new Error("ssh: connection lost");
    };
    expect(await hostActions(unreadable).planIpvs(drain)).toMatchObject({
      ok: false,
      refusal: { code: "state-unreadable", message: expect.stringContaining("connection lost") },
    });
    const ipvsOnly = hostActions(new FakeIpvsHost());
    expect(
      await ipvsOnly.planHaproxy({
        kind: "haproxy-state",
        backend: haproxyName("be_app"),
        server: haproxyName("web1"),
        state: "drain",
      }),
    ).toMatchObject({ ok: false, refusal: { code: "family-unavailable" } });
    expect(await hostActions(undefined, true).planIpvs(drain)).toMatchObject({
      ok: false,
      refusal: { code: "family-unavailable" },
    });
    expect(await ipvsOnly.undo("nope")).toMatchObject({ outcome: "refused", refusal: "entry-not-found" });
    await audit.appendChange({
      type: "config-edit",
      id: "edit-1",
      at: new Date(time).toISOString(),
      who: { osUser: "alice" },
      hostId: "lb1",
      summary: "nginx: weight=5",
      target: "/etc/nginx/nginx.conf",
      commands: [],
      result: "verified",
      verified: true,
      message: "ok",
    });
    expect(await ipvsOnly.undo("edit-1")).toMatchObject({
      outcome: "refused",
      refusal: "family-unavailable",
      message: expect.stringContaining("fulcrum undo edit-1"),
    });
  });
});
