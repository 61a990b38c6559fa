import type { HostSummary } from "../../core/api.ts";
import { useHostSetup } from "../state/host-setup-context.tsx";
import { connectionAdvice } from "../view-model/connection-advice.ts";

/** A real host's login trouble and what to do about it, plus removing the host from the console. */
export function ConnectionPanel(props: { host: HostSummary }) {
  const { host } = props;
  const advice = connectionAdvice(host);
  const request = useHostSetup((state) => state.hostRequests[host.id]);
  const trustRequested = useHostSetup((state) => state.trustRequested);
  const retryRequested = useHostSetup((state) => state.retryRequested);
  const removeRequested = useHostSetup((state) => state.removeRequested);
  if (host.kind !== "ssh") return null;
  const busy = request?.busy === true;

  return (
    <section className="panel connection-panel" data-testid="connection-panel" aria-label="Connection">
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
              Fingerprint: <code data-testid="hostkey-fingerprint">{advice.fingerprint}</code>
            </p>
          )}
          <p className="core-message" data-testid="connection-message">
            {advice.message}
          </p>
          {advice.kind === "trust-key" && (
            <button
              type="button"
              data-testid="trust-hostkey"
              disabled={busy}
              onClick={() => void trustRequested(host.id, advice.fingerprint)}
            >
              I checked it: trust this key and connect
            </button>
          )}
          {advice.kind !== "trust-key" && (
            <button
              type="button"
              data-testid="retry-host"
              disabled={busy}
              onClick={() => void retryRequested(host.id)}
            >
              Try again
            </button>
          )}
        </div>
      )}
      {request?.message && (
        <p className="problem" role="alert" data-testid="connection-request-error">
          {request.message}
        </p>
      )}
      <button
        type="button"
        className="secondary"
        data-testid="remove-host"
        disabled={busy}
        onClick={() => {
          if (window.confirm(`Stop following ${host.label}? Its audit entries stay.`))
            void removeRequested(host.id);
        }}
      >
        Remove host
      </button>
    </section>
  );
}
