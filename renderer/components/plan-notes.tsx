import type { PlanView } from "../../core/api.ts";
import { useI18n } from "../state/i18n-context.tsx";
import { CodeMeaning } from "./code-meaning.tsx";

/**
 * A plan's warnings and the guards the operator lifted by typing, as every preview lists them: the
 * code's meaning in the console's language, then the core's own sentence with the specifics.
 */
export function PlanNotes(props: {
  warnings: readonly PlanView["warnings"][number][];
  confirmedGuards: readonly PlanView["confirmedGuards"][number][];
}) {
  const { t } = useI18n();
  const { warnings, confirmedGuards } = props;
  return (
    <>
      {warnings.length > 0 && (
        <ul className="warnings" data-testid="plan-warnings">
          {warnings.map((warning) => (
            <li key={warning.code} data-testid="plan-warning" data-code={warning.code}>
              <CodeMeaning meaning={t(`code.warning.${warning.code}`)} message={warning.message} />
            </li>
          ))}
        </ul>
      )}
      {confirmedGuards.length > 0 && (
        <ul className="guards" data-testid="plan-confirmed-guards">
          {confirmedGuards.map((guard) => (
            <li key={guard.code} data-code={guard.code}>
              {t("plan.confirmed")}{" "}
              <CodeMeaning meaning={t(`code.guard.${guard.code}`)} message={guard.message} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
