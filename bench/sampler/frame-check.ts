/**
 * The benchmark's guard that it measures real work: every frame it times must be a complete frame
 * whose sections all ran and parse (core/sampler/frame-to-sample.ts) to the director's backends.
 */
import type { Frame } from "../../core/sampler/frame.ts";
import { frameToSample } from "../../core/sampler/frame-to-sample.ts";

export function checkFrame(frame: Frame, backends: number, sections: readonly string[]): void {
  const missing = sections.filter((name) => frame.sections.get(name)?.rc !== 0);
  if (missing.length > 0) throw new Error(`frame ${frame.seq}: sections missing or failed: ${missing.join(", ")}`);
  const sample = frameToSample(frame);
  if (sample.problems.length > 0) throw new Error(`frame ${frame.seq}: ${JSON.stringify(sample.problems)}`);
  const found = sample.ipvs?.services.reduce((sum, service) => sum + service.realServers.length, 0) ?? 0;
  if (found !== backends) throw new Error(`frame ${frame.seq}: ${found} backends, expected ${backends}`);
}
