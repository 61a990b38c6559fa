/**
 * How a drain is going, for the panel under the action result: the latest counts, their trend as
 * sparkline points, and the one verdict the operator waits for, "safe to stop", as the CLI's
 * `drain --wait` computes it (shared/drain-verdict.ts): nothing here re-derives it.
 */
import { drainVerdict, type DrainSample, type DrainState } from "../../shared/drain-verdict.ts";
import type { DrainWatch } from "./drain-watch.ts";
import type { I18n } from "../i18n/i18n.ts";
import { sparklinePoints } from "./sparkline.ts";

export interface DrainProgressView {
  key: string;
  service: string;
  backend: string;
  state: DrainState;
  /** The shared verdict's sentence (shared/drain-verdict.ts), English as the CLI prints it. */
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

export function toDrainProgress(watch: DrainWatch, i18n: I18n): DrainProgressView {
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
    activeConns: latest ? i18n.count(latest.activeConns) : "",
    inactiveConns: latest ? i18n.count(latest.inactiveConns) : "",
    cps: latest ? i18n.perSecond(latest.cps) : "",
    activeLine: line((sample) => sample.activeConns),
    inactiveLine: line((sample) => sample.inactiveConns),
    recent: watch.samples
      .slice(-RECENT_SAMPLES)
      .reverse()
      .map((sample) => ({
        at: sample.at,
        activeConns: i18n.count(sample.activeConns),
        inactiveConns: i18n.count(sample.inactiveConns),
      })),
  };
}
