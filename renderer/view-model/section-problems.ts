/**
 * The sections of a frame that failed, in one line each ("ipvsadm: Permission denied (exit 2)"),
 * so the operator knows which part of the page is missing and why while the rest still shows.
 */
import type { HostSnapshot } from "../../core/api.ts";
import type { I18n } from "../i18n/i18n.ts";

export interface SectionProblemRow {
  key: string;
  section: string;
  text: string;
}

export function toSectionProblems(snapshot: Pick<HostSnapshot, "problems">, i18n: I18n): SectionProblemRow[] {
  return snapshot.problems.map((problem, index) => {
    const details = [
      problem.rc !== undefined ? i18n.t("problems.exit", { rc: problem.rc }) : undefined,
      problem.line !== undefined ? i18n.t("problems.line", { line: problem.line }) : undefined,
      problem.kind === "parse-failed" ? i18n.t("problems.unparsed") : undefined,
    ].filter((detail) => detail !== undefined);
    return {
      key: `${index}:${problem.section}`,
      section: problem.section,
      text: `${problem.section}: ${problem.message}${details.length ? ` (${details.join(", ")})` : ""}`,
    };
  });
}
