/**
 * Pure helpers over a HistoryQuery answer's steps: the value a chart draws for a step, gaps made
 * explicit (a null where a step is missing, so no line is drawn across it), resolution order and a
 * nearest-rank percentile.
 */
import type { Resolution, SeriesPoint } from "../history/history-query.ts";

/** A counter's step is drawn as its rate per second; a gauge's as its mean over the step. */
export function stepValue(point: SeriesPoint, counter: boolean): number {
  return counter ? (point.rate ?? 0) : point.mean;
}

/** A step further than 1.5 steps from the one before starts after a gap. */
const GAP_FACTOR = 1.5;

/**
 * [at, value] pairs in time order with a null at the first missing step after each run of data:
 * a chart breaks its line at a null, and a CSV row with an empty value marks the gap.
 */
export function withGaps(
  points: readonly SeriesPoint[],
  counter: boolean,
): Array<[number, number | null]> {
  const out: Array<[number, number | null]> = [];
  let previous: SeriesPoint | undefined;
  for (const point of points) {
    if (previous && point.at - previous.at > previous.stepMs * GAP_FACTOR) {
      out.push([previous.at + previous.stepMs, null]);
    }
    out.push([point.at, stepValue(point, counter)]);
    previous = point;
  }
  return out;
}

const ORDER: Record<Resolution, number> = { raw: 0, "1m": 1, "1h": 2 };

export function coarsest(resolutions: Iterable<Resolution>): Resolution {
  let worst: Resolution = "raw";
  for (const resolution of resolutions) if (ORDER[resolution] > ORDER[worst]) worst = resolution;
  return worst;
}

/** Nearest-rank percentile (p in 0..100) of the values; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}
