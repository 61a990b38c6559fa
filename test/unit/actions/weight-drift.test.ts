import { describe, expect, it } from "vitest";
import { detectWeightDrift } from "../../../core/actions/weight-drift.ts";

describe("detectWeightDrift", () => {
  it("says nothing while the applied weight holds", () => {
    expect(
      detectWeightDrift(
        { backend: "192.0.2.11:80", weight: 0, forward: "masq" },
        { weight: 0, forward: "masq" },
      ),
    ).toBeUndefined();
  });

  it("raises weight reverted, naming keepalived when it manages the service", () => {
    const drift = detectWeightDrift(
      { backend: "192.0.2.11:80", weight: 0, keepalivedManaged: true },
      { weight: 3, forward: "masq" },
      "14:02:07",
    );
    expect(drift).toEqual({
      kind: "weight-reverted",
      applied: 0,
      observed: 3,
      message: "weight of 192.0.2.11:80 reverted at 14:02:07 by keepalived: Fulcrum set 0, the table shows 3",
    });
    expect(detectWeightDrift({ backend: "b", weight: 0 }, { weight: 1, forward: "masq" })?.message).toContain(
      "by someone else",
    );
  });

  it("notices a changed forwarding method and a vanished backend", () => {
    expect(
      detectWeightDrift({ backend: "b", weight: 1, forward: "masq" }, { weight: 1, forward: "route" })?.kind,
    ).toBe("forward-changed");
    expect(detectWeightDrift({ backend: "b", weight: 1 }, undefined)?.kind).toBe("backend-gone");
  });
});
