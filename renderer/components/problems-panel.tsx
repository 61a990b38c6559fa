import type { SectionProblemRow } from "../view-model/section-problems.ts";

export function ProblemsPanel(props: { problems: SectionProblemRow[] }) {
  return (
    <section className="panel problems-panel" data-testid="problems-panel" aria-label="Problems">
      <h3>Problems reading this host</h3>
      <ul>
        {props.problems.map((problem) => (
          <li key={problem.key} data-testid="section-problem" data-section={problem.section}>
            {problem.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
