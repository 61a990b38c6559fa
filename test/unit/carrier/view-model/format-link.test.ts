import { describe, expect, it } from "vitest";
import {
  formatBitsPerSecond,
  formatLinkSpeed,
  formatPercent,
} from "../../../../renderer/view-model/format-link.ts";

describe("link formatting", () => {
  it("writes bytes/s as bits/s with SI prefixes", () => {
    expect(formatBitsPerSecond(0)).toBe("0 bit/s");
    expect(formatBitsPerSecond(100)).toBe("800 bit/s");
    expect(formatBitsPerSecond(125)).toBe("1.00 kbit/s");
    expect(formatBitsPerSecond(110_000_000)).toBe("880 Mbit/s");
    expect(formatBitsPerSecond(1_250_000_000)).toBe("10.0 Gbit/s");
    expect(formatBitsPerSecond(undefined)).toBe("—");
    expect(formatBitsPerSecond(-1)).toBe("—");
  });

  it("writes ethtool speeds in Mbit/s or Gbit/s", () => {
    expect(formatLinkSpeed(100)).toBe("100 Mbit/s");
    expect(formatLinkSpeed(1000)).toBe("1 Gbit/s");
    expect(formatLinkSpeed(2500)).toBe("2.5 Gbit/s");
    expect(formatLinkSpeed(25000)).toBe("25 Gbit/s");
    expect(formatLinkSpeed(undefined)).toBe("unknown");
    expect(formatLinkSpeed(-1)).toBe("unknown");
  });

  it("writes shares as whole percentages, keeping a tiny share distinct from none", () => {
    expect(formatPercent(0)).toBe("0 %");
    expect(formatPercent(0.001)).toBe("<1 %");
    expect(formatPercent(0.876)).toBe("88 %");
    expect(formatPercent(1.2)).toBe("120 %");
    expect(formatPercent(undefined)).toBe("—");
  });
});
