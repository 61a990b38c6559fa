import { describe, expect, it } from "vitest";
import { confirmationMatches, toRefusalView } from "../../../../renderer/view-model/action-refusal.ts";
import { toActionResultView } from "../../../../renderer/view-model/action-result-view.ts";

describe("action result", () => {
  it("offers Undo only on a verified change with an audit entry", () => {
    const commands = [
      { shell: "ipvsadm -e -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 0", status: "applied" as const },
    ];
    const verified = toActionResultView({ outcome: "verified", message: "done", commands, auditId: "a1" });
    expect(verified).toEqual({
      outcome: "verified",
      tone: "ok",
      message: "done",
      commands: [{ ...commands[0], tone: "ok" }],
      undoAuditId: "a1",
    });
    expect(
      toActionResultView({ outcome: "not-verified", message: "?", commands, auditId: "a2" }).undoAuditId,
    ).toBeUndefined();
    expect(toActionResultView({ outcome: "verified", message: "?", commands }).undoAuditId).toBeUndefined();
    expect(
      toActionResultView({ outcome: "failed", message: "x", commands: [{ shell: "s", status: "not-run" }] }),
    ).toMatchObject({
      tone: "bad",
      commands: [{ status: "not-run", tone: "muted" }],
    });
  });
});

describe("refusals and typed confirmation", () => {
  it("offers the confirmation box only for confirmation-required", () => {
    const guards = [{ code: "last-weighted-backend" as const, message: "last backend" }];
    expect(
      toRefusalView({ code: "confirmation-required", message: "m", confirmText: "10.0.0.1:80", guards }),
    ).toEqual({
      code: "confirmation-required",
      message: "m",
      confirmText: "10.0.0.1:80",
      guards,
    });
    expect(
      toRefusalView({ code: "backend-not-found", message: "no such backend", confirmText: "x" }),
    ).toEqual({
      code: "backend-not-found",
      message: "no such backend",
      confirmText: undefined,
      guards: [],
    });
  });

  it("matches the service key exactly, forgiving only surrounding spaces", () => {
    expect(confirmationMatches("10.20.0.11:443", "10.20.0.11:443")).toBe(true);
    expect(confirmationMatches(" 10.20.0.11:443 ", "10.20.0.11:443")).toBe(true);
    expect(confirmationMatches("10.20.0.11:44", "10.20.0.11:443")).toBe(false);
    expect(confirmationMatches("10.20.0.10:80", "10.20.0.11:443")).toBe(false);
    expect(confirmationMatches("", "")).toBe(false);
    expect(confirmationMatches("anything", undefined)).toBe(false);
  });
});
