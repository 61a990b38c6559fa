/**
 * How a drain is going, for the panel under the action result: the latest counts, their trend as
 * sparkline points, and the one verdict the operator waits for, "safe to stop", once the backend has
 * weight 0 and neither active nor inactive connections (nor, on a persistent service, templates that
 * could still send a returning client to it).
 */
import type { DrainSample, DrainWatch } from "./drain-watch.ts";
import { formatCount, formatPerSecond } from "./format-rate.ts";
import { sparklinePoints } from "./sparkline.ts";

export type DrainState = "waiting" | "draining" | "safe-to-stop" | "undrained";

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
    ...verdict(watch, latest),
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

function verdict(watch: DrainWatch, latest: DrainSample | undefined): { state: DrainState; message: string } {
  if (!latest) return { state: "waiting", message: "Waiting for the next sample of this backend…" };
  if (latest.weight > 0) {
    return {
      state: "undrained",
      message: `Weight is ${latest.weight} again: the backend takes new connections.`,
    };
  }
  const counts = `${formatCount(latest.activeConns)} active, ${formatCount(latest.inactiveConns)} inactive`;
  const templates = latest.persistConns ?? 0;
  if (latest.activeConns > 0 || latest.inactiveConns > 0 || templates > 0) {
    const withTemplates = templates > 0 ? `, ${formatCount(templates)} persistence templates` : "";
    // Weight 0 stops the scheduler, not persistence: returning clients still reach the backend.
    const arriving =
      latest.cps !== undefined && latest.cps > 0 && watch.persistentSeconds > 0
        ? ` ${formatPerSecond(latest.cps)} still arrive: persistence sends returning clients here.`
        : "";
    return { state: "draining", message: `Draining: ${counts}${withTemplates} left.${arriving}` };
  }
  // Persistence templates are invisible without --persistent-conn: wait out the timeout instead.
  const templatesExpireAt = watch.drainedAt + watch.persistentSeconds * 1000;
  if (watch.persistentSeconds > 0 && latest.persistConns === undefined && latest.at < templatesExpireAt) {
    const left = Math.ceil((templatesExpireAt - latest.at) / 1000);
    return {
      state: "draining",
      message: `No connections; persistence templates are not visible and may send returning clients for ${left} s more.`,
    };
  }
  return { state: "safe-to-stop", message: "No connections left: safe to stop the backend." };
}
