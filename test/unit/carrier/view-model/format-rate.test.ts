import { describe, expect, it } from "vitest";
import {
  formatBytesPerSecond,
  formatCount,
  formatPerSecond,
} from "../../../../renderer/view-model/format-rate.ts";

describe("formatBytesPerSecond", () => {
  it.each([
    [0, "0 B/s"],
    [999, "999 B/s"],
    [999.4, "999 B/s"],
    [999.6, "1.00 kB/s"],
    [1000, "1.00 kB/s"],
    [45_000, "45.0 kB/s"],
    [1_250_000, "1.25 MB/s"],
    [123_456_789, "123 MB/s"],
    [1.25e9, "1.25 GB/s"],
    [4e15, "4.00 PB/s"],
    [4e18, "4,000 PB/s"],
  ])("%d bytes/s -> %s", (value, text) => {
    expect(formatBytesPerSecond(value, "en")).toBe(text);
  });

  it.each([[undefined], [Number.NaN], [Number.POSITIVE_INFINITY], [-1]])("shows %s as no value", (value) => {
    expect(formatBytesPerSecond(value, "en")).toBe("—");
  });
});

describe("formatPerSecond", () => {
  it.each([
    [0, "0/s"],
    [0.5, "0.5/s"],
    [2, "2/s"],
    [9.94, "9.9/s"],
    [12.4, "12/s"],
    [12345.6, "12,346/s"],
  ])("%d -> %s", (value, text) => {
    expect(formatPerSecond(value, "en")).toBe(text);
  });

  it("shows a missing rate as no value", () => {
    expect(formatPerSecond(undefined, "en")).toBe("—");
  });
});

describe("formatCount", () => {
  it.each([
    [0, "0"],
    [999, "999"],
    [1000, "1,000"],
    [1234567, "1,234,567"],
    [-4500, "-4,500"],
  ])("%d -> %s", (value, text) => {
    expect(formatCount(value, "en")).toBe(text);
  });
});
