/**
 * A simulated 500-backend NAT director (10 services x 50 backends) for the sampler benchmarks, built
 * with core/sim so every text it prints is real ipvsadm and /proc/net/dev layout. It is a DemoHost
 * (core/sim/demo-cluster.ts) so the demo cluster's own frame writer can print its sections.
 */
import { zeroCounters } from "../../core/model/counters.ts";
import { advanceDemoCluster, type DemoHost } from "../../core/sim/demo-cluster.ts";
import { createNic } from "../../core/sim/host-sim.ts";
import { addDest, addService, createIpvsState, type ServiceRef } from "../../core/sim/ipvs-table.ts";
import { createPrng } from "../../core/sim/prng.ts";
import type { SimLoad } from "../../core/sim/sim-types.ts";

export const SERVICES = 10;
export const BACKENDS_PER_SERVICE = 50;
export const BACKENDS = SERVICES * BACKENDS_PER_SERVICE;

const START_MS = 1_700_000_000_000;

const LOAD: SimLoad = {
  cps: 400,
  perConn: { inPkts: 12, outPkts: 16, inBytes: 1_400, outBytes: 30_000 },
  activeSeconds: 4,
  inactiveSeconds: 30,
  clients: 5_000,
  jitter: 0.05,
};

export function createBenchDirector(seed = 11): DemoHost {
  const ipvs = createIpvsState({ seed, nowMs: START_MS, hashSalt: 0x3c });
  for (let s = 0; s < SERVICES; s++) {
    const service: ServiceRef = { protocol: "tcp", family: "inet", address: `198.18.0.${10 + s}`, port: 80, fwmark: 0 };
    addService(ipvs, service, { scheduler: "wlc" }, LOAD);
    for (let b = 0; b < BACKENDS_PER_SERVICE; b++) {
      const address = `198.18.${1 + s}.${10 + b}`;
      addDest(ipvs, service, { family: "inet", address, port: 8080 }, { forward: "masq", weight: 100 });
    }
  }
  const host: DemoHost = {
    name: "bench-director",
    demo: true,
    role: "ipvs-nat",
    ipvs,
    nics: [createNic("lo"), createNic("eth0", 10_000, 9_000_000_000n)],
    prng: createPrng(seed ^ 0x9e3779b9),
    bootMs: START_MS - 30 * 86_400_000,
    nowMs: START_MS,
    forwarded: zeroCounters(),
    sequence: 0,
  };
  // A minute of traffic first, so connection counts and counters are not all zero.
  advanceDirector(host, 60_000);
  return host;
}

export function advanceDirector(host: DemoHost, byMs: number): void {
  advanceDemoCluster({ hosts: [host] }, host.nowMs + byMs);
}
