/**
 * The console's keyboard shortcuts: one key each, never while the operator types in a field, never
 * with Ctrl/Alt/Meta (those belong to the browser and the OS). The help overlay lists SHORTCUTS.
 */
import type { MessageKey } from "../i18n/catalog.ts";

export type ShortcutAction = "next-host" | "previous-host" | "focus-filter" | "open-audit" | "help";

export interface Shortcut {
  /** KeyboardEvent.key */
  key: string;
  action: ShortcutAction;
  /** What the help overlay says it does. */
  label: MessageKey;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { key: "j", action: "next-host", label: "keys.nextHost" },
  { key: "k", action: "previous-host", label: "keys.previousHost" },
  { key: "/", action: "focus-filter", label: "keys.focusFilter" },
  { key: "a", action: "open-audit", label: "keys.openAudit" },
  { key: "?", action: "help", label: "keys.help" },
];

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  /** The key went to an input, textarea, select or contenteditable element. */
  typing: boolean;
}

export function shortcutFor(press: KeyPress): ShortcutAction | undefined {
  if (press.typing || press.ctrlKey || press.altKey || press.metaKey) return undefined;
  return SHORTCUTS.find((shortcut) => shortcut.key === press.key)?.action;
}

/** The host after (step 1) or before (step -1) `current`, wrapping around; the first when none is selected. */
export function steppedHost(
  hostIds: readonly string[],
  current: string | undefined,
  step: 1 | -1,
): string | undefined {
  if (hostIds.length === 0) return undefined;
  const index = current === undefined ? -1 : hostIds.indexOf(current);
  if (index === -1) return hostIds[0];
  return hostIds[(index + step + hostIds.length) % hostIds.length];
}
