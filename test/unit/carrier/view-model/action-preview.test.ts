import { english } from "../../../../renderer/i18n/i18n.ts";
import { describe, expect, it } from "vitest";
import type { PlanView } from "../../../../core/api.ts";
import { stateChanges, toActionPreview } from "../../../../renderer/view-model/action-preview.ts";
import { intentSummary } from "../../../../renderer/view-model/intent-summary.ts";

// TEST DATA: a drain plan in the contract's form, built by hand.
function drainPlan(overrides: Partial<PlanView> = {}): PlanView {
  return {
    planId: "p1",
    hostId: "lb1",
    intent: { kind: "drain", service: "10.20.0.10:80", backend: "10.20.1.11:8080" },
    service: "10.20.0.10:80",
    backend: "10.20.1.11:8080",
    commands: ["ipvsadm -e -t 10.20.0.10:80 -r 10.20.1.11:8080 -m -w 0"],
    before: { exists: true, forward: "masq", weight: 100 },
    expectedAfter: { exists: true, forward: "masq", weight: 0 },
    predictions: [
      { backend: "10.20.1.11:8080", weightAfter: 0, share: 0, cps: 0, connections: 0, inBps: 0, outBps: 0 },
      {
        backend: "10.20.1.12:8080",
        weightAfter: 100,
        share: 1,
        cps: 1860.4,
        connections: 1500,
        inBps: 2_500_000,
        outBps: "unknown",
        capacity: 2000,
      },
    ],
    warnings: [{ code: "keepalived-managed", message: "keepalived may reset this weight" }],
    confirmedGuards: [],
    ...overrides,
  };
}

describe("action preview", () => {
  it("keeps the exact commands and titles the plan in words", () => {
    const preview = toActionPreview(drainPlan(), true, english);
    expect(preview.commands).toEqual(["ipvsadm -e -t 10.20.0.10:80 -r 10.20.1.11:8080 -m -w 0"]);
    expect(preview.title).toBe("Drain 10.20.1.11:8080 in 10.20.0.10:80");
    expect(preview.production).toBe(true);
    expect(preview.warnings).toEqual([
      { code: "keepalived-managed", message: "keepalived may reset this weight" },
    ]);
  });

  it("shows weight and forward method before and after, marking what changes", () => {
    expect(toActionPreview(drainPlan(), false, english).changes).toEqual([
      { field: "Weight", before: "100", after: "0", changed: true },
      { field: "Forward", before: "NAT", after: "NAT", changed: false },
    ]);
  });

  it("formats predictions, marks the target, and shows unknown as unknown", () => {
    const [target, other] = toActionPreview(drainPlan(), false, english).predictions;
    expect(target).toMatchObject({
      backend: "10.20.1.11:8080",
      weightAfter: "0",
      share: "0 %",
      cps: "0/s",
      target: true,
      load: "—",
    });
    expect(other).toEqual({
      backend: "10.20.1.12:8080",
      weightAfter: "100",
      share: "100 %",
      cps: "1,860/s",
      connections: "1,500",
      load: "75 % of 2,000",
      inBps: "2.50 MB/s",
      outBps: "unknown",
      target: false,
    });
    const unknownShare = toActionPreview(
      drainPlan({
        predictions: [
          {
            backend: "a:1",
            weightAfter: 5,
            share: "unknown",
            cps: "unknown",
            connections: "unknown",
            inBps: "unknown",
            outBps: "unknown",
            capacity: 100,
          },
        ],
      }),
      false,
      english,
    ).predictions[0];
    expect(unknownShare).toMatchObject({
      share: "unknown",
      cps: "unknown",
      connections: "unknown",
      load: "unknown",
    });
  });

  it("describes a backend that appears or disappears", () => {
    expect(stateChanges({ exists: true, forward: "route", weight: 3 }, { exists: false }, english)).toEqual([
      { field: "Present", before: "present (weight 3, DR)", after: "absent", changed: true },
    ]);
  });

  it("sums up every kind of intent in words", () => {
    const target = { service: "udp:10.0.0.1:53", backend: "10.0.1.2:53" };
    expect(intentSummary({ kind: "setWeight", ...target, weight: 7 }, english)).toBe(
      "Set weight of 10.0.1.2:53 in udp:10.0.0.1:53 to 7",
    );
    expect(intentSummary({ kind: "undrain", ...target }, english)).toBe(
      "Undrain 10.0.1.2:53 in udp:10.0.0.1:53",
    );
    expect(intentSummary({ kind: "undrain", ...target, weight: 100 }, english)).toBe(
      "Undrain 10.0.1.2:53 in udp:10.0.0.1:53 to weight 100",
    );
    expect(intentSummary({ kind: "remove", ...target }, english)).toBe(
      "Remove 10.0.1.2:53 from udp:10.0.0.1:53",
    );
    expect(intentSummary({ kind: "restore", ...target }, english)).toBe(
      "Restore 10.0.1.2:53 to udp:10.0.0.1:53",
    );
  });
});
