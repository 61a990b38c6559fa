/**
 * Reconnect delays: exponential, capped, with jitter so a fleet of hosts that dropped together
 * (a console's network blip) does not reconnect in lockstep.
 */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** Fraction of the delay that may be taken off at random: 0 none, 0.5 "equal jitter". */
  jitter: number;
}

export const defaultBackoff: BackoffPolicy = { initialMs: 1000, maxMs: 60_000, factor: 2, jitter: 0.5 };

/** Delay before attempt `attempt` (1 for the first retry); `random` returns [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const base = Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.max(0, attempt - 1));
  return Math.round(base * (1 - policy.jitter * random()));
}
