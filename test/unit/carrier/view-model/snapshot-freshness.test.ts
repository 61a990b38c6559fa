import { english } from "../../../../renderer/i18n/i18n.ts";
import { describe, expect, it } from "vitest";
import { formatAge, snapshotFreshness } from "../../../../renderer/view-model/snapshot-freshness.ts";

describe("snapshotFreshness", () => {
  it("says nothing about a fresh snapshot and gives a stale one its age", () => {
    expect(snapshotFreshness({ at: 1_000, stale: false }, 99_000, english)).toEqual({
      stale: false,
      staleText: undefined,
    });
    expect(snapshotFreshness({ at: 1_000, stale: true }, 43_500, english)).toEqual({
      stale: true,
      staleText: "stale · 42 s old",
    });
  });

  it("writes ages in seconds, minutes and hours and days, never negative", () => {
    expect(formatAge(59_999, english)).toBe("59 s");
    expect(formatAge(185_000, english)).toBe("3 min 5 s");
    expect(formatAge(7_500_000, english)).toBe("2 h 5 min");
    expect(formatAge(86_399_000, english)).toBe("23 h 59 min");
    expect(formatAge(90_000_000, english)).toBe("1 d 1 h");
    expect(formatAge(-5_000, english)).toBe("0 s");
  });
});
