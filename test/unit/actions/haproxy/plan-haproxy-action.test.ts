import { describe, expect, it } from "vitest";
import type { HaproxyServerView } from "../../../../core/actions/haproxy/haproxy-server-view.ts";
import { adminOf } from "../../../../core/actions/haproxy/haproxy-server-view.ts";
import { planHaproxyAction } from "../../../../core/actions/haproxy/plan-haproxy-action.ts";
import { configLoadsServerState } from "../../../../core/actions/haproxy/server-state-file.ts";
import { haproxyName, haproxyWeight } from "../../../../core/commands/validated.ts";

function server(name: string, overrides: Partial<HaproxyServerView> = {}): HaproxyServerView {
  return {
    backend: "be_app",
    server: name,
    admin: "ready",
    weight: 10,
    sessions: 3,
    agentControlled: false,
    ...overrides,
  };
}

const drain = (name: string) =>
  ({
    kind: "haproxy-state",
    backend: haproxyName("be_app"),
    server: haproxyName(name),
    state: "drain",
  }) as const;

const at = { hostId: "lb1", socket: "/run/haproxy/admin.sock" };

describe("planHaproxyAction", () => {
  it("plans the exact runtime command and the expected state", () => {
    const result = planHaproxyAction([server("web1"), server("web2")], drain("web1"), {
      ...at,
      serverStateFile: true,
    });
    expect(result).toMatchObject({
      ok: true,
      plan: {
        command: "set server be_app/web1 state drain",
        expected: { admin: "drain", weight: 10 },
        warnings: [],
        confirmedGuards: [],
      },
    });
    const weight = planHaproxyAction(
      [server("web1"), server("web2")],
      {
        kind: "haproxy-weight",
        backend: haproxyName("be_app"),
        server: haproxyName("web2"),
        weight: haproxyWeight(50),
      },
      at,
    );
    expect(weight).toMatchObject({
      ok: true,
      plan: { command: "set server be_app/web2 weight 50", expected: { admin: "ready", weight: 50 } },
    });
  });

  it("warns that a runtime change is lost on reload without a loaded server-state-file, and about agents and maint", () => {
    const result = planHaproxyAction(
      [server("web1", { agentControlled: true }), server("web2")],
      {
        ...drain("web1"),
        state: "maint",
      },
      at,
    );
    expect(result.ok && result.plan.warnings.map((warning) => warning.message).join(" ")).toMatch(
      /reload.*server-state-file/,
    );
    expect(result.ok && result.plan.warnings.map((warning) => warning.message).join(" ")).toMatch(/agent/);
    expect(result.ok && result.plan.warnings.map((warning) => warning.message).join(" ")).toMatch(
      /stops health checks/,
    );
  });

  it("refuses to take the last server taking traffic out of a backend unless the backend is typed", () => {
    const servers = [server("web1"), server("web2", { admin: "maint" }), server("web3", { weight: 0 })];
    const refused = planHaproxyAction(servers, drain("web1"), at);
    const guards = [
      {
        code: "last-weighted-backend",
        message:
          "web1 is the last server of be_app taking new traffic: new sessions would have nowhere to go",
      },
    ];
    expect(refused).toEqual({
      ok: false,
      refusal: {
        code: "confirmation-required",
        message: expect.stringContaining("Type haproxy:be_app to confirm"),
        confirmText: "haproxy:be_app",
        guards,
        plan: expect.objectContaining({ command: "set server be_app/web1 state drain" }),
      },
    });
    const confirmed = planHaproxyAction(servers, drain("web1"), { ...at, confirmation: "haproxy:be_app" });
    expect(confirmed).toMatchObject({
      ok: true,
      plan: { confirmText: "haproxy:be_app", confirmedGuards: guards },
    });
    // A production host asks on every change, in the same words as an IPVS plan.
    expect(
      planHaproxyAction([server("web1"), server("web2")], drain("web1"), { ...at, production: true }),
    ).toMatchObject({
      ok: false,
      refusal: {
        code: "confirmation-required",
        guards: [
          { code: "production", message: "lb1 is a production host: every change needs typed confirmation" },
        ],
      },
    });
    const zeroWeight = planHaproxyAction(
      servers,
      {
        kind: "haproxy-weight",
        backend: haproxyName("be_app"),
        server: haproxyName("web1"),
        weight: haproxyWeight(0),
      },
      at,
    );
    expect(zeroWeight.ok).toBe(false);
  });

  it("refuses, coded, a server or backend HAProxy does not have, and a change that changes nothing", () => {
    expect(planHaproxyAction([server("web1")], drain("web9"), at)).toEqual({
      ok: false,
      refusal: { code: "backend-not-found", message: "no server be_app/web9 on this HAProxy" },
    });
    expect(planHaproxyAction([{ ...server("web1"), backend: "be_other" }], drain("web1"), at)).toEqual({
      ok: false,
      refusal: { code: "service-not-found", message: "no backend be_app on this HAProxy" },
    });
    expect(
      planHaproxyAction([server("web1", { admin: "drain" }), server("web2")], drain("web1"), at),
    ).toEqual({
      ok: false,
      refusal: { code: "no-change", message: "be_app/web1 is drain, weight 10 already" },
    });
  });
});

describe("admin state and config facts", () => {
  it("reads maint before drain, as HAProxy does", () => {
    expect(adminOf(["FDRAIN", "FMAINT"])).toBe("maint");
    expect(adminOf(["IDRAIN"])).toBe("drain");
    expect(adminOf([])).toBe("ready");
  });

  it("needs both server-state-file and load-server-state-from-file, outside comments", () => {
    expect(
      configLoadsServerState(
        "global\n  server-state-file /var/lib/haproxy/state\ndefaults\n  load-server-state-from-file global\n",
      ),
    ).toBe(true);
    expect(configLoadsServerState("global\n  server-state-file /var/lib/haproxy/state\n")).toBe(false);
    expect(
      configLoadsServerState("global\n  # server-state-file /x\n  load-server-state-from-file global\n"),
    ).toBe(false);
  });
});
