import { english } from "../../../../renderer/i18n/i18n.ts";
import { describe, expect, it } from "vitest";
import { sessionStateLabel } from "../../../../renderer/view-model/session-state-label.ts";

describe("sessionStateLabel", () => {
  const now = 1_000_000;
  it.each([
    [{ phase: "ready" as const }, "Connected", "ok"],
    [{ phase: "connecting" as const }, "Connecting…", "busy"],
    [{ phase: "retrying" as const, retryAt: now + 4_200 }, "Retrying in 5 s", "busy"],
    [{ phase: "retrying" as const, retryAt: now - 10 }, "Retrying in 0 s", "busy"],
    [{ phase: "retrying" as const }, "Retrying", "busy"],
    [
      {
        phase: "failed" as const,
        problem: { code: "authentication-failed" as const, message: "root@lb1: publickey refused" },
      },
      "Failed: root@lb1: publickey refused",
      "bad",
    ],
    [{ phase: "failed" as const }, "Failed", "bad"],
    [{ phase: "closed" as const }, "Closed", "idle"],
    [{ phase: "idle" as const }, "Not connected", "idle"],
  ])("%j -> %s", (state, text, tone) => {
    expect(sessionStateLabel(state, now, english)).toEqual({ text, tone });
  });
});
