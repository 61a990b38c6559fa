// Actions through the API handlers on the demo cluster: plan (previewed under an id), apply exactly
// that plan, audit entry published, undo from the entry. The simulated director is the executor.
import { afterEach, describe, expect, it } from "vitest";
import type { AuditEntryView } from "../../../core/api.ts";
import { createAppCore, type AppCore } from "../../../core/app/app-core.ts";
import { createEventHub } from "../../../core/carrier/event-hub.ts";
import { expectEvery } from "../../support/expect-every.ts";

let core: AppCore | undefined;
afterEach(() => core?.stop());

function start(): { core: AppCore; audits: AuditEntryView[] } {
  const events = createEventHub({ validatePayloads: true });
  const audits: AuditEntryView[] = [];
  events.subscribe((event, payload) => {
    if (event === "auditAppended") audits.push(payload as AuditEntryView);
  });
  core = createAppCore({ info: { version: "test", carrier: "browser" }, events, hosts: [] });
  return { core, audits };
}

const drain = { kind: "drain", service: "10.20.0.10:80", backend: "10.20.1.11:8080" } as const;

describe("actions on the demo cluster through the API", () => {
  it("previews a drain, applies that plan, audits it, and undoes it from the audit entry", async () => {
    const { core, audits } = start();
    const planned = await core.handlers.planAction({ hostId: "demo-nat-1", intent: drain });
    if (!planned.ok) throw new Error(planned.refusal.message);
    expect(planned.plan.commands).toEqual(["ipvsadm -e -t 10.20.0.10:80 -r 10.20.1.11:8080 -m -w 0"]);
    expect(planned.plan.expectedAfter).toMatchObject({ exists: true, weight: 0, forward: "masq" });
    const shares = new Map(
      planned.plan.predictions.map((prediction) => [prediction.backend, prediction.share]),
    );
    expect(shares.size).toBe(8);
    expect(shares.get("10.20.1.11:8080")).toBe(0);
    expectEvery(
      [...shares].filter(([backend]) => backend !== "10.20.1.11:8080"),
      ([, share]) => share === 1 / 7,
    );

    const applied = await core.handlers.applyAction({ hostId: "demo-nat-1", planId: planned.plan.planId });
    expect(applied.outcome).toBe("verified");
    expect(audits.map((entry) => [entry.id, entry.intent.kind, entry.result])).toEqual([
      [applied.auditId, "drain", "verified"],
    ]);
    expect((await core.handlers.listAudit({ hostId: "demo-nat-1" })).map((entry) => entry.id)).toEqual([
      applied.auditId,
    ]);

    // A plan is applied once; the same id again is refused.
    expect(
      (await core.handlers.applyAction({ hostId: "demo-nat-1", planId: planned.plan.planId })).outcome,
    ).toBe("refused");

    const undone = await core.handlers.undoAction({ hostId: "demo-nat-1", auditId: applied.auditId ?? "" });
    expect(undone.outcome).toBe("verified");
    expect(undone.commands.map((command) => command.shell)).toEqual([
      "ipvsadm -e -t 10.20.0.10:80 -r 10.20.1.11:8080 -m -w 100",
    ]);
    expect(audits.at(-1)?.intent.kind).toBe("undrain");
  });

  it("refuses actions on a host without an IPVS table, and unknown hosts", async () => {
    const { core } = start();
    expect(await core.handlers.planAction({ hostId: "demo-haproxy-1", intent: drain })).toMatchObject({
      ok: false,
      refusal: { code: "family-unavailable" },
    });
    expect(await core.handlers.applyAction({ hostId: "nope", planId: "x" })).toMatchObject({
      outcome: "refused",
      refusal: "family-unavailable",
    });
    expect(await core.handlers.applyAction({ hostId: "demo-nat-1", planId: "x" })).toMatchObject({
      outcome: "refused",
      refusal: "plan-expired",
    });
  });

  it("asks for the typed service key before draining the last weighted backend", async () => {
    const { core } = start();
    const service = "10.20.0.11:443";
    for (const backend of ["10.20.2.11:443", "10.20.2.12:443"]) {
      const planned = await core.handlers.planAction({
        hostId: "demo-nat-1",
        intent: { kind: "drain", service, backend },
      });
      if (!planned.ok) throw new Error(planned.refusal.message);
      expect(
        (await core.handlers.applyAction({ hostId: "demo-nat-1", planId: planned.plan.planId })).outcome,
      ).toBe("verified");
    }
    const last = { kind: "drain", service, backend: "10.20.2.13:443" } as const;
    expect(await core.handlers.planAction({ hostId: "demo-nat-1", intent: last })).toMatchObject({
      ok: false,
      refusal: { code: "confirmation-required", confirmText: service },
    });
    expect(
      (await core.handlers.planAction({ hostId: "demo-nat-1", intent: last, confirmation: service })).ok,
    ).toBe(true);
  });
});
