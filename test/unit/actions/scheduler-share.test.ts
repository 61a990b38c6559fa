import { describe, expect, it } from "vitest";
import { newConnectionShares, shareModel } from "../../../core/actions/scheduler-share.ts";

describe("scheduler share model", () => {
  it.each([
    ["rr", "equal"],
    ["lc", "equal"],
    ["wrr", "proportional"],
    ["wlc", "proportional"],
    ["sed", "proportional"],
    ["nq", "proportional"],
    ["fo", "failover"],
    ["sh", "unknown"],
    ["dh", "unknown"],
    ["mh", "unknown"],
    ["lblc", "unknown"],
    ["something-new", "unknown"],
  ])("%s -> %s", (scheduler, model) => {
    expect(shareModel(scheduler, false)).toBe(model);
  });

  it("is unknown under persistence whatever the scheduler", () => {
    expect(shareModel("wrr", true)).toBe("unknown");
  });

  it("computes shares from weights, weight 0 getting nothing", () => {
    expect(newConnectionShares("proportional", [3, 1, 0])).toEqual([0.75, 0.25, 0]);
    expect(newConnectionShares("equal", [5, 1, 0])).toEqual([0.5, 0.5, 0]);
    expect(newConnectionShares("failover", [2, 7, 1])).toEqual([0, 1, 0]);
    expect(newConnectionShares("failover", [7, 7])).toBeUndefined();
    expect(newConnectionShares("proportional", [0, 0])).toBeUndefined();
    expect(newConnectionShares("unknown", [1, 1])).toBeUndefined();
  });
});
