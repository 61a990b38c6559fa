/** An action intent in one line of words, for preview titles, results and the audit list. */
import type { PlanView } from "../../core/api.ts";
import { haproxyIntentSummary, isHaproxyIntent, type HaproxyIntentView } from "./haproxy-intents.ts";

export type ActionIntentView = PlanView["intent"];

export function intentSummary(intent: ActionIntentView | HaproxyIntentView): string {
  if (isHaproxyIntent(intent)) return haproxyIntentSummary(intent);
  const { service, backend } = intent;
  switch (intent.kind) {
    case "setWeight":
      return `Set weight of ${backend} in ${service} to ${intent.weight}`;
    case "drain":
      return `Drain ${backend} in ${service}`;
    case "undrain":
      return (
        `Undrain ${backend} in ${service}` +
        (intent.weight === undefined ? "" : ` to weight ${intent.weight}`)
      );
    case "remove":
      return `Remove ${backend} from ${service}`;
    case "restore":
      return `Restore ${backend} to ${service}`;
  }
}
