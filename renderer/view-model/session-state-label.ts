/** A host session's state in words, for the host list; the problem message is the core's own. */
import type { SessionState } from "../../core/api.ts";
import type { I18n } from "../i18n/i18n.ts";

export interface SessionStateView {
  text: string;
  tone: "ok" | "busy" | "bad" | "idle";
}

export function sessionStateLabel(state: SessionState, now: number, i18n: I18n): SessionStateView {
  const { t } = i18n;
  switch (state.phase) {
    case "ready":
      return { text: t("session.ready"), tone: "ok" };
    case "connecting":
      return { text: t("session.connecting"), tone: "busy" };
    case "retrying": {
      if (state.retryAt === undefined) return { text: t("session.retrying"), tone: "busy" };
      const seconds = Math.max(0, Math.ceil((state.retryAt - now) / 1000));
      return { text: t("session.retryingIn", { seconds }), tone: "busy" };
    }
    case "failed":
      return {
        text: state.problem
          ? t("session.failedWith", { problem: state.problem.message })
          : t("session.failed"),
        tone: "bad",
      };
    case "closed":
      return { text: t("session.closed"), tone: "idle" };
    case "idle":
      return { text: t("session.idle"), tone: "idle" };
  }
}
