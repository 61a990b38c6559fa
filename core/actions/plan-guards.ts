/**
 * Guards: conditions under which a plan needs the operator to type the service key. They never
 * block forever; they make a risky change deliberate (DESIGN.md §5).
 */
import type { ActionKind } from "./action-intent.ts";
import type { BackendPrediction, GuardHit } from "./action-plan.ts";
import type { BackendAfter } from "./load-prediction.ts";
import { productionGuard } from "./plan-result.ts";

export interface GuardInput {
  kind: ActionKind;
  serviceKey: string;
  backendKey: string;
  production: boolean;
  hostId: string;
  weightsBefore: readonly number[];
  after: readonly BackendAfter[];
  /** Share of new connections per backend key before the change. */
  sharesBefore: ReadonlyMap<string, number>;
  predictions: readonly BackendPrediction[];
  /** Fraction of a backend's capacity its predicted connections may reach (default 0.8). */
  capacityFraction: number;
}

export interface GuardResult {
  hits: GuardHit[];
  /** Backends whose share grows but have no capacity to check. */
  uncheckedCapacity: string[];
}

export function checkGuards(input: GuardInput): GuardResult {
  const hits: GuardHit[] = [];
  const hadWeighted = input.weightsBefore.some((weight) => weight > 0);
  const hasWeighted = input.after.some((backend) => backend.weight > 0);
  if (hadWeighted && !hasWeighted) {
    hits.push({
      code: "last-weighted-backend",
      message: `${input.backendKey} is the last backend of ${input.serviceKey} with a weight: new connections to the service would have nowhere to go`,
    });
  }
  const uncheckedCapacity: string[] = [];
  for (const prediction of input.predictions) {
    if (prediction.share === "unknown" || prediction.share === 0) continue;
    const grows = prediction.share > (input.sharesBefore.get(prediction.backend) ?? 0);
    if (!grows || prediction.connections === "unknown") continue;
    if (prediction.capacity === undefined) {
      uncheckedCapacity.push(prediction.backend);
      continue;
    }
    const limit = prediction.capacity * input.capacityFraction;
    if (prediction.connections > limit) {
      hits.push({
        code: "capacity",
        message:
          `${prediction.backend} would carry about ${Math.round(prediction.connections)} connections, over ` +
          `${Math.round(input.capacityFraction * 100)} % of its capacity ${prediction.capacity} (${Math.floor(limit)})`,
      });
    }
  }
  if (input.production) hits.push(productionGuard(input.hostId));
  return { hits, uncheckedCapacity };
}
