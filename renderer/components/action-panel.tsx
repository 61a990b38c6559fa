/**
 * The preview panel (never a native dialog): the plan for the operator's click, the typed service key
 * when guards ask for it, Apply and Cancel, then the result with Undo. Shown for the selected host
 * only; production hosts carry a PRODUCTION marker on every step. It opens as a side sheet beside
 * the table (the table does not move): focus goes into it, Tab stays in it, Escape cancels, and
 * focus returns to the button that opened it.
 */
import { useEffect, useMemo, useRef, type KeyboardEvent } from "react";
import { useActions } from "../state/action-context.tsx";
import { useI18n } from "../state/i18n-context.tsx";
import { CodeMeaning } from "./code-meaning.tsx";
import { fillParts } from "./fill-parts.tsx";
import { CoreText } from "./core-text.tsx";
import type { ActionFlow } from "../state/action-store.ts";
import { toActionPreview } from "../view-model/action-preview.ts";
import { isHaproxyPlan, toHaproxyPreview } from "../view-model/haproxy-plan-preview.ts";
import { confirmationMatches, toRefusalView, type RefusalView } from "../view-model/action-refusal.ts";
import { toActionResultView } from "../view-model/action-result-view.ts";
import { intentSummary } from "../view-model/intent-summary.ts";
import { ActionResultPanel } from "./action-result-panel.tsx";
import { HaproxyPlanPreview } from "./haproxy-plan-preview.tsx";
import { PlanPreview } from "./plan-preview.tsx";

export function ActionPanel(props: { hostId: string }) {
  const flow = useActions((state) => state.flow);
  if (flow.phase === "idle" || flow.hostId !== props.hostId) return null;
  return <ActionSheet flow={flow} />;
}

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/** Phases Escape may leave: never while a change is being applied or undone. */
function closable(phase: ActionFlow["phase"]): boolean {
  return phase !== "applying" && phase !== "undoing";
}

function ActionSheet(props: { flow: Exclude<ActionFlow, { phase: "idle" }> }) {
  const { flow } = props;
  const { t } = useI18n();
  const flowClosed = useActions((state) => state.flowClosed);
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    // The element focused when the sheet opened is the button the operator clicked.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.focus({ preventScroll: true });
    return () => {
      if (opener?.isConnected) opener.focus({ preventScroll: true });
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      if (closable(flow.phase)) flowClosed();
      return;
    }
    if (event.key !== "Tab" || !ref.current) return;
    const focusable = Array.from(ref.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === ref.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !ref.current.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <section
      ref={ref}
      className="panel action-panel side-sheet"
      data-testid="action-panel"
      data-phase={flow.phase}
      role="dialog"
      aria-modal="true"
      aria-label={t("action.sheetLabel")}
      aria-live="polite"
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <FlowBody flow={flow} />
    </section>
  );
}

function FlowBody(props: { flow: Exclude<ActionFlow, { phase: "idle" }> }) {
  const { flow } = props;
  const i18n = useI18n();
  const { t } = i18n;
  const applyRequested = useActions((state) => state.applyRequested);
  const flowClosed = useActions((state) => state.flowClosed);
  const undoRequested = useActions((state) => state.undoRequested);
  const confirmationTyped = useActions((state) => state.confirmationTyped);
  const plan = flow.phase === "preview" || flow.phase === "applying" ? flow.plan : undefined;
  const production = "production" in flow && flow.production;
  // The same flow for both families; only the preview's body differs (HAProxy has no predictions).
  const preview = useMemo(
    () =>
      plan &&
      (isHaproxyPlan(plan)
        ? { family: "haproxy" as const, ...toHaproxyPreview(plan, i18n) }
        : { family: "ipvs" as const, ...toActionPreview(plan, production, i18n) }),
    [plan, production, i18n],
  );

  switch (flow.phase) {
    case "planning":
    case "undoing":
      return (
        <p data-testid="action-busy">
          {flow.phase === "planning" ? t("action.planning") : t("action.busy", { title: flow.title })}
        </p>
      );
    case "confirm": {
      const refusal = toRefusalView(flow.refusal);
      return (
        <>
          <Heading
            title={t("action.confirmTitle", { title: intentSummary(flow.intent, i18n) })}
            production={production}
          />
          <Guards refusal={refusal} />
          <ConfirmationBox
            refusal={refusal}
            typed={flow.typed}
            busy={flow.replanning}
            onType={confirmationTyped}
          />
          <Buttons applyEnabled={false} onApply={applyRequested} onCancel={flowClosed} />
        </>
      );
    }
    case "refused": {
      const refusal = toRefusalView(flow.refusal);
      return (
        <>
          <Heading
            title={t("action.refusedTitle", { title: intentSummary(flow.intent, i18n) })}
            production={production}
          />
          <p className="problem" data-testid="action-refusal" data-code={refusal.code}>
            <CodeMeaning meaning={t(`code.refusal.${refusal.code}`)} message={refusal.message} />
          </p>
          <Guards refusal={refusal} />
          <button type="button" data-testid="action-close" onClick={flowClosed}>
            {t("action.close")}
          </button>
        </>
      );
    }
    case "preview":
    case "applying":
      if (!preview) return null;
      return (
        <>
          <Heading title={preview.title} production={production} />
          {flow.phase === "preview" && flow.confirmedWith !== undefined && (
            <p className="note" data-testid="action-confirmed">
              {fillParts(i18n.raw("action.confirmedBy"), { text: <code>{flow.confirmedWith}</code> })}
            </p>
          )}
          {preview.family === "haproxy" ? (
            <HaproxyPlanPreview preview={preview} />
          ) : (
            <PlanPreview preview={preview} />
          )}
          <Buttons
            applyEnabled={flow.phase === "preview"}
            applying={flow.phase === "applying"}
            onApply={applyRequested}
            onCancel={flowClosed}
          />
        </>
      );
    case "result":
      return (
        <>
          <Heading title={flow.title} production={false} />
          <ActionResultPanel
            result={toActionResultView(flow.result)}
            onUndo={(auditId) => undoRequested(flow.hostId, auditId, flow.title)}
            onClose={flowClosed}
          />
        </>
      );
    case "failed":
      return (
        <>
          <Heading title={flow.title} production={false} />
          <p className="problem" data-testid="action-failed">
            <CoreText text={flow.message} />
          </p>
          <button type="button" data-testid="action-close" onClick={flowClosed}>
            {t("action.close")}
          </button>
        </>
      );
  }
}

function Heading(props: { title: string; production: boolean }) {
  const { t } = useI18n();
  return (
    <h3 data-testid="action-title">
      {props.title}
      {props.production && (
        <span className="tag production" data-testid="action-production">
          {t("action.production")}
        </span>
      )}
    </h3>
  );
}

function Guards(props: { refusal: RefusalView }) {
  const { t } = useI18n();
  if (props.refusal.guards.length === 0) return null;
  return (
    <ul className="guards" data-testid="action-guards">
      {props.refusal.guards.map((guard) => (
        <li key={guard.code} data-testid="action-guard" data-code={guard.code}>
          <CodeMeaning meaning={t(`code.guard.${guard.code}`)} message={guard.message} />
        </li>
      ))}
    </ul>
  );
}

function ConfirmationBox(props: {
  refusal: RefusalView;
  typed: string;
  busy: boolean;
  onType: (text: string) => void;
}) {
  const { t, raw } = useI18n();
  const { refusal, typed, busy, onType } = props;
  const matches = confirmationMatches(typed, refusal.confirmText);
  return (
    <label className="confirmation">
      {/* The guards above already say why; the message repeats them, so it shows only without guards. */}
      {refusal.guards.length === 0 && (
        <>
          <CodeMeaning meaning={t(`code.refusal.${refusal.code}`)} message={refusal.message} />{" "}
        </>
      )}
      {fillParts(raw("action.typeToConfirm"), {
        text: <code data-testid="confirm-text">{refusal.confirmText}</code>,
      })}{" "}
      <input
        type="text"
        value={typed}
        disabled={busy}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={typed !== "" && !matches}
        data-testid="confirm-input"
        onChange={(event) => onType(event.target.value)}
      />
      {busy && <span data-testid="confirm-replanning"> {t("action.replanning")}</span>}
    </label>
  );
}

function Buttons(props: {
  applyEnabled: boolean;
  applying?: boolean;
  onApply: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  return (
    <p className="action-buttons">
      <button
        type="button"
        className="primary"
        disabled={!props.applyEnabled}
        data-testid="action-apply"
        onClick={props.onApply}
      >
        {props.applying ? t("action.applying") : t("action.apply")}
      </button>
      <button type="button" disabled={props.applying} data-testid="action-cancel" onClick={props.onCancel}>
        {t("action.cancel")}
      </button>
    </p>
  );
}
