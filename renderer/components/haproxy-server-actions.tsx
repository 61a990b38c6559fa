/**
 * The action buttons on one HAProxy server row: Drain, Maint, Ready (the one for the state the
 * server shows is disabled) and Weight…, an inline box. Each only asks for a plan; the shared
 * preview panel shows the runtime command and nothing is applied unseen.
 */
import { useActions } from "../state/action-context.tsx";
import { useI18n } from "../state/i18n-context.tsx";
import { InlineWeightEditor } from "./inline-weight-editor.tsx";
import type { HaproxyServerRow } from "../view-model/haproxy-backends.ts";
import {
  adminStateOfStatus,
  MAX_HAPROXY_WEIGHT,
  parseHaproxyWeightInput,
  stateIntent,
  weightIntent,
  type HaproxyAdminState,
  type HaproxyIntentView,
} from "../view-model/haproxy-intents.ts";

const STATE_BUTTONS = [
  { state: "drain", label: "haproxy.drain", title: "haproxy.drainHint" },
  { state: "maint", label: "haproxy.maint", title: "haproxy.maintHint" },
  { state: "ready", label: "haproxy.ready", title: "haproxy.readyHint" },
] as const satisfies readonly { state: HaproxyAdminState; label: string; title: string }[];

export function HaproxyServerActions(props: { row: HaproxyServerRow; hostId: string; production: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { row, hostId, production } = props;
  const planRequested = useActions((state) => state.planRequested);
  const current = adminStateOfStatus(row.status);
  const plan = (intent: HaproxyIntentView) => planRequested({ hostId, production, intent });

  return (
    <span className="backend-actions">
      {STATE_BUTTONS.map(({ state, label, title }) => (
        <button
          key={state}
          type="button"
          title={t(title)}
          disabled={state === current}
          data-testid={`haproxy-${state}`}
          onClick={() => plan(stateIntent(row.proxy, row.name, state))}
        >
          {t(label)}
        </button>
      ))}
      <InlineWeightEditor
        current={row.weightValue}
        max={MAX_HAPROXY_WEIGHT}
        parse={(text) => parseHaproxyWeightInput(text, i18n)}
        subject={row.key}
        testIdPrefix="haproxy"
        onSubmit={(weight) => plan(weightIntent(row.proxy, row.name, weight))}
      />
    </span>
  );
}
