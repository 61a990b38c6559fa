/** The language menu in the top bar: follow the OS / browser, or pick one; remembered per console. */
import { useI18n, useSettings, useSystemLanguages } from "../state/i18n-context.tsx";
import { isLanguageChoice, LANGUAGES, preferredLanguage, type LanguageChoice } from "../i18n/language.ts";

export function LanguageSwitch() {
  const { t } = useI18n();
  const choice = useSettings((state) => state.language);
  const languageChosen = useSettings((state) => state.languageChosen);
  const system = preferredLanguage(useSystemLanguages());
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t("language.label")}</span>
      <select
        data-testid="language-switch"
        value={choice}
        aria-label={t("language.label")}
        onChange={(event) => {
          const picked: unknown = event.target.value;
          if (isLanguageChoice(picked)) languageChosen(picked);
        }}
      >
        <option value={"auto" satisfies LanguageChoice}>
          {t("language.auto", { language: t(`language.${system}`) })}
        </option>
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {t(`language.${language}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
