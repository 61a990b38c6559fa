/**
 * Keeps the last counter reading of every service and backend of one host and turns each new
 * `ipvsadm -Ln --stats --exact` listing into rates.
 *
 * IPVS folds its per-CPU counters into the visible totals only every 2 s (ip_vs_est.c), so a
 * reading taken sooner than that after the last one may show no change at all. Rates are therefore
 * taken over at least `minSeconds` (2 s by default): a reading inside that window keeps the
 * previous rate instead of reporting a false zero.
 *
 * This runs for every backend of every host each second (DESIGN §8: 20 hosts x 500 backends), so
 * the readings are kept per service in place and marked with the update that last saw them,
 * rather than rebuilt in new maps and sets every time.
 */
import type { IpvsListing, VirtualService } from "../model/ipvs.ts";
import type { Counters, Rates } from "../model/counters.ts";
import { backendKey, serviceKey } from "../model/service-key.ts";
import { rateBetween, type CounterReading, type GapReason, type RateOptions } from "./rate-between.ts";

interface TrackedSeries {
  base: CounterReading;
  lastRates: Rates | undefined;
  /** The update that last read this series; older ones are forgotten at the end of an update. */
  seen: number;
}

interface TrackedBackend extends TrackedSeries {
  key: string;
  address: string;
  port: number;
}

interface TrackedService {
  own: TrackedSeries | undefined;
  backends: Map<string, TrackedBackend>;
  /**
   * The backends in the last listing's order (undefined where a row had no counters). The kernel
   * lists them in the same order every time, so row i is looked for here before any key is built.
   */
  order: (TrackedBackend | undefined)[];
  seen: number;
}

export interface RateGap {
  key: string;
  reason: GapReason;
}

export interface TrackerOptions {
  minSeconds?: number;
  maxSeconds?: number;
}

/** Rates of one listing, index-aligned with its services and their realServers. */
export interface ListingRates {
  services: { rates: Rates | undefined; servers: (Rates | undefined)[] }[];
  gaps: RateGap[];
}

export class ListingRateTracker {
  readonly #services = new Map<string, TrackedService>();
  readonly #minSeconds: number;
  readonly #rateOptions: RateOptions;
  #update = 0;
  /** The gap the last #step found, if any (saves an outcome object per backend). */
  #gap: GapReason | undefined;

  constructor(options: TrackerOptions = {}) {
    this.#minSeconds = options.minSeconds ?? 2;
    this.#rateOptions = options.maxSeconds === undefined ? {} : { maxSeconds: options.maxSeconds };
  }

  /** Returns a copy of the listing's services with `rates` filled where known, and the gaps seen. */
  update(uptime: number, listing: IpvsListing): { services: VirtualService[]; gaps: RateGap[] } {
    const rated = this.rates(uptime, listing.services);
    const services = listing.services.map((service, i) => {
      const { rates, servers } = rated.services[i] as ListingRates["services"][number];
      return {
        ...service,
        ...(rates ? { rates } : {}),
        realServers: service.realServers.map((server, j) => {
          const serverRates = servers[j];
          return serverRates ? { ...server, rates: serverRates } : { ...server };
        }),
      };
    });
    return { services, gaps: rated.gaps };
  }

  /** The rates of every service and backend, without copying the services. */
  rates(uptime: number, services: readonly VirtualService[]): ListingRates {
    const update = ++this.#update;
    const gaps: RateGap[] = [];
    const rated = services.map((service) => {
      const key = serviceKey(service);
      let tracked = this.#services.get(key);
      if (!tracked) {
        tracked = { own: undefined, backends: new Map(), order: [], seen: update };
        this.#services.set(key, tracked);
      }
      tracked.seen = update;
      let rates: Rates | undefined;
      if (service.stats) {
        this.#gap = undefined;
        if (tracked.own) rates = this.#step(tracked.own, uptime, service.stats, update);
        else tracked.own = newSeries(uptime, service.stats, update);
        if (this.#gap) gaps.push({ key, reason: this.#gap });
      }
      const { backends, order: lastOrder } = tracked;
      const order: (TrackedBackend | undefined)[] = [];
      const servers = service.realServers.map((server, i) => {
        if (!server.stats) {
          order.push(undefined);
          return undefined;
        }
        const inPlace = lastOrder[i];
        let series: TrackedBackend | undefined =
          inPlace && inPlace.port === server.port && inPlace.address === server.address
            ? inPlace
            : backends.get(backendKey(server));
        let serverRates: Rates | undefined;
        if (series) {
          serverRates = this.#step(series, uptime, server.stats, update);
          if (this.#gap) gaps.push({ key: `${key} -> ${series.key}`, reason: this.#gap });
        } else {
          const { address, port } = server;
          series = {
            base: { uptime, counters: server.stats },
            lastRates: undefined,
            seen: update,
            key: backendKey(server),
            address,
            port,
          };
          backends.set(series.key, series);
        }
        order.push(series);
        return serverRates;
      });
      tracked.order = order;
      return { rates, servers };
    });
    this.#forgetUnseen(update);
    return { services: rated, gaps };
  }

  /** Moves a series to a new reading; sets #gap when the interval is a gap. */
  #step(series: TrackedSeries, uptime: number, counters: Counters, update: number): Rates | undefined {
    this.#gap = undefined;
    series.seen = update;
    if (uptime - series.base.uptime < this.#minSeconds && uptime > series.base.uptime)
      return series.lastRates;
    const reading: CounterReading = { uptime, counters };
    const outcome = rateBetween(series.base, reading, this.#rateOptions);
    series.base = reading;
    if (outcome.kind === "gap") {
      this.#gap = outcome.reason;
      series.lastRates = undefined;
      return undefined;
    }
    series.lastRates = outcome.rates;
    return outcome.rates;
  }

  /** A service or backend that vanished (or lost its counters) starts from a fresh baseline if it comes back. */
  #forgetUnseen(update: number): void {
    for (const [key, tracked] of this.#services) {
      if (tracked.seen !== update) {
        this.#services.delete(key);
        continue;
      }
      if (tracked.own && tracked.own.seen !== update) tracked.own = undefined;
      for (const [serverKey, series] of tracked.backends)
        if (series.seen !== update) tracked.backends.delete(serverKey);
    }
  }
}

function newSeries(uptime: number, counters: Counters, update: number): TrackedSeries {
  return { base: { uptime, counters }, lastRates: undefined, seen: update };
}
