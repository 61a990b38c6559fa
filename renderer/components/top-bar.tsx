import { useI18n } from "../state/i18n-context.tsx";
import { useShell } from "../state/shell-context.tsx";
import { LanguageSwitch } from "./language-switch.tsx";

export function TopBar() {
  const { t } = useI18n();
  const appInfo = useShell((state) => state.appInfo);
  return (
    <header className="top-bar" data-testid="top-bar">
      <h1 className="app-title" data-testid="app-title">
        {t("app.title")}
      </h1>
      {appInfo?.demo && (
        <span className="demo-badge" data-testid="demo-badge" title={t("app.demoBadgeHint")}>
          {t("app.demoBadge")}
        </span>
      )}
      {appInfo && (
        <span className="app-version" data-testid="app-version">
          {appInfo.version} · {t(`carrier.${appInfo.carrier}`)}
        </span>
      )}
      <LanguageSwitch />
    </header>
  );
}
