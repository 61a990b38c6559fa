import { describe, expect, it } from "vitest";
import { languageOf, preferredLanguage, resolveLanguage } from "../../../renderer/i18n/language.ts";
import { createSettingsStore, SETTINGS_STORAGE_KEY } from "../../../renderer/state/settings-store.ts";

describe("the language a browser or OS asks for", () => {
  it("reads Simplified Chinese tags as zh-CN and Traditional ones as not", () => {
    for (const tag of ["zh", "zh-CN", "zh-cn", "zh-Hans", "zh-Hans-CN", "zh-SG"])
      expect(languageOf(tag)).toBe("zh-CN");
    for (const tag of ["zh-TW", "zh-HK", "zh-Hant", "zh-Hant-TW"]) expect(languageOf(tag)).toBeUndefined();
    expect(languageOf("en-GB")).toBe("en");
    expect(languageOf("de-DE")).toBeUndefined();
  });

  it("takes the first language the console speaks, English otherwise", () => {
    expect(preferredLanguage(["de-DE", "zh-CN", "en-US"])).toBe("zh-CN");
    expect(preferredLanguage(["zh-TW", "en-US", "zh-CN"])).toBe("en");
    expect(preferredLanguage(["fr-FR"])).toBe("en");
    expect(preferredLanguage([])).toBe("en");
    expect(resolveLanguage("auto", ["zh-CN"])).toBe("zh-CN");
    expect(resolveLanguage("en", ["zh-CN"])).toBe("en");
  });
});

describe("settings store", () => {
  const storage = () => {
    const values = new Map<string, string>();
    return {
      values,
      getItem: (name: string) => values.get(name) ?? null,
      setItem: (name: string, value: string) => void values.set(name, value),
      removeItem: (name: string) => void values.delete(name),
    };
  };

  it("follows the system until a language is chosen, and remembers the choice", () => {
    const kept = storage();
    const first = createSettingsStore(kept);
    expect(first.getState().language).toBe("auto");
    first.getState().languageChosen("zh-CN");
    expect(JSON.parse(kept.values.get(SETTINGS_STORAGE_KEY) ?? "{}")).toMatchObject({
      state: { language: "zh-CN" },
    });
    expect(createSettingsStore(kept).getState().language).toBe("zh-CN");
  });

  it("ignores a stored value that is not a language it speaks", () => {
    const kept = storage();
    kept.setItem(SETTINGS_STORAGE_KEY, JSON.stringify({ state: { language: "klingon" }, version: 1 }));
    expect(createSettingsStore(kept).getState().language).toBe("auto");
    kept.setItem(SETTINGS_STORAGE_KEY, "not json");
    expect(createSettingsStore(kept).getState().language).toBe("auto");
  });
});
