/**
 * The languages the console speaks, and which one a browser or OS asks for. navigator.languages is
 * the operator's order of preference; the first one the console speaks wins, English otherwise.
 * Traditional Chinese (zh-TW, zh-HK, zh-Hant) is not Simplified: it falls through to the next choice.
 */
export const LANGUAGES = ["en", "zh-CN"] as const;
export type Language = (typeof LANGUAGES)[number];

/** What the operator picked in the switch: a language, or "auto" to follow the OS / browser. */
export type LanguageChoice = Language | "auto";

export function languageOf(tag: string): Language | undefined {
  const lower = tag.trim().toLowerCase();
  if (lower === "en" || lower.startsWith("en-")) return "en";
  if (/^zh(-hans)?(-(cn|sg|my))?$/.test(lower) || lower.startsWith("zh-hans-") || lower === "zh-cn") {
    return "zh-CN";
  }
  return undefined;
}

export function preferredLanguage(tags: readonly string[]): Language {
  for (const tag of tags) {
    const language = languageOf(tag);
    if (language) return language;
  }
  return "en";
}

export function resolveLanguage(choice: LanguageChoice, tags: readonly string[]): Language {
  return choice === "auto" ? preferredLanguage(tags) : choice;
}

export function isLanguageChoice(value: unknown): value is LanguageChoice {
  return value === "auto" || LANGUAGES.includes(value as Language);
}
