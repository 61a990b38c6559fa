/**
 * What the operator can do about a real host that failed to connect: trust an unknown host key
 * after checking its fingerprint, nothing but investigate for a changed key (never a one-click
 * accept), or try again once the cause is fixed. The core's own message is always shown.
 */
import type { HostSummary } from "../../core/api.ts";
import type { I18n } from "../i18n/i18n.ts";

export type ConnectionAdvice =
  | { kind: "none" }
  | { kind: "trust-key"; title: string; detail: string; fingerprint: string; message: string }
  | { kind: "key-changed"; title: string; detail: string; message: string }
  | { kind: "retry"; title: string; detail: string; message: string };

export function connectionAdvice(host: HostSummary, i18n: I18n): ConnectionAdvice {
  const { t } = i18n;
  const { phase, problem } = host.state;
  if (host.kind !== "ssh" || phase !== "failed" || !problem) return { kind: "none" };
  const { message } = problem;
  switch (problem.code) {
    case "unknown-hostkey":
      if (!problem.fingerprint) break;
      return {
        kind: "trust-key",
        title: t("advice.trustKey.title"),
        detail: t("advice.trustKey.detail"),
        fingerprint: problem.fingerprint,
        message,
      };
    case "hostkey-changed":
      return {
        kind: "key-changed",
        title: t("advice.keyChanged.title"),
        detail: t("advice.keyChanged.detail"),
        message,
      };
    case "authentication-failed":
      return {
        kind: "retry",
        title: t("advice.authFailed.title"),
        detail: t("advice.authFailed.detail"),
        message,
      };
  }
  return {
    kind: "retry",
    title: t("advice.retry.title"),
    detail: t("advice.retry.detail"),
    message,
  };
}
