/**
 * The increase of a cumulative counter over a run of samples, as Prometheus's `increase()` counts
 * it but exactly and without extrapolation: the sum of each step's rise, where a fall is a reset
 * (ipvsadm -Z, a reboot, a backend removed and added back) and the step after it counts the new
 * value from zero. Never negative, never wrapped. Pure.
 */

export type CounterSample = { at: number; value: bigint };

export type CounterIncrease = {
  total: bigint;
  resets: number;
  /** Per-interval rates (per second), one for each pair of consecutive samples. */
  rates: number[];
  /** Time between the first and the last sample, ms. */
  coveredMs: number;
};

export function counterIncrease(samples: readonly CounterSample[]): CounterIncrease {
  let total = 0n;
  let resets = 0;
  const rates: number[] = [];
  for (let i = 1; i < samples.length; i++) {
    const before = samples[i - 1] as CounterSample;
    const after = samples[i] as CounterSample;
    let rise = after.value - before.value;
    if (rise < 0n) {
      resets++;
      rise = after.value;
    }
    total += rise;
    const seconds = (after.at - before.at) / 1000;
    if (seconds > 0) rates.push(Number(rise) / seconds);
  }
  const first = samples[0];
  const last = samples[samples.length - 1];
  return { total, resets, rates, coveredMs: first && last ? last.at - first.at : 0 };
}

/** The p-th percentile (0..100) by the nearest-rank method; undefined for no values. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}
