/**
 * Services in the API's JSON form, field by field. The generic toWire walks every object with
 * Object.entries; for 20 hosts x 500 backends every second that walk was a seventh of the app's
 * CPU (bench/sampler), so the hot path converts the known shape directly. Backends are built
 * property by property too: an object rest (`{ stats, notPrinted, ...plain }`) is a slow generic
 * copy in V8, and the backend is the object there are thousands of.
 */
import type { HostSnapshot } from "../api.ts";
import type { Counters, Rates } from "../model/counters.ts";
import type { RealServer, VirtualService } from "../model/ipvs.ts";
import type { ListingRates } from "../rates/listing-rate-tracker.ts";

type WireService = HostSnapshot["services"][number];
type WireServer = WireService["realServers"][number];
type WireCounters = NonNullable<WireService["stats"]>;

function countersWire(counters: Counters): WireCounters {
  const wire: WireCounters = {
    conns: counters.conns.toString(),
    inPkts: counters.inPkts.toString(),
    outPkts: counters.outPkts.toString(),
    inBytes: counters.inBytes.toString(),
    outBytes: counters.outBytes.toString(),
  };
  if (counters.inexact) wire.inexact = [...counters.inexact];
  return wire;
}

/**
 * Every RealServer field but notPrinted (the wire form has no placeholders to explain). The
 * compile-time check below fails when the model gains a field this does not copy.
 */
function serverWire(server: RealServer, rates: Rates | undefined): WireServer {
  const wire: WireServer = {
    address: server.address,
    port: server.port,
    forward: server.forward,
    weight: server.weight,
    activeConns: server.activeConns,
    inactiveConns: server.inactiveConns,
  };
  if (server.forwardRaw !== undefined) wire.forwardRaw = server.forwardRaw;
  if (server.persistConns !== undefined) wire.persistConns = server.persistConns;
  if (server.upperThreshold !== undefined) wire.upperThreshold = server.upperThreshold;
  if (server.lowerThreshold !== undefined) wire.lowerThreshold = server.lowerThreshold;
  if (server.tunnelInfo !== undefined) wire.tunnelInfo = server.tunnelInfo;
  if (server.stats) wire.stats = countersWire(server.stats);
  if (rates) wire.rates = rates;
  return wire;
}

type CopiedServerField =
  | "address"
  | "port"
  | "forward"
  | "weight"
  | "activeConns"
  | "inactiveConns"
  | "forwardRaw"
  | "persistConns"
  | "upperThreshold"
  | "lowerThreshold"
  | "tunnelInfo"
  | "stats"
  | "rates"
  | "notPrinted";
const everyServerFieldCopied: Exclude<keyof RealServer, CopiedServerField> extends never ? true : never =
  true;
void everyServerFieldCopied;

/**
 * `rates`, when given, are the tracker's rates for these very services (index-aligned,
 * ListingRateTracker.rates); otherwise the services' own `rates` fields are used.
 */
export function servicesWire(
  services: readonly VirtualService[],
  rates?: ListingRates["services"],
): WireService[] {
  return services.map((service, i) => {
    const { stats, realServers, rates: ownRates, ...plain } = service;
    const rated = rates?.[i];
    const wire: WireService = {
      ...plain,
      realServers: realServers.map((server, j) =>
        serverWire(server, rated ? rated.servers[j] : server.rates),
      ),
    };
    if (stats) wire.stats = countersWire(stats);
    const serviceRates = rated ? rated.rates : ownRates;
    if (serviceRates) wire.rates = serviceRates;
    return wire;
  });
}
