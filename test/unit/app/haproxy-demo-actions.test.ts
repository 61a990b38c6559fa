// HAProxy server actions through the app core's API handlers on the demo cluster: plan (previewed
// under an id), apply exactly that plan against the simulated admin socket, the change entry
// published and listed, the next frame's `show stat` showing it, and undo from the entry.
import { afterEach, describe, expect, it } from "vitest";
import type { AuditRecordView, HostSnapshot } from "../../../core/api.ts";
import { createAppCore, type AppCore } from "../../../core/app/app-core.ts";
import { createApiDispatcher } from "../../../core/carrier/api-dispatcher.ts";
import { createEventHub } from "../../../core/carrier/event-hub.ts";

let core: AppCore | undefined;
afterEach(() => core?.stop());

const HOST = "demo-haproxy-1";

function start() {
  const events = createEventHub({ validatePayloads: true });
  const audits: AuditRecordView[] = [];
  const snapshots: HostSnapshot[] = [];
  events.subscribe((event, payload) => {
    if (event === "auditAppended") audits.push(payload as AuditRecordView);
    if (event === "sampleReceived") snapshots.push(payload as HostSnapshot);
  });
  core = createAppCore({ info: { version: "test", carrier: "browser" }, events, hosts: [] });
  return { core, audits, snapshots };
}

const state = (server: string, value: "ready" | "drain" | "maint") =>
  ({ kind: "haproxy-state", backend: "be_app", server, state: value }) as const;

describe("HAProxy actions on the demo cluster through the API", () => {
  it("previews a drain with the socket and runtime command, applies it, audits it, and undoes it", async () => {
    const { core, audits } = start();
    const planned = await core.handlers.planHaproxyAction({ hostId: HOST, intent: state("app1", "drain") });
    if (!planned.ok) throw new Error(planned.refusal.message);
    expect(planned.plan).toMatchObject({
      family: "haproxy",
      hostId: HOST,
      socket: "/run/haproxy/admin.sock",
      transport: "socat -t 5 stdio UNIX-CONNECT:/run/haproxy/admin.sock",
      commands: ["set server be_app/app1 state drain"],
      before: { admin: "ready", weight: 100, agentControlled: false },
      expectedAfter: { admin: "drain", weight: 100 },
      confirmedGuards: [],
    });
    expect(planned.plan.warnings.map((warning) => warning.code)).toEqual(["runtime-only"]);

    const applied = await core.handlers.applyAction({ hostId: HOST, planId: planned.plan.planId });
    expect(applied).toMatchObject({
      outcome: "verified",
      commands: [{ shell: "set server be_app/app1 state drain", status: "applied" }],
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      type: "haproxy",
      id: applied.auditId,
      hostId: HOST,
      target: "haproxy:be_app/app1",
      before: { admin: "ready", weight: 100 },
      after: { admin: "drain", weight: 100 },
      undo: { kind: "haproxy-state", backend: "be_app", server: "app1", state: "ready" },
    });
    expect((await core.handlers.listAudit({ hostId: HOST })).map((entry) => entry.id)).toEqual([
      applied.auditId,
    ]);
    // A plan is applied once.
    expect((await core.handlers.applyAction({ hostId: HOST, planId: planned.plan.planId })).outcome).toBe(
      "refused",
    );

    const undone = await core.handlers.undoAction({ hostId: HOST, auditId: applied.auditId ?? "" });
    expect(undone).toMatchObject({
      outcome: "verified",
      commands: [{ shell: "set server be_app/app1 state ready", status: "applied" }],
    });
    expect(audits.at(-1)).toMatchObject({
      type: "haproxy",
      undoOf: applied.auditId,
      after: { admin: "ready" },
    });
  });

  it("shows the change in the host's next sample, in the real `show stat` status and weight columns", async () => {
    const { core, snapshots } = start();
    await core.start();
    const app = (snapshot: HostSnapshot | undefined, name: string) =>
      snapshot?.haproxy?.find((row) => row.type === "server" && row.name === name);
    const weight = await core.handlers.planHaproxyAction({
      hostId: HOST,
      intent: { kind: "haproxy-weight", backend: "be_app", server: "app2", weight: 40 },
    });
    const maint = await core.handlers.planHaproxyAction({ hostId: HOST, intent: state("app4", "maint") });
    if (!weight.ok || !maint.ok) throw new Error("planning failed");
    expect(maint.plan.warnings.map((warning) => warning.code)).toEqual([
      "runtime-only",
      "maint-stops-checks",
    ]);
    expect((await core.handlers.applyAction({ hostId: HOST, planId: weight.plan.planId })).outcome).toBe(
      "verified",
    );
    expect((await core.handlers.applyAction({ hostId: HOST, planId: maint.plan.planId })).outcome).toBe(
      "verified",
    );
    const seen = snapshots.length;
    await expect
      .poll(() => snapshots.slice(seen).find((snapshot) => snapshot.hostId === HOST), { timeout: 10_000 })
      .toBeDefined();
    const after = snapshots.slice(seen).find((snapshot) => snapshot.hostId === HOST);
    expect(app(after, "app2")).toMatchObject({ status: "UP", weight: 40 });
    expect(app(after, "app4")).toMatchObject({ status: "MAINT" });
  });

  it("asks for the typed backend before taking out the last server taking traffic", async () => {
    const { core } = start();
    for (const server of ["app1", "app2"]) {
      const planned = await core.handlers.planHaproxyAction({ hostId: HOST, intent: state(server, "maint") });
      if (!planned.ok) throw new Error(planned.refusal.message);
      expect((await core.handlers.applyAction({ hostId: HOST, planId: planned.plan.planId })).outcome).toBe(
        "verified",
      );
    }
    // app3 is draining in the demo; app4 is the last one taking new sessions.
    const refused = await core.handlers.planHaproxyAction({ hostId: HOST, intent: state("app4", "drain") });
    expect(refused).toEqual({
      ok: false,
      refusal: {
        code: "confirmation-required",
        message: expect.stringContaining("Type haproxy:be_app to confirm"),
        confirmText: "haproxy:be_app",
        guards: [
          {
            code: "last-weighted-backend",
            message:
              "app4 is the last server of be_app taking new traffic: new sessions would have nowhere to go",
          },
        ],
      },
    });
    const confirmed = await core.handlers.planHaproxyAction({
      hostId: HOST,
      intent: state("app4", "drain"),
      confirmation: "haproxy:be_app",
    });
    expect(confirmed.ok && confirmed.plan.confirmedGuards.map((guard) => guard.code)).toEqual([
      "last-weighted-backend",
    ]);
  });

  it("refuses unknown servers, hosts without HAProxy, and invalid names at the contract", async () => {
    const { core } = start();
    expect(await core.handlers.planHaproxyAction({ hostId: HOST, intent: state("app9", "drain") })).toEqual({
      ok: false,
      refusal: { code: "backend-not-found", message: "no server be_app/app9 on this HAProxy" },
    });
    expect(
      await core.handlers.planHaproxyAction({ hostId: "demo-nat-1", intent: state("app1", "drain") }),
    ).toMatchObject({ ok: false, refusal: { code: "family-unavailable" } });
    expect(await core.handlers.applyAction({ hostId: HOST, planId: "nope" })).toMatchObject({
      outcome: "refused",
      refusal: "plan-expired",
    });

    // Through the dispatcher both ways: a name HAProxy could not have never reaches a handler, and
    // a real plan's reply satisfies the contract.
    const dispatch = createApiDispatcher(core.handlers, { validateReplies: true });
    const hostile = await dispatch("planHaproxyAction", {
      hostId: HOST,
      intent: { kind: "haproxy-state", backend: "be_app;shutdown sessions", server: "app1", state: "drain" },
    });
    expect(hostile).toMatchObject({ ok: false, error: { code: "invalid-request" } });
    expect(
      await dispatch("planHaproxyAction", {
        hostId: HOST,
        intent: { kind: "haproxy-weight", backend: "be_app", server: "app1", weight: 257 },
      }),
    ).toMatchObject({ ok: false, error: { code: "invalid-request" } });
    const planned = await dispatch("planHaproxyAction", { hostId: HOST, intent: state("app2", "drain") });
    expect(planned).toMatchObject({ ok: true, value: { ok: true, plan: { family: "haproxy" } } });
    const planId = (planned as { value: { plan: { planId: string } } }).value.plan.planId;
    expect(await dispatch("applyAction", { hostId: HOST, planId })).toMatchObject({
      ok: true,
      value: { outcome: "verified" },
    });
    const listed = await dispatch("listAudit", { hostId: HOST });
    expect(listed).toMatchObject({ ok: true, value: [{ type: "haproxy", summary: "drain be_app/app2" }] });
  });
});
