/**
 * The shape every catalog has: the English catalog's keys, each a string. A catalog missing a key
 * (or carrying one English does not have) is a type error, and the code keys are checked against
 * the core's closed vocabularies, so a new code cannot reach the screen untranslated.
 */
import type {
  ActionResult,
  ApiErrorCode,
  EventOf,
  GuardCode,
  RefusalCode,
  WarningCode,
} from "../../core/api.ts";
import { en } from "./en.ts";

export type MessageKey = keyof typeof en;
export type Catalog = { readonly [K in MessageKey]: string };

/** "{a} and {b}" -> "a" | "b". */
export type PlaceholdersOf<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PlaceholdersOf<Rest>
  : never;

export type ParamsOf<K extends MessageKey> = Record<PlaceholdersOf<(typeof en)[K]>, string | number>;

/** Every code the UI explains, by vocabulary. */
export type CodeKey =
  | `code.outcome.${ActionResult["outcome"]}`
  | `code.command.${ActionResult["commands"][number]["status"]}`
  | `code.warning.${WarningCode}`
  | `code.guard.${GuardCode}`
  | `code.refusal.${RefusalCode}`
  | `code.alert.${EventOf<"alertRaised">["kind"]}`;

// Compile-time check: English explains every code of every vocabulary (the others follow from Catalog).
const everyCodeExplained: Record<CodeKey, string> = en;
void everyCodeExplained;

/** Session problems are shown as the core words them (ssh's own text); their codes pick the advice. */
export type { ApiErrorCode };
