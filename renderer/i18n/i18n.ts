/**
 * One language's words and number/date formats, handed to every view-model that produces text:
 * `t` looks a key up in the catalog and fills its {placeholders}; the rest format through Intl in
 * the same language. Pure: the same language gives the same text, so view-models stay testable.
 */
import { en } from "./en.ts";
import type { Catalog, MessageKey, ParamsOf, PlaceholdersOf } from "./catalog.ts";
import type { Language } from "./language.ts";
import { dateFormat } from "./number-formats.ts";
import { zhCN } from "./zh-cn.ts";
import { formatBitsPerSecond, formatLinkSpeed, formatPercent } from "../view-model/format-link.ts";
import { formatBytesPerSecond, formatCount, formatPerSecond } from "../view-model/format-rate.ts";

export const CATALOGS: Record<Language, Catalog> = { en, "zh-CN": zhCN };

export type Translate = <K extends MessageKey>(
  key: K,
  ...params: [PlaceholdersOf<(typeof en)[K]>] extends [never] ? [] : [ParamsOf<K>]
) => string;

export interface I18n {
  language: Language;
  t: Translate;
  /** The template with its {placeholders}, for sentences that hold elements (components/fill-parts.tsx). */
  raw(key: MessageKey): string;
  count(count: number): string;
  perSecond(perSecond: number | undefined): string;
  bytesPerSecond(bytesPerSecond: number | undefined): string;
  bitsPerSecond(bytesPerSecond: number | undefined): string;
  /** "unknown" in words when ethtool gave no speed. */
  linkSpeed(speedMbps: number | undefined): string;
  percent(fraction: number | undefined): string;
  /** Wall-clock time to the second, 24-hour (operators read logs in 24-hour time). */
  clockTime(epochMs: number): string;
  /** Date and time, for the audit log. */
  dateTime(epochMs: number): string;
}

const cache = new Map<Language, I18n>();

export function i18nFor(language: Language): I18n {
  let i18n = cache.get(language);
  if (!i18n) {
    i18n = createI18n(language);
    cache.set(language, i18n);
  }
  return i18n;
}

/** Fills "{name}" from params; a placeholder without a value stays visible rather than vanishing. */
export function fill(template: string, params: Record<string, string | number> | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

function createI18n(language: Language): I18n {
  const catalog = CATALOGS[language];
  const t = ((key: MessageKey, params?: Record<string, string | number>) =>
    fill(catalog[key], params)) as Translate;
  const clock = dateFormat(language, {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  const dateTime = dateFormat(language, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  return {
    language,
    t,
    raw: (key) => catalog[key],
    count: (count) => formatCount(count, language),
    perSecond: (perSecond) => formatPerSecond(perSecond, language),
    bytesPerSecond: (bytes) => formatBytesPerSecond(bytes, language),
    bitsPerSecond: (bytes) => formatBitsPerSecond(bytes, language),
    linkSpeed: (speed) => formatLinkSpeed(speed, language) ?? t("unit.unknown"),
    percent: (fraction) => formatPercent(fraction, language),
    clockTime: (epochMs) => clock.format(epochMs),
    dateTime: (epochMs) => dateTime.format(epochMs),
  };
}

/** The English words, for tests and for code that runs before a language is chosen. */
export const english: I18n = i18nFor("en");
