/** A plan's before -> after rows, one per changed field, as every preview's "Change" table shows them. */
import { useI18n } from "../state/i18n-context.tsx";

export function PlanChangeRows(props: {
  changes: readonly {
    field: "Weight" | "Forward" | "Present" | "State";
    before: string;
    after: string;
    changed: boolean;
  }[];
}) {
  const { t } = useI18n();
  return (
    <>
      {props.changes.map((change) => (
        <tr key={change.field} data-testid="plan-change" data-field={change.field}>
          <th scope="row">{t(`plan.field.${change.field}`)}</th>
          <td data-testid="plan-before">{change.before}</td>
          <td aria-hidden="true">→</td>
          <td data-testid="plan-after" className={change.changed ? "changed" : undefined}>
            {change.after}
          </td>
        </tr>
      ))}
    </>
  );
}
