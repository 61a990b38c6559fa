/**
 * The console's keyboard: next/previous host, focus the table filter, go to the audit log, and "?"
 * for the list of shortcuts. Keys typed into a field stay the field's.
 */
import { useEffect, useRef, useState } from "react";
import { useI18n } from "../state/i18n-context.tsx";
import { useShell } from "../state/shell-context.tsx";
import { shortcutFor, steppedHost, SHORTCUTS, type ShortcutAction } from "../view-model/shortcuts.ts";

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

export function KeyboardShortcuts() {
  const { t, raw } = useI18n();
  const hosts = useShell((state) => state.hosts);
  const selectedHostId = useShell((state) => state.selectedHostId);
  const [helpOpen, setHelpOpen] = useState(false);
  const closeRef = useRef<HTMLButtonElement>(null);
  const hostSelected = useShell((state) => state.hostSelected);

  useEffect(() => {
    const run = (action: ShortcutAction) => {
      switch (action) {
        case "next-host":
        case "previous-host": {
          const next = steppedHost(
            hosts.map((host) => host.id),
            selectedHostId,
            action === "next-host" ? 1 : -1,
          );
          if (next !== undefined) hostSelected(next);
          return;
        }
        case "focus-filter":
          document.querySelector<HTMLInputElement>("[data-table-filter]")?.focus();
          return;
        case "open-audit": {
          const audit = document.querySelector<HTMLElement>('[data-testid="audit"]');
          if (!audit) return;
          audit.tabIndex = -1;
          audit.scrollIntoView({ block: "start" });
          audit.focus({ preventScroll: true });
          return;
        }
        case "help":
          setHelpOpen((open) => !open);
          return;
      }
    };
    const onKeyDown = (event: KeyboardEvent) => {
      // A dialog (the preview) keeps its keys to itself.
      if (event.defaultPrevented || document.querySelector('[aria-modal="true"]:not(.shortcut-help)')) return;
      const action = shortcutFor({
        key: event.key,
        ctrlKey: event.ctrlKey,
        altKey: event.altKey,
        metaKey: event.metaKey,
        typing: isTyping(event.target),
      });
      if (!action) return;
      event.preventDefault();
      run(action);
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [hosts, selectedHostId, hostSelected]);

  useEffect(() => {
    if (!helpOpen) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => {
      if (opener?.isConnected) opener.focus({ preventScroll: true });
    };
  }, [helpOpen]);

  if (!helpOpen) return null;
  return (
    <div
      className="shortcut-help panel"
      role="dialog"
      aria-modal="true"
      aria-labelledby="shortcut-help-title"
      data-testid="shortcut-help"
      onKeyDown={(event) => {
        if (event.key === "Escape" || event.key === "?") {
          event.preventDefault();
          event.stopPropagation();
          setHelpOpen(false);
        }
        if (event.key === "Tab") {
          // One button: Tab stays on it.
          event.preventDefault();
          closeRef.current?.focus();
        }
      }}
    >
      <h3 id="shortcut-help-title">{t("keys.title")}</h3>
      <table className="data-table compact">
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.key} data-testid="shortcut-row">
              <td>
                <kbd>{shortcut.key}</kbd>
              </td>
              {/* The shortcut labels hold no placeholders. */}
              <td>{raw(shortcut.label)}</td>
            </tr>
          ))}
          <tr data-testid="shortcut-row">
            <td>
              <kbd>Esc</kbd>
            </td>
            <td>{t("keys.escape")}</td>
          </tr>
        </tbody>
      </table>
      <p className="note">{t("keys.hint")}</p>
      <button
        type="button"
        ref={closeRef}
        data-testid="shortcut-help-close"
        onClick={() => setHelpOpen(false)}
      >
        {t("keys.close")}
      </button>
    </div>
  );
}
