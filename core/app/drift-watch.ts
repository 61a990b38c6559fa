/**
 * Watches the backends Fulcrum changed: when a later snapshot shows another weight or forwarding
 * method (keepalived on a check transition or a reload that changed it, an agent, another
 * operator), it says so once. A new action on the same backend replaces what is watched.
 */
import { detectWeightDrift, type WeightDrift } from "../actions/weight-drift.ts";
import type { HostSnapshot } from "../api.ts";
import { backendKey, serviceKey } from "../model/service-key.ts";

export interface WatchedChange {
  service: string;
  backend: string;
  weight: number;
  forward: string;
  keepalivedManaged: boolean;
}

export interface DriftAlert {
  service: string;
  backend: string;
  drift: WeightDrift;
}

export class DriftWatch {
  readonly #watched = new Map<string, WatchedChange>();

  watch(change: WatchedChange): void {
    this.#watched.set(`${change.service} -> ${change.backend}`, change);
  }

  /** Alerts for drifted backends; each is then no longer watched. */
  check(snapshot: HostSnapshot): DriftAlert[] {
    const alerts: DriftAlert[] = [];
    const at = new Date(snapshot.at).toISOString();
    for (const [key, change] of this.#watched) {
      const service = snapshot.services.find((candidate) => serviceKey(candidate) === change.service);
      // A service missing from this snapshot (a failed section) says nothing about the backend.
      if (!service) continue;
      const observed = service.realServers.find((server) => backendKey(server) === change.backend);
      const drift = detectWeightDrift(
        {
          backend: change.backend,
          weight: change.weight,
          forward: change.forward,
          keepalivedManaged: change.keepalivedManaged,
        },
        observed,
        at,
      );
      if (drift) {
        alerts.push({ service: change.service, backend: change.backend, drift });
        this.#watched.delete(key);
      }
    }
    return alerts;
  }
}
