/**
 * The two catalogs say the same things: the same keys (the Catalog type already refuses a missing
 * one; this also catches a key added to zh-CN by a cast), the same {placeholders} per key, and no
 * zh-CN text left in English by copy and paste.
 */
import { describe, expect, it } from "vitest";
import { en } from "../../../renderer/i18n/en.ts";
import { zhCN } from "../../../renderer/i18n/zh-cn.ts";
import { english, fill, i18nFor } from "../../../renderer/i18n/i18n.ts";
import {
  ApplyOutcomeSchema,
  CommandStatusSchema,
  GuardCodeSchema,
  RefusalCodeSchema,
  WarningCodeSchema,
} from "../../../core/actions/action-codes.ts";
import { AlertKindSchema } from "../../../core/api-codes.ts";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

/** Keys whose zh-CN text may equal the English: product names and units, the same in both. */
const SAME_IN_BOTH = new Set([
  "app.title",
  "language.en",
  "language.zh-CN",
  "haproxy.label",
  "haproxy.title",
  "vrrp.label",
  "action.busy",
  "chart.axisBoth",
  // Product and protocol names, kept as written in Chinese operations too.
  "overview.role.haproxy",
  "overview.vrrp",
]);

describe("catalogs", () => {
  it("have the same keys", () => {
    expect(Object.keys(en).length).toBeGreaterThan(200);
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it("have the same {placeholders} for every key", () => {
    const mismatched = Object.entries(en).filter(
      ([key, text]) =>
        JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(zhCN[key as keyof typeof en])),
    );
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it("translate every zh-CN text (nothing copied from English)", () => {
    const copied = Object.keys(en).filter(
      (key) => !SAME_IN_BOTH.has(key) && zhCN[key as keyof typeof en] === en[key as keyof typeof en],
    );
    expect(copied).toEqual([]);
  });

  it("explain every code of the core's closed vocabularies", () => {
    const codes = [
      ...ApplyOutcomeSchema.options.map((code) => `code.outcome.${code}`),
      ...CommandStatusSchema.options.map((code) => `code.command.${code}`),
      ...WarningCodeSchema.options.map((code) => `code.warning.${code}`),
      ...GuardCodeSchema.options.map((code) => `code.guard.${code}`),
      ...RefusalCodeSchema.options.map((code) => `code.refusal.${code}`),
      ...AlertKindSchema.options.map((code) => `code.alert.${code}`),
    ];
    expect(codes.length).toBeGreaterThan(40);
    expect(codes.filter((key) => !(key in en) || !(key in zhCN))).toEqual([]);
  });
});

describe("translate", () => {
  it("fills placeholders and leaves an unfilled one visible", () => {
    expect(english.t("intent.drain", { backend: "10.0.0.9:80", service: "tcp:192.0.2.1:80" })).toBe(
      "Drain 10.0.0.9:80 in tcp:192.0.2.1:80",
    );
    expect(i18nFor("zh-CN").t("intent.drain", { backend: "10.0.0.9:80", service: "tcp:192.0.2.1:80" })).toBe(
      "排空 tcp:192.0.2.1:80 中的 10.0.0.9:80",
    );
    expect(fill("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });

  it("formats numbers and times through Intl in the chosen language", () => {
    const zh = i18nFor("zh-CN");
    expect(english.count(1234567)).toBe("1,234,567");
    expect(zh.count(1234567)).toBe("1,234,567");
    expect(english.bytesPerSecond(9000)).toBe("9.00 kB/s");
    expect(english.perSecond(2.25)).toBe("2.3/s");
    expect(english.linkSpeed(undefined)).toBe("unknown");
    expect(zh.linkSpeed(undefined)).toBe("未知");
    // 24-hour wall clock in both (the host's local time zone).
    const at = new Date(2026, 11, 7, 13, 5, 9).getTime();
    expect(english.clockTime(at)).toBe("13:05:09");
    expect(zh.clockTime(at)).toBe("13:05:09");
    expect(zh.dateTime(at)).toContain("2026");
  });
});
