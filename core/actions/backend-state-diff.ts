/**
 * Differences between two views of one backend, in words, for compare-and-set and verification.
 * Thresholds are compared only when both sides know them.
 */
import type { VirtualService } from "../model/ipvs.ts";
import type { BackendState } from "./action-plan.ts";
import { backendStateOf, isRefusal, resolveTarget } from "./find-target.ts";

export function backendStateDiff(expected: BackendState, observed: BackendState): string[] {
  if (!expected.exists || !observed.exists) {
    if (expected.exists === observed.exists) return [];
    return [expected.exists ? "it no longer exists" : "it exists"];
  }
  const differences: string[] = [];
  if (expected.forward !== observed.forward)
    differences.push(`forward was ${expected.forward}, is ${observed.forward}`);
  if (expected.weight !== observed.weight)
    differences.push(`weight was ${expected.weight}, is ${observed.weight}`);
  for (const field of ["upperThreshold", "lowerThreshold"] as const) {
    const want = expected[field];
    const have = observed[field];
    if (want !== undefined && have !== undefined && want !== have)
      differences.push(`${field} was ${want}, is ${have}`);
  }
  return differences;
}

export function sameBackendState(expected: BackendState, observed: BackendState): boolean {
  return backendStateDiff(expected, observed).length === 0;
}

/** The target backend's state in a freshly read table. */
export function observeBackend(
  services: readonly VirtualService[],
  service: string,
  backend: string,
): BackendState {
  const target = resolveTarget(services, service, backend);
  if (isRefusal(target)) return { exists: false };
  return backendStateOf(target.server);
}

export function describeState(state: BackendState): string {
  if (!state.exists) return "absent";
  return `${state.forward} weight ${state.weight}`;
}
