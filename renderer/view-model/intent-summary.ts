/** An action intent in one line of words, for preview titles, results and the audit list. */
import type { PlanView } from "../../core/api.ts";
import { haproxyIntentSummary, isHaproxyIntent, type HaproxyIntentView } from "./haproxy-intents.ts";
import type { I18n } from "../i18n/i18n.ts";

export type ActionIntentView = PlanView["intent"];

export function intentSummary(intent: ActionIntentView | HaproxyIntentView, i18n: I18n): string {
  if (isHaproxyIntent(intent)) return haproxyIntentSummary(intent, i18n);
  const { service, backend } = intent;
  switch (intent.kind) {
    case "setWeight":
      return i18n.t("intent.setWeight", { backend, service, weight: intent.weight });
    case "drain":
      return i18n.t("intent.drain", { backend, service });
    case "undrain":
      return intent.weight === undefined
        ? i18n.t("intent.undrain", { backend, service })
        : i18n.t("intent.undrainTo", { backend, service, weight: intent.weight });
    case "remove":
      return i18n.t("intent.remove", { backend, service });
    case "restore":
      return i18n.t("intent.restore", { backend, service });
  }
}
