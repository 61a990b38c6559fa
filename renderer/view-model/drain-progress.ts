/**
 * How a drain is going, for the panel under the action result: the latest counts, their trend as
 * sparkline points, and the one verdict the operator waits for, "safe to stop", as the CLI's
 * `drain --wait` computes it (shared/drain-verdict.ts): nothing here re-derives it.
 */
import { drainVerdict, type DrainSample, type DrainState } from "../../shared/drain-verdict.ts";
import type { DrainWatch } from "./drain-watch.ts";
import { formatCount, formatPerSecond } from "./format-rate.ts";
import { sparklinePoints } from "./sparkline.ts";

export interface DrainProgressView {
  key: string;
  service: string;
  backend: string;
  state: DrainState;
  message: string;
  activeConns: string;
  inactiveConns: string;
  cps: string;
  /** SVG polyline points for active and inactive connections on a shared scale. */
  activeLine: string;
  inactiveLine: string;
  /** The last few samples, newest first, for the list under the sparkline. */
  recent: { at: number; activeConns: string; inactiveConns: string }[];
}

export const SPARKLINE_SIZE = { width: 160, height: 36 };
const RECENT_SAMPLES = 5;

export function toDrainProgress(watch: DrainWatch): DrainProgressView {
  const latest = watch.samples.at(-1);
  const ceiling = Math.max(
    1,
    ...watch.samples.map((sample) => Math.max(sample.activeConns, sample.inactiveConns)),
  );
  const line = (value: (sample: DrainSample) => number) =>
    sparklinePoints(watch.samples.map(value), ceiling, SPARKLINE_SIZE);
  return {
    key: `${watch.hostId} ${watch.service} ${watch.backend}`,
    service: watch.service,
    backend: watch.backend,
    ...drainVerdict(watch.samples, watch.context),
    activeConns: latest ? formatCount(latest.activeConns) : "",
    inactiveConns: latest ? formatCount(latest.inactiveConns) : "",
    cps: latest ? formatPerSecond(latest.cps) : "",
    activeLine: line((sample) => sample.activeConns),
    inactiveLine: line((sample) => sample.inactiveConns),
    recent: watch.samples
      .slice(-RECENT_SAMPLES)
      .reverse()
      .map((sample) => ({
        at: sample.at,
        activeConns: formatCount(sample.activeConns),
        inactiveConns: formatCount(sample.inactiveConns),
      })),
  };
}
