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

describe("planHaproxyAction", () => {
  it("plans the exact runtime command and the expected state", () => {
    const result = planHaproxyAction([server("web1"), server("web2")], drain("web1"), {
      serverStateFile: true,
    });
    expect(result).toMatchObject({
      ok: true,
      plan: {
        command: "set server be_app/web1 state drain",
        expected: { admin: "drain", weight: 10 },
        warnings: [],
        guards: [],
      },
    });
    const weight = planHaproxyAction([server("web1"), server("web2")], {
      kind: "haproxy-weight",
      backend: haproxyName("be_app"),
      server: haproxyName("web2"),
      weight: haproxyWeight(50),
    });
    expect(weight).toMatchObject({
      ok: true,
      plan: { command: "set server be_app/web2 weight 50", expected: { admin: "ready", weight: 50 } },
    });
  });

  it("warns that a runtime change is lost on reload without a loaded server-state-file, and about agents and maint", () => {
    const result = planHaproxyAction([server("web1", { agentControlled: true }), server("web2")], {
      ...drain("web1"),
      state: "maint",
    });
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
    const refused = planHaproxyAction(servers, drain("web1"));
    expect(refused).toEqual({
      ok: false,
      reason: expect.stringContaining("Type haproxy:be_app to confirm"),
      confirmText: "haproxy:be_app",
      guards: [{ code: "last-server", message: "web1 is the last server of be_app taking new traffic." }],
    });
    const confirmed = planHaproxyAction(servers, drain("web1"), { confirmation: "haproxy:be_app" });
    expect(confirmed).toMatchObject({ ok: true, plan: { confirmText: "haproxy:be_app" } });
    const zeroWeight = planHaproxyAction(servers, {
      kind: "haproxy-weight",
      backend: haproxyName("be_app"),
      server: haproxyName("web1"),
      weight: haproxyWeight(0),
    });
    expect(zeroWeight.ok).toBe(false);
  });

  it("refuses a server HAProxy does not have", () => {
    expect(planHaproxyAction([server("web1")], drain("web9"))).toEqual({
      ok: false,
      reason: "no server be_app/web9 on this HAProxy",
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
