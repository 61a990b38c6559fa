/**
 * The operator's console settings, kept in the renderer's localStorage (the same in Electron and in
 * browser mode, per origin): today the language, "auto" following navigator.languages. A vanilla
 * zustand store with zustand's own persist middleware; a stored value that does not read as a
 * setting is ignored, never trusted.
 */
import { createStore } from "zustand/vanilla";
import { createJSONStorage, persist, type StateStorage } from "zustand/middleware";
import { isLanguageChoice, type LanguageChoice } from "../i18n/language.ts";

export const SETTINGS_STORAGE_KEY = "fulcrum.settings";

export interface SettingsState {
  language: LanguageChoice;
  languageChosen(language: LanguageChoice): void;
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;

/** `storage` is the page's localStorage; tests pass a Map-backed one, or none to keep nothing. */
export function createSettingsStore(storage: StateStorage | undefined) {
  return createStore<SettingsState>()(
    persist(
      (set) => ({
        language: "auto",
        languageChosen: (language) => set({ language }),
      }),
      {
        name: SETTINGS_STORAGE_KEY,
        version: 1,
        storage: createJSONStorage(() => storage ?? memoryStorage()),
        partialize: (state) => ({ language: state.language }),
        merge: (stored, current) => {
          const language = (stored as { language?: unknown } | undefined)?.language;
          return isLanguageChoice(language) ? { ...current, language } : current;
        },
      },
    ),
  );
}

function memoryStorage(): StateStorage {
  const values = new Map<string, string>();
  return {
    getItem: (name) => values.get(name) ?? null,
    setItem: (name, value) => void values.set(name, value),
    removeItem: (name) => void values.delete(name),
  };
}
