import { describe, expect, it } from "vitest";
import { parseLargeNum, splitLargeNums } from "../../../../core/parse/ipvs/largenum.ts";

describe("parseLargeNum (print_largenum)", () => {
  it("reads plain decimals as exact", () => {
    expect(parseLargeNum("0")).toEqual({ value: 0n, exact: true });
    expect(parseLargeNum("99999999")).toEqual({ value: 99999999n, exact: true });
  });

  it("keeps every digit past 2^53 (never through a JS number)", () => {
    expect(parseLargeNum("9007199254740993")).toEqual({ value: 9007199254740993n, exact: true });
    const max = parseLargeNum("18446744073709551615");
    expect(max?.value).toBe(18446744073709551615n);
    expect(max?.value.toString()).toBe("18446744073709551615");
  });

  it("multiplies K/M/G/T by decimal powers and marks the value inexact", () => {
    expect(parseLargeNum("121679K")).toEqual({ value: 121679000n, exact: false });
    expect(parseLargeNum("13034M")).toEqual({ value: 13034000000n, exact: false });
    expect(parseLargeNum("100G")).toEqual({ value: 100000000000n, exact: false });
    expect(parseLargeNum("18446744T")).toEqual({ value: 18446744000000000000n, exact: false });
  });

  it("rejects what print_largenum cannot print", () => {
    for (const bad of [
      "",
      "-1",
      "1.5",
      "12k",
      "K",
      "12KB",
      "0x10",
      " 1",
      "18446744073709551616",
      "18446745T",
    ]) {
      expect(parseLargeNum(bad), bad).toBeUndefined();
    }
  });
});

describe("splitLargeNums", () => {
  it("passes separate tokens through", () => {
    expect(splitLargeNums(["116", "125426K", "0"])).toEqual(["116", "125426K", "0"]);
  });

  it("splits 8-digit T values that touch the number before them", () => {
    expect(splitLargeNums(["18446744T18446744T"])).toEqual(["18446744T", "18446744T"]);
    expect(splitLargeNums(["018446744T18446744T"])).toEqual(["0", "18446744T", "18446744T"]);
    expect(splitLargeNums(["9007T18446744T"])).toEqual(["9007T", "18446744T"]);
  });

  it("refuses tokens that are not numbers", () => {
    expect(splitLargeNums(["12", "..."])).toBeUndefined();
    expect(splitLargeNums(["123K456"])).toBeUndefined();
    expect(splitLargeNums(["1234T5"])).toBeUndefined();
  });
});
