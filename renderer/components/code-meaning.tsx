/**
 * A code of the core's closed vocabularies (a warning, a guard, a refusal) as the console shows it.
 * In English the core's sentence says it all and carries the specifics (addresses, counts), so it
 * stands alone; in another language the code's translated meaning comes first and the core's
 * English sentence follows as detail.
 */
import { useI18n } from "../state/i18n-context.tsx";
import { CoreText } from "./core-text.tsx";

export function CodeMeaning(props: { meaning: string; message: string; testId?: string }) {
  const { language } = useI18n();
  if (language === "en") return <span data-testid={props.testId}>{props.message}</span>;
  return (
    <>
      <span className="code-meaning">{props.meaning}</span>{" "}
      <CoreText text={props.message} testId={props.testId} />
    </>
  );
}
