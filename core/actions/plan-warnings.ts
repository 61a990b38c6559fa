/**
 * What the operator should know before a change runs, none of which stops it. The keepalived
 * wording follows formats.md §4.3: keepalived writes IPVS and never reads it back.
 */
import type { VirtualService } from "../model/ipvs.ts";
import type { ActionKind } from "./action-intent.ts";
import type { BackendPrediction, BackendState, PlanWarning } from "./action-plan.ts";

export interface WarningInput {
  kind: ActionKind;
  service: VirtualService;
  serviceKey: string;
  keepalivedManaged: boolean;
  before: BackendState;
  expectedAfter: BackendState;
  predictions: readonly BackendPrediction[];
  /** Backends whose share grows and that have no capacity to check against. */
  uncheckedCapacity: readonly string[];
}

const KEEPALIVED_BY_KIND: Record<ActionKind, string> = {
  setWeight:
    "manual weights are temporary: keepalived sets its configured weight again on this backend's next health-check transition, on a reload that changes it in keepalived.conf, and on a restart",
  drain:
    "the drain is temporary: keepalived restores the configured weight on this backend's next health-check transition, on a reload that changes it in keepalived.conf, and on a restart",
  undrain:
    "manual weights are temporary: keepalived sets its configured weight again on this backend's next health-check transition, on a reload that changes it in keepalived.conf, and on a restart",
  remove:
    "keepalived may re-add this backend on its next health-check transition, on a reload that changes this virtual server, or on a restart",
  restore:
    "a backend added by hand is not health-checked by keepalived; keepalived may remove it again when it reloads this virtual server or restarts",
};

export function planWarnings(input: WarningInput): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  const { service } = input;
  if (input.keepalivedManaged) {
    warnings.push({
      code: "keepalived-managed",
      message: `${input.serviceKey} is managed by keepalived: ${KEEPALIVED_BY_KIND[input.kind]}`,
    });
  }
  const quiesced = input.expectedAfter.exists && input.expectedAfter.weight === 0;
  if ((service.persistent ?? 0) > 0 && quiesced) {
    warnings.push({
      code: "persistence",
      message:
        `persistent ${service.persistent} s: a backend with weight 0 still receives clients whose persistence ` +
        `template points at it, until the template expires (up to ${service.persistent} s after their last connection)`,
    });
    warnings.push({
      code: "expire-quiescent-template",
      message:
        "set net.ipv4.vs.expire_quiescent_template=1 on the director to expire those templates at once",
    });
  }
  if (
    input.predictions.some((prediction) => prediction.outBps === "unknown" && prediction.share !== "unknown")
  ) {
    warnings.push({
      code: "outbound-unknown",
      message: "DR/TUN backends reply around the director: their outbound traffic is not seen here",
    });
  }
  if (input.predictions.some((prediction) => prediction.share === "unknown")) {
    const why =
      (service.persistent ?? 0) > 0
        ? "persistence keeps returning clients where they were"
        : `the ${service.scheduler} scheduler does not split by weight alone`;
    warnings.push({
      code: "share-unknown",
      message: `the share of new connections cannot be predicted: ${why}`,
    });
  }
  if (!service.rates)
    warnings.push({
      code: "rates-unknown",
      message: "no current rates for this service: load predictions are unknown",
    });
  if (input.uncheckedCapacity.length > 0) {
    warnings.push({
      code: "capacity-unknown",
      message: `no capacity known for ${input.uncheckedCapacity.join(", ")} (no -x threshold, no default): not checked against load`,
    });
  }
  const thresholdsUnknown = input.before.exists && input.before.upperThreshold === undefined;
  if (thresholdsUnknown && input.kind !== "restore") {
    warnings.push({
      code: "thresholds-unknown",
      message:
        "this state does not show -x/-y thresholds: ipvsadm -e and a later restore would set them to 0 (read ipvsadm -Ln --thresholds)",
    });
  }
  return warnings;
}
