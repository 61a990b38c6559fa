import type { PlanView } from "../../core/api.ts";

/** A plan's warnings and the guards the operator lifted by typing, as every preview lists them. */
export function PlanNotes(props: {
  warnings: readonly PlanView["warnings"][number][];
  confirmedGuards: readonly PlanView["confirmedGuards"][number][];
}) {
  const { warnings, confirmedGuards } = props;
  return (
    <>
      {warnings.length > 0 && (
        <ul className="warnings" data-testid="plan-warnings">
          {warnings.map((warning) => (
            <li key={warning.code} data-testid="plan-warning" data-code={warning.code}>
              {warning.message}
            </li>
          ))}
        </ul>
      )}
      {confirmedGuards.length > 0 && (
        <ul className="guards" data-testid="plan-confirmed-guards">
          {confirmedGuards.map((guard) => (
            <li key={guard.code} data-code={guard.code}>
              Confirmed: {guard.message}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
