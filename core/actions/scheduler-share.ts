/**
 * Which share of NEW connections each backend gets under a scheduler, from weights alone
 * (ip_vs_*.c in the kernel). Weight 0 is quiescent everywhere: no new connections.
 *   rr, lc:             equal among weighted backends (weights other than 0 are ignored)
 *   wrr, wlc, sed, nq, twos: proportional to weight (wlc/sed/nq in steady state)
 *   fo:                 all to the highest weight (unknown on a tie: the kernel's list order decides)
 *   sh, dh, mh, lblc, lblcr, ovf and anything else: depends on addresses or load: unknown
 * Persistence makes it unknown too: returning clients stay where their template points.
 */
const EQUAL = new Set(["rr", "lc"]);
const PROPORTIONAL = new Set(["wrr", "wlc", "sed", "nq", "twos"]);

export type ShareModel = "equal" | "proportional" | "failover" | "unknown";

export function shareModel(scheduler: string, persistent: boolean): ShareModel {
  if (persistent) return "unknown";
  if (EQUAL.has(scheduler)) return "equal";
  if (PROPORTIONAL.has(scheduler)) return "proportional";
  if (scheduler === "fo") return "failover";
  return "unknown";
}

/** Shares in the order of `weights`; undefined when the model is unknown or no backend is weighted. */
export function newConnectionShares(model: ShareModel, weights: readonly number[]): number[] | undefined {
  if (model === "unknown") return undefined;
  const weighted = weights.filter((weight) => weight > 0);
  if (weighted.length === 0) return undefined;
  if (model === "equal") return weights.map((weight) => (weight > 0 ? 1 / weighted.length : 0));
  if (model === "proportional") {
    const total = weighted.reduce((sum, weight) => sum + weight, 0);
    return weights.map((weight) => (weight > 0 ? weight / total : 0));
  }
  const highest = Math.max(...weighted);
  if (weights.filter((weight) => weight === highest).length > 1) return undefined;
  const chosen = weights.indexOf(highest);
  return weights.map((_weight, index) => (index === chosen ? 1 : 0));
}
