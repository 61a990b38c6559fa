/**
 * Services in the API's JSON form, field by field. The generic toWire walks every object with
 * Object.entries; for 20 hosts x 500 backends every second that walk was a seventh of the app's
 * CPU (bench/sampler), so the hot path converts the known shape directly.
 */
import type { HostSnapshot } from "../api.ts";
import type { Counters } from "../model/counters.ts";
import type { RealServer, VirtualService } from "../model/ipvs.ts";

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

function serverWire(server: RealServer): WireServer {
  const { stats, notPrinted: _notPrinted, ...plain } = server;
  const wire: WireServer = { ...plain };
  if (stats) wire.stats = countersWire(stats);
  return wire;
}

export function servicesWire(services: readonly VirtualService[]): WireService[] {
  return services.map((service) => {
    const { stats, realServers, ...plain } = service;
    const wire: WireService = { ...plain, realServers: realServers.map(serverWire) };
    if (stats) wire.stats = countersWire(stats);
    return wire;
  });
}
