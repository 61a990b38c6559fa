import { useI18n } from "../state/i18n-context.tsx";
import { useShell } from "../state/shell-context.tsx";

/** Full-width and on every page: nobody should mistake simulated numbers for production traffic. */
export function DemoBanner() {
  const { t } = useI18n();
  const demo = useShell((state) => state.appInfo?.demo === true);
  if (!demo) return null;
  return (
    <div className="demo-banner" role="status" data-testid="demo-banner">
      {t("app.demoBanner")}
    </div>
  );
}
