/**
 * The HostSession state machine driven by an injected clock, random source and connector (no
 * network): backoff with jitter and retryAt, reset after success, failures that need the
 * operator, and close() ending everything.
 */
import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import type { SessionState } from "../../../core/api.ts";
import { backoffDelay } from "../../../core/ssh/backoff.ts";
import type { Clock } from "../../../core/ssh/clock.ts";
import type { OpenConnection } from "../../../core/ssh/connect-chain.ts";
import { problemError } from "../../../core/ssh/problem.ts";
import { HostSession } from "../../../core/ssh/session.ts";
import { resolveSshHost } from "../../../core/ssh/ssh-config.ts";
import { createHostKeyPolicy } from "../../../core/ssh/host-key-policy.ts";

class ManualClock implements Clock {
  time = 1_000_000;
  timers: Array<{ at: number; callback: () => void; id: number }> = [];
  #next = 0;
  now = () => this.time;
  setTimeout = (callback: () => void, delayMs: number) => {
    const id = ++this.#next;
    this.timers.push({ at: this.time + delayMs, callback, id });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };
  /** Jumps to the earliest timer and runs it. */
  fireNext(): void {
    this.timers.sort((a, b) => a.at - b.at);
    const timer = this.timers.shift();
    if (!timer) throw new Error("no timer pending");
    this.time = timer.at;
    timer.callback();
  }
}

function fakeConnection(): { open: OpenConnection; drop(): void } {
  const client = Object.assign(new EventEmitter(), { end: () => {} });
  return {
    open: { client, clients: [client] } as unknown as OpenConnection,
    drop: () => client.emit("close"),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const target = resolveSshHost("Host lb\n  HostName 10.0.0.1\n", "lb", {
  home: "/nonexistent",
  localUser: "ops",
});
const policy = { initialMs: 1000, maxMs: 8000, factor: 2, jitter: 0.5 };

describe("HostSession state machine", () => {
  it("retries transient failures with capped exponential backoff and jitter, then resets", async () => {
    const clock = new ManualClock();
    const outcomes: Array<"refused" | "ok"> = ["refused", "refused", "refused", "refused", "refused", "ok"];
    const live = fakeConnection();
    const states: SessionState[] = [];
    const session = new HostSession({
      target,
      hostKeys: createHostKeyPolicy("/nonexistent/store.json"),
      clock,
      random: () => 0.5,
      backoff: policy,
      connect: async () => {
        if (outcomes.shift() === "refused") throw problemError("terminated", "connection refused");
        return live.open;
      },
    });
    session.on("stateChanged", (s) => states.push(s));
    const ready = session.connect();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      await settle();
      expect(session.state.phase).toBe("retrying");
      delays.push((session.state.retryAt ?? 0) - clock.now());
      expect(session.state.problem?.code).toBe("terminated");
      clock.fireNext();
    }
    await ready;
    expect(session.state).toEqual({ phase: "ready" });
    // base 1000, 2000, 4000, 8000, 8000 (capped), each minus 0.5 * 0.5 jitter.
    expect(delays).toEqual([750, 1500, 3000, 6000, 6000]);
    expect(delays).toEqual([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 0.5)));

    // A later loss starts again from the first delay.
    outcomes.push("ok");
    live.drop();
    expect(session.state.phase).toBe("retrying");
    expect((session.state.retryAt ?? 0) - clock.now()).toBe(750);
    expect(states.filter((s) => s.phase === "connecting")).toHaveLength(6);
  });

  it("fails without retrying on problems only the operator can fix", async () => {
    const clock = new ManualClock();
    const session = new HostSession({
      target,
      hostKeys: createHostKeyPolicy("/nonexistent/store.json"),
      clock,
      connect: async () => {
        throw problemError("authentication-failed", "no key accepted");
      },
    });
    await expect(session.connect()).rejects.toMatchObject({ problem: { code: "authentication-failed" } });
    expect(session.state).toMatchObject({ phase: "failed", problem: { code: "authentication-failed" } });
    expect(clock.timers).toHaveLength(0);
  });

  it("close() cancels a pending retry, rejects waiters and is final", async () => {
    const clock = new ManualClock();
    let attempts = 0;
    const session = new HostSession({
      target,
      hostKeys: createHostKeyPolicy("/nonexistent/store.json"),
      clock,
      random: () => 0,
      connect: async () => {
        attempts++;
        throw problemError("timeout", "no answer");
      },
    });
    const waiting = session.connect();
    await settle();
    expect(session.state.phase).toBe("retrying");
    session.close();
    await expect(waiting).rejects.toMatchObject({ problem: { code: "terminated" } });
    expect(clock.timers).toHaveLength(0);
    expect(session.state).toEqual({ phase: "closed" });
    await expect(session.connect()).rejects.toMatchObject({ problem: { code: "terminated" } });
    expect(attempts).toBe(1);
  });
});
