// The renderer's HAProxy action pieces: the row's state reading and weight rule, the preview's
// shape, audit rows for change entries, and the shared action store planning through
// planHaproxyAction and applying by plan id (test double API, no drain panel for HAProxy).
import { english } from "../../../../renderer/i18n/i18n.ts";
import { describe, expect, it } from "vitest";
import type {
  ActionResult,
  AuditRecordView,
  HaproxyPlanReply,
  HaproxyPlanView,
} from "../../../../core/api.ts";
import { createActionStore } from "../../../../renderer/state/action-store.ts";
import { toAuditRows } from "../../../../renderer/view-model/audit-rows.ts";
import {
  adminStateOfStatus,
  isHaproxyIntent,
  parseHaproxyWeightInput,
  stateIntent,
} from "../../../../renderer/view-model/haproxy-intents.ts";
import { isHaproxyPlan, toHaproxyPreview } from "../../../../renderer/view-model/haproxy-plan-preview.ts";
import { intentSummary } from "../../../../renderer/view-model/intent-summary.ts";

function haproxyPlan(overrides: Partial<HaproxyPlanView> = {}): HaproxyPlanView {
  return {
    family: "haproxy",
    planId: "p1",
    hostId: "lb1",
    intent: { kind: "haproxy-state", backend: "be_app", server: "web1", state: "drain" },
    socket: "/run/haproxy/admin.sock",
    transport: "socat -t 5 stdio UNIX-CONNECT:/run/haproxy/admin.sock",
    commands: ["set server be_app/web1 state drain"],
    before: { admin: "ready", weight: 10, sessions: 1234, agentControlled: false },
    expectedAfter: { admin: "drain", weight: 10 },
    warnings: [{ code: "runtime-only", message: "Runtime change only" }],
    confirmedGuards: [],
    ...overrides,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("HAProxy row actions", () => {
  it("reads the admin state from the show stat status", () => {
    expect(adminStateOfStatus("MAINT")).toBe("maint");
    expect(adminStateOfStatus("MAINT (via be_x/web1)")).toBe("maint");
    expect(adminStateOfStatus("DRAIN")).toBe("drain");
    expect(adminStateOfStatus("UP")).toBe("ready");
    expect(adminStateOfStatus("DOWN 1/2")).toBe("ready");
    expect(adminStateOfStatus("no check")).toBe("ready");
  });

  it("takes HAProxy weights from 0 to 256 only", () => {
    expect(parseHaproxyWeightInput("0", english)).toEqual({ ok: true, weight: 0 });
    expect(parseHaproxyWeightInput(" 256 ", english)).toEqual({ ok: true, weight: 256 });
    expect(parseHaproxyWeightInput("257", english)).toMatchObject({
      ok: false,
      message: expect.stringContaining("256"),
    });
    expect(parseHaproxyWeightInput("5%", english)).toMatchObject({ ok: false });
    expect(parseHaproxyWeightInput("", english)).toMatchObject({ ok: false });
  });

  it("tells the families apart and names each intent in words", () => {
    const drain = stateIntent("be_app", "web1", "drain");
    expect(isHaproxyIntent(drain)).toBe(true);
    expect(isHaproxyIntent({ kind: "drain" })).toBe(false);
    expect(intentSummary(drain, english)).toBe("Drain: web1 in HAProxy backend be_app");
    expect(
      intentSummary({ kind: "haproxy-weight", backend: "be_app", server: "web1", weight: 5 }, english),
    ).toBe("Set weight of web1 in HAProxy backend be_app to 5");
    expect(intentSummary({ kind: "drain", service: "192.0.2.1:80", backend: "10.0.0.1:80" }, english)).toBe(
      "Drain 10.0.0.1:80 in 192.0.2.1:80",
    );
  });
});

describe("HAProxy preview", () => {
  it("shows the runtime command, the socket, state and weight before -> after, and warnings", () => {
    const plan = haproxyPlan();
    expect(isHaproxyPlan(plan)).toBe(true);
    expect(toHaproxyPreview(plan, english)).toEqual({
      planId: "p1",
      title: "Drain: web1 in HAProxy backend be_app",
      socket: "/run/haproxy/admin.sock",
      transport: "socat -t 5 stdio UNIX-CONNECT:/run/haproxy/admin.sock",
      commands: ["set server be_app/web1 state drain"],
      changes: [
        { field: "State", before: "ready", after: "drain", changed: true },
        { field: "Weight", before: "10", after: "10", changed: false },
      ],
      sessions: expect.stringMatching(/^1[,.\u202f\u00a0 ]?234$/),
      warnings: [{ code: "runtime-only", message: "Runtime change only" }],
      confirmedGuards: [],
    });
  });
});

describe("audit rows with change entries", () => {
  const change = (
    id: string,
    at: string,
    overrides: Partial<Extract<AuditRecordView, { type: string }>> = {},
  ) =>
    ({
      type: "haproxy",
      id,
      at,
      who: { osUser: "ops", sshUser: "root" },
      hostId: "lb1",
      summary: "drain be_app/web1",
      target: "haproxy:be_app/web1",
      commands: [{ shell: "set server be_app/web1 state drain", status: "applied" }],
      result: "verified",
      verified: true,
      message: "verified",
      undo: { kind: "haproxy-state", backend: "be_app", server: "web1", state: "ready" },
      ...overrides,
    }) as AuditRecordView;

  it("names the family, offers Undo once for HAProxy, never for config edits or failovers", () => {
    const rows = toAuditRows(
      [
        change("h1", "2026-01-01T00:00:00Z"),
        change("h2", "2026-01-01T00:01:00Z", { summary: "ready be_app/web1", undoOf: "h1" }),
        change("c1", "2026-01-01T00:02:00Z", { type: "config-edit", summary: "weight 5 in upstream app" }),
        change("n1", "2026-01-01T00:03:00Z", { undo: undefined, result: "verified" }),
      ],
      english,
    );
    expect(rows.map((row) => [row.id, row.action, row.undoable])).toEqual([
      ["n1", "HAProxy: drain be_app/web1", false],
      ["c1", "Config edit: weight 5 in upstream app", false],
      ["h2", "HAProxy: ready be_app/web1", true],
      ["h1", "HAProxy: drain be_app/web1", false],
    ]);
    expect(rows[3]?.commands).toEqual([{ shell: "set server be_app/web1 state drain", status: "applied" }]);
  });
});

describe("action store with an HAProxy intent", () => {
  it("plans through planHaproxyAction, previews, applies by plan id, and follows no drain", async () => {
    const calls: string[] = [];
    let resolveApply: (result: ActionResult) => void = () => {};
    const store = createActionStore({
      api: {
        planAction: async () => {
          calls.push("planAction");
          return { ok: false, refusal: { code: "family-unavailable", message: "x" } };
        },
        planHaproxyAction: async (request): Promise<HaproxyPlanReply> => {
          calls.push(`planHaproxyAction ${request.intent.kind} ${request.confirmation ?? "-"}`);
          return { ok: true, plan: haproxyPlan() };
        },
        applyAction: (request) => {
          calls.push(`applyAction ${request.planId}`);
          return new Promise((resolve) => (resolveApply = resolve));
        },
        undoAction: async () => ({ outcome: "refused", message: "", commands: [] }),
      },
      latestSnapshot: () => null,
    });
    store
      .getState()
      .planRequested({ hostId: "lb1", production: false, intent: stateIntent("be_app", "web1", "drain") });
    await settle();
    const flow = store.getState().flow;
    expect(flow.phase).toBe("preview");
    expect(flow.phase === "preview" && isHaproxyPlan(flow.plan)).toBe(true);
    store.getState().applyRequested();
    expect(store.getState().flow.phase).toBe("applying");
    resolveApply({
      outcome: "verified",
      message: "set server be_app/web1 state drain: verified",
      commands: [{ shell: "set server be_app/web1 state drain", status: "applied" }],
      auditId: "a1",
    });
    await settle();
    expect(store.getState().flow).toMatchObject({
      phase: "result",
      title: "Drain: web1 in HAProxy backend be_app",
      result: { outcome: "verified", auditId: "a1" },
    });
    expect(store.getState().drains).toEqual({});
    expect(calls).toEqual(["planHaproxyAction haproxy-state -", "applyAction p1"]);
  });

  it("asks for the typed backend when a guard fires, then plans again with it", async () => {
    const confirmations: (string | undefined)[] = [];
    const store = createActionStore({
      api: {
        planAction: async () => ({ ok: false, refusal: { code: "family-unavailable", message: "x" } }),
        planHaproxyAction: async (request): Promise<HaproxyPlanReply> => {
          confirmations.push(request.confirmation);
          return request.confirmation === "haproxy:be_app"
            ? {
                ok: true,
                plan: haproxyPlan({ confirmedGuards: [{ code: "last-weighted-backend", message: "last" }] }),
              }
            : {
                ok: false,
                refusal: {
                  code: "confirmation-required",
                  message:
                    "web1 is the last server of be_app taking new traffic. Type haproxy:be_app to confirm.",
                  confirmText: "haproxy:be_app",
                  guards: [
                    {
                      code: "last-weighted-backend",
                      message: "web1 is the last server of be_app taking new traffic.",
                    },
                  ],
                },
              };
        },
        applyAction: async () => ({ outcome: "refused", message: "", commands: [] }),
        undoAction: async () => ({ outcome: "refused", message: "", commands: [] }),
      },
      latestSnapshot: () => null,
    });
    store
      .getState()
      .planRequested({ hostId: "lb1", production: false, intent: stateIntent("be_app", "web1", "drain") });
    await settle();
    expect(store.getState().flow.phase).toBe("confirm");
    store.getState().confirmationTyped("haproxy:be_ap");
    expect(store.getState().flow.phase).toBe("confirm");
    store.getState().confirmationTyped("haproxy:be_app");
    await settle();
    expect(store.getState().flow).toMatchObject({ phase: "preview", confirmedWith: "haproxy:be_app" });
    expect(confirmations).toEqual([undefined, "haproxy:be_app"]);
  });
});
