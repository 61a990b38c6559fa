import type { HostSummary } from "../../core/api.ts";
import { useHostSetup } from "../state/host-setup-context.tsx";
import { useI18n } from "../state/i18n-context.tsx";
import { CoreText } from "./core-text.tsx";
import { connectionAdvice } from "../view-model/connection-advice.ts";

/** A real host's login trouble and what to do about it, plus removing the host from the console. */
export function ConnectionPanel(props: { host: HostSummary }) {
  const { host } = props;
  const i18n = useI18n();
  const { t } = i18n;
  const advice = connectionAdvice(host, i18n);
  const request = useHostSetup((state) => state.hostRequests[host.id]);
  const trustRequested = useHostSetup((state) => state.trustRequested);
  const retryRequested = useHostSetup((state) => state.retryRequested);
  const removeRequested = useHostSetup((state) => state.removeRequested);
  if (host.kind !== "ssh") return null;
  const busy = request?.busy === true;

  return (
    <section
      className="panel connection-panel"
      data-testid="connection-panel"
      aria-label={t("connection.label")}
    >
      {advice.kind !== "none" && (
        <div
          className={advice.kind === "key-changed" ? "advice danger" : "advice"}
          data-testid="connection-advice"
          data-kind={advice.kind}
        >
          <h3>{advice.title}</h3>
          <p>{advice.detail}</p>
          {advice.kind === "trust-key" && (
            <p>
              {t("connection.fingerprint")}{" "}
              <code data-testid="hostkey-fingerprint">{advice.fingerprint}</code>
            </p>
          )}
          <p className="core-message" data-testid="connection-message">
            <CoreText text={advice.message} />
          </p>
          {advice.kind === "trust-key" && (
            <button
              type="button"
              data-testid="trust-hostkey"
              disabled={busy}
              onClick={() => void trustRequested(host.id, advice.fingerprint)}
            >
              {t("connection.trust")}
            </button>
          )}
          {advice.kind !== "trust-key" && (
            <button
              type="button"
              data-testid="retry-host"
              disabled={busy}
              onClick={() => void retryRequested(host.id)}
            >
              {t("connection.retry")}
            </button>
          )}
        </div>
      )}
      {request?.message && (
        <p className="problem" role="alert" data-testid="connection-request-error">
          <CoreText text={request.message} />
        </p>
      )}
      <button
        type="button"
        className="secondary"
        data-testid="remove-host"
        disabled={busy}
        onClick={() => {
          if (window.confirm(t("connection.removeConfirm", { host: host.label })))
            void removeRequested(host.id);
        }}
      >
        {t("connection.remove")}
      </button>
    </section>
  );
}
