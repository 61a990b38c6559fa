/**
 * Keeps the last counter reading of every service and backend of one host and turns each new
 * `ipvsadm -Ln --stats --exact` listing into rates.
 *
 * IPVS folds its per-CPU counters into the visible totals only every 2 s (ip_vs_est.c), so a
 * reading taken sooner than that after the last one may show no change at all. Rates are therefore
 * taken over at least `minSeconds` (2 s by default): a reading inside that window keeps the
 * previous rate instead of reporting a false zero.
 */
import type { IpvsListing, VirtualService } from "../model/ipvs.ts";
import type { Rates } from "../model/counters.ts";
import { backendKey, serviceKey } from "../model/service-key.ts";
import { rateBetween, type CounterReading, type GapReason } from "./rate-between.ts";

interface TrackedSeries {
  base: CounterReading;
  lastRates?: Rates;
}

export interface RateGap {
  key: string;
  reason: GapReason;
}

export interface TrackerOptions {
  minSeconds?: number;
  maxSeconds?: number;
}

export class ListingRateTracker {
  private readonly series = new Map<string, TrackedSeries>();
  private readonly minSeconds: number;
  private readonly maxSeconds: number | undefined;

  constructor(options: TrackerOptions = {}) {
    this.minSeconds = options.minSeconds ?? 2;
    this.maxSeconds = options.maxSeconds;
  }

  /** Returns a copy of the listing's services with `rates` filled where known, and the gaps seen. */
  update(uptime: number, listing: IpvsListing): { services: VirtualService[]; gaps: RateGap[] } {
    const gaps: RateGap[] = [];
    const seen = new Set<string>();
    const services = listing.services.map((service) => {
      const key = serviceKey(service);
      const rates = this.track(key, uptime, service.stats, gaps, seen);
      return {
        ...service,
        ...(rates ? { rates } : {}),
        realServers: service.realServers.map((server) => {
          const serverRates = this.track(`${key} -> ${backendKey(server)}`, uptime, server.stats, gaps, seen);
          return serverRates ? { ...server, rates: serverRates } : { ...server };
        }),
      };
    });
    // A service or backend that vanished starts from a fresh baseline if it comes back.
    for (const key of this.series.keys()) if (!seen.has(key)) this.series.delete(key);
    return { services, gaps };
  }

  private track(
    key: string,
    uptime: number,
    counters: VirtualService["stats"],
    gaps: RateGap[],
    seen: Set<string>,
  ): Rates | undefined {
    if (!counters) return undefined;
    seen.add(key);
    const reading: CounterReading = { uptime, counters };
    const tracked = this.series.get(key);
    if (!tracked) {
      this.series.set(key, { base: reading });
      return undefined;
    }
    if (uptime - tracked.base.uptime < this.minSeconds && uptime > tracked.base.uptime) return tracked.lastRates;
    const outcome = rateBetween(tracked.base, reading, { maxSeconds: this.maxSeconds });
    if (outcome.kind === "gap") {
      gaps.push({ key, reason: outcome.reason });
      this.series.set(key, { base: reading });
      return undefined;
    }
    this.series.set(key, { base: reading, lastRates: outcome.rates });
    return outcome.rates;
  }
}
