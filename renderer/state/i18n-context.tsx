/**
 * Hands the settings store and the operator's language to components: useI18n() gives the words
 * and formats of the language the switch (or, on "auto", the browser / OS) chose, and re-renders
 * every reader when it changes. The page's <html lang> follows, for fonts and screen readers.
 */
import { createContext, useContext, useEffect, type ReactNode } from "react";
import { useStore } from "zustand";
import { i18nFor, type I18n } from "../i18n/i18n.ts";
import { resolveLanguage } from "../i18n/language.ts";
import type { SettingsState, SettingsStore } from "./settings-store.ts";

interface I18nContextValue {
  settings: SettingsStore;
  /** navigator.languages when the page opened. */
  systemLanguages: readonly string[];
}

const I18nContext = createContext<I18nContextValue | undefined>(undefined);

export function I18nProvider(props: {
  settings: SettingsStore;
  systemLanguages: readonly string[];
  children: ReactNode;
}) {
  const { settings, systemLanguages } = props;
  const choice = useStore(settings, (state) => state.language);
  const language = resolveLanguage(choice, systemLanguages);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return <I18nContext.Provider value={{ settings, systemLanguages }}>{props.children}</I18nContext.Provider>;
}

function useI18nContext(): I18nContextValue {
  const context = useContext(I18nContext);
  if (!context) throw new Error("useI18n needs an I18nProvider above it.");
  return context;
}

export function useI18n(): I18n {
  const { settings, systemLanguages } = useI18nContext();
  const choice = useStore(settings, (state) => state.language);
  return i18nFor(resolveLanguage(choice, systemLanguages));
}

export function useSettings<T>(selector: (state: SettingsState) => T): T {
  return useStore(useI18nContext().settings, selector);
}

export function useSystemLanguages(): readonly string[] {
  return useI18nContext().systemLanguages;
}
