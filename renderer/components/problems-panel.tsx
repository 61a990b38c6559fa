import type { SectionProblemRow } from "../view-model/section-problems.ts";
import { useI18n } from "../state/i18n-context.tsx";
import { CoreText } from "./core-text.tsx";

export function ProblemsPanel(props: { problems: SectionProblemRow[] }) {
  const { t } = useI18n();
  return (
    <section className="panel problems-panel" data-testid="problems-panel" aria-label={t("problems.label")}>
      <h3>{t("problems.title")}</h3>
      <ul>
        {props.problems.map((problem) => (
          <li key={problem.key} data-testid="section-problem" data-section={problem.section}>
            <CoreText text={problem.text} />
          </li>
        ))}
      </ul>
    </section>
  );
}
