/**
 * How a drain is going, from successive samples of the drained backend. Active and inactive
 * connections fall as clients finish and TIME_WAIT/FIN_WAIT entries expire; persistence templates
 * keep sending returning clients until they expire. Pure: the caller brings the samples.
 */
export interface DrainSample {
  /** Epoch ms. */
  at: number;
  activeConns: number;
  inactiveConns: number;
  /** From --persistent-conn, when the sampler reads it. */
  persistConns?: number;
}

export interface DrainContext {
  /** The service's persistence timeout in seconds (0 or absent: not persistent). */
  persistentSeconds?: number;
  /** When the weight became 0 (epoch ms). */
  drainedAt: number;
  /** Samples without any decrease before the drain counts as stalled. Default 5. */
  stallSamples?: number;
}

export type DrainProgress =
  | { state: "waiting"; message: string }
  | { state: "draining"; activeConns: number; inactiveConns: number; persistConns?: number; message: string }
  | { state: "safe-to-stop"; message: string }
  | {
      state: "stalled";
      activeConns: number;
      inactiveConns: number;
      persistConns?: number;
      samples: number;
      message: string;
    };

const load = (sample: DrainSample): number =>
  sample.activeConns + sample.inactiveConns + (sample.persistConns ?? 0);

export function drainProgress(samples: readonly DrainSample[], context: DrainContext): DrainProgress {
  const latest = samples.at(-1);
  if (!latest) return { state: "waiting", message: "no sample of the backend yet" };
  const persistent = (context.persistentSeconds ?? 0) > 0;
  const counts = {
    activeConns: latest.activeConns,
    inactiveConns: latest.inactiveConns,
    ...(latest.persistConns !== undefined ? { persistConns: latest.persistConns } : {}),
  };
  const described =
    `${latest.activeConns} active, ${latest.inactiveConns} inactive` +
    (latest.persistConns !== undefined ? `, ${latest.persistConns} persistence templates` : "");

  if (load(latest) === 0) {
    // Without --persistent-conn we cannot see templates: wait out the persistence timeout.
    const templatesUnseen = persistent && latest.persistConns === undefined;
    const templatesExpireAt = context.drainedAt + (context.persistentSeconds ?? 0) * 1000;
    if (templatesUnseen && latest.at < templatesExpireAt) {
      const left = Math.ceil((templatesExpireAt - latest.at) / 1000);
      return {
        state: "draining",
        ...counts,
        message: `no connections; persistence templates are not visible and may last ${left} s more`,
      };
    }
    return { state: "safe-to-stop", message: "no connections left: safe to stop the backend" };
  }

  const window = context.stallSamples ?? 5;
  if (samples.length > window) {
    const recent = samples.slice(-(window + 1));
    const decreased = recent.some(
      (sample, index) => index > 0 && load(sample) < load(recent[index - 1] as DrainSample),
    );
    if (!decreased) {
      return {
        state: "stalled",
        ...counts,
        samples: window,
        message: `${described}: no decrease in the last ${window} samples`,
      };
    }
  }
  return { state: "draining", ...counts, message: `${described} left` };
}
