import { afterEach, describe, expect, it, vi } from "vitest";
import type { CredentialRequest, EventOf } from "../../../core/api.ts";
import { CredentialBroker } from "../../../core/app/credential-broker.ts";

afterEach(() => vi.useRealTimers());

function broker(timeoutMs = 1000) {
  const requested: CredentialRequest[] = [];
  const settled: EventOf<"credentialSettled">[] = [];
  const b = new CredentialBroker({
    onRequested: (r) => requested.push(r),
    onSettled: (s) => settled.push(s),
    timeoutMs,
  });
  return { b, requested, settled };
}

describe("CredentialBroker", () => {
  it("publishes each question under its own id and hands the answer to the login that asked, once", async () => {
    const { b, requested, settled } = broker();
    const answer = b.promptsFor("lb1").askPassphrase!({
      kind: "passphrase-needed",
      keyFile: "/k",
      destination: "root@lb1:22",
      attempt: 1,
    });
    expect(requested).toEqual([
      {
        promptId: expect.any(String),
        hostId: "lb1",
        kind: "passphrase-needed",
        keyFile: "/k",
        destination: "root@lb1:22",
        attempt: 1,
      },
    ]);
    expect(b.pending()).toEqual(requested);
    const id = requested[0]!.promptId;
    expect(b.answer(id, "secret")).toBe(true);
    expect(await answer).toBe("secret");
    expect(b.answer(id, "again")).toBe(false);
    expect(settled).toEqual([{ promptId: id, how: "answered" }]);
    expect(b.pending()).toEqual([]);
  });

  it("expires an unanswered question as a skip, and cancels a removed host's questions", async () => {
    vi.useFakeTimers();
    const { b, requested, settled } = broker(1000);
    const expiring = b.promptsFor("lb1").askPassword!({
      kind: "password-needed",
      destination: "u@lb1:22",
      attempt: 1,
    });
    const cancelled = b.promptsFor("lb2").askPassword!({
      kind: "password-needed",
      destination: "u@lb2:22",
      attempt: 1,
    });
    const kept = b.promptsFor("lb3").askPassword!({
      kind: "password-needed",
      destination: "u@lb3:22",
      attempt: 1,
    });
    b.cancelHost("lb2");
    expect(await cancelled).toBeUndefined();
    vi.advanceTimersByTime(1000);
    expect(await expiring).toBeUndefined();
    expect(settled.map((s) => s.how)).toEqual(["cancelled", "expired", "expired"]);
    expect(await kept).toBeUndefined();
    expect(requested).toHaveLength(3);
  });
});
