/**
 * Ready-made simulated directors for the ipvsadm shim (FULCRUM_SIM_PRESET) and for scale tests:
 * "scale-N" is one NAT web service with N real servers under steady load, the shape of the
 * 20 hosts x 500 backends target (DESIGN.md §8).
 */
import { addDest, addService, createIpvsState } from "./ipvs-table.ts";
import type { IpvsSimState, SimLoad } from "./sim-types.ts";

/** A plain web service: ~60 KB per connection, mostly responses. */
export function webLoad(cps: number): SimLoad {
  return {
    cps,
    perConn: { inPkts: 12, outPkts: 16, inBytes: 1_800, outBytes: 60_000 },
    activeSeconds: 5,
    inactiveSeconds: 30,
    clients: 10_000,
    jitter: 0.05,
  };
}

export function scaleState(backends: number, seed: number, nowMs: number): IpvsSimState {
  const state = createIpvsState({ seed, nowMs });
  const svc = {
    protocol: "tcp" as const,
    family: "inet" as const,
    address: "10.50.0.10",
    port: 80,
    fwmark: 0,
  };
  addService(state, svc, { scheduler: "wlc" }, webLoad(backends * 2));
  for (let i = 0; i < backends; i++) {
    addDest(
      state,
      svc,
      { family: "inet", address: `10.51.${Math.floor(i / 250)}.${(i % 250) + 1}`, port: 8080 },
      { forward: "masq", weight: 100 },
    );
  }
  return state;
}

/** The state a preset name stands for; undefined for an unknown name. */
export function presetState(name: string, seed: number, nowMs: number): IpvsSimState | undefined {
  if (name === "" || name === "empty") return createIpvsState({ seed, nowMs });
  const scale = /^scale-(\d{1,5})$/.exec(name);
  if (scale) return scaleState(Number(scale[1]), seed, nowMs);
  return undefined;
}
