import { english } from "../../../../renderer/i18n/i18n.ts";
import { describe, expect, it } from "vitest";
import {
  formatBitsPerSecond,
  formatLinkSpeed,
  formatPercent,
} from "../../../../renderer/view-model/format-link.ts";

describe("link formatting", () => {
  it("writes bytes/s as bits/s with SI prefixes", () => {
    expect(formatBitsPerSecond(0, "en")).toBe("0 bit/s");
    expect(formatBitsPerSecond(100, "en")).toBe("800 bit/s");
    expect(formatBitsPerSecond(125, "en")).toBe("1.00 kbit/s");
    expect(formatBitsPerSecond(110_000_000, "en")).toBe("880 Mbit/s");
    expect(formatBitsPerSecond(1_250_000_000, "en")).toBe("10.0 Gbit/s");
    expect(formatBitsPerSecond(undefined, "en")).toBe("—");
    expect(formatBitsPerSecond(-1, "en")).toBe("—");
  });

  it("writes ethtool speeds in Mbit/s or Gbit/s", () => {
    expect(formatLinkSpeed(100, "en")).toBe("100 Mbit/s");
    expect(formatLinkSpeed(1000, "en")).toBe("1 Gbit/s");
    expect(formatLinkSpeed(2500, "en")).toBe("2.5 Gbit/s");
    expect(formatLinkSpeed(25000, "en")).toBe("25 Gbit/s");
    expect(formatLinkSpeed(undefined, "en")).toBeUndefined();
    expect(english.linkSpeed(undefined)).toBe("unknown");
    expect(formatLinkSpeed(-1, "en")).toBeUndefined();
  });

  it("writes shares as whole percentages, keeping a tiny share distinct from none", () => {
    expect(formatPercent(0, "en")).toBe("0 %");
    expect(formatPercent(0.001, "en")).toBe("<1 %");
    expect(formatPercent(0.876, "en")).toBe("88 %");
    expect(formatPercent(1.2, "en")).toBe("120 %");
    expect(formatPercent(undefined, "en")).toBe("—");
  });
});
