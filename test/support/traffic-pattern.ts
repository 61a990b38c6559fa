/**
 * A known traffic pattern for the report tests: one host, one IPVS service with three backends,
 * one NIC, over one hour at 10 s samples, with a counter reset (backend 0 removed and added back),
 * a recording gap, a busy NIC window above 70 %, and events with operator-supplied text. The
 * expected figures are kept beside the samples, computed from the increments (never from the double).
 */
import type { SeriesKey, SeriesSubject } from "../../core/history/series-key.ts";
import { InMemoryHistory, type Sample } from "./in-memory-history.ts";

export const HOST = "lb1";
export const SERVICE = "203.0.113.80:80";
export const BACKENDS = ["10.0.0.1:80", "10.0.0.2:80", "[2001:db8::3]:80"] as const;
export const WEIGHTS = [100, 100, 50] as const;
export const INTERVAL_MS = 10_000;
export const T0 = Date.UTC(2026, 11, 1, 8, 0, 0);
export const STEPS = 360; // one hour
export const RANGE = { from: T0, to: T0 + STEPS * INTERVAL_MS };
/** Backend 0's counters restart at this step (its value there is that step's increase). */
export const RESET_STEP = 150;
/** No sample is recorded for steps in [GAP_FROM, GAP_TO): the counters run on meanwhile. */
export const GAP_FROM = 200;
export const GAP_TO = 230;
/** NIC transmit at 80 % of a 1 Gbit/s link for intervals ending at steps in (HOT_FROM, HOT_TO]. */
export const HOT_FROM = 100;
export const HOT_TO = 130;
export const LINK_MBPS = 1000;
export const INJECTION = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
/** inBytes start near 2^60: totals must stay exact past 2^53. */
const BIG_START = 2n ** 60n;

const connsIncrement = (backend: number, step: number): bigint => BigInt((backend + 1) * 10 + (step % 5));
const bytesPerConn = 1500n;
const txRate = (step: number): number => (step > HOT_FROM && step <= HOT_TO ? 0.8 : 0.3 + (step % 10) / 100) * (LINK_MBPS * 1e6) / 8;

const key = (subject: SeriesSubject, metric: SeriesKey["metric"]): SeriesKey => ({ subject, metric });
const recorded = (step: number): boolean => step < GAP_FROM || step >= GAP_TO;

export interface Expected {
  backendConns: bigint[];
  backendInBytes: bigint[];
  serviceConns: bigint;
  /** Utilisation (0..1) of every recorded 10 s interval, as brute-force input. */
  utilisation: number[];
}

export function trafficPattern(hostId = HOST, summaryText = "drain 10.0.0.2:80"): { history: InMemoryHistory; expected: Expected } {
  const history = new InMemoryHistory(INTERVAL_MS);
  const service: SeriesSubject = { kind: "ipvs-service", hostId, service: SERVICE };
  const expected: Expected = { backendConns: [], backendInBytes: [], serviceConns: 0n, utilisation: [] };
  const serviceConns: Sample[] = [];
  const serviceIn: Sample[] = [];
  const serviceTotals = { conns: 0n, inBytes: BIG_START * 3n };
  const perStepService = new Map<number, { conns: bigint; inBytes: bigint }>();
  BACKENDS.forEach((backend, b) => {
    const subject: SeriesSubject = { kind: "ipvs-backend", hostId, service: SERVICE, backend };
    const conns: Sample[] = [];
    const inBytes: Sample[] = [];
    const weight: Sample[] = [];
    let c = 1000n;
    let ib = BIG_START;
    let totalConns = 0n;
    for (let step = 0; step <= STEPS; step++) {
      if (step > 0) {
        const inc = connsIncrement(b, step);
        totalConns += inc;
        if (b === 0 && step === RESET_STEP) {
          c = inc;
          ib = inc * bytesPerConn;
        } else {
          c += inc;
          ib += inc * bytesPerConn;
        }
        const s = perStepService.get(step) ?? { conns: 0n, inBytes: 0n };
        s.conns += inc;
        s.inBytes += inc * bytesPerConn;
        perStepService.set(step, s);
      }
      if (!recorded(step)) continue;
      const at = T0 + step * INTERVAL_MS;
      conns.push({ at, value: c });
      inBytes.push({ at, value: ib });
      weight.push({ at, value: WEIGHTS[b] as number });
    }
    expected.backendConns.push(totalConns);
    expected.backendInBytes.push(totalConns * bytesPerConn);
    history.add(key(subject, "conns"), conns).add(key(subject, "inBytes"), inBytes).add(key(subject, "weight"), weight);
  });
  for (let step = 0; step <= STEPS; step++) {
    const s = perStepService.get(step);
    if (s) {
      serviceTotals.conns += s.conns;
      serviceTotals.inBytes += s.inBytes;
      expected.serviceConns += s.conns;
    }
    if (!recorded(step)) continue;
    const at = T0 + step * INTERVAL_MS;
    serviceConns.push({ at, value: serviceTotals.conns });
    serviceIn.push({ at, value: serviceTotals.inBytes });
  }
  history.add(key(service, "conns"), serviceConns).add(key(service, "inBytes"), serviceIn);

  const nic: SeriesSubject = { kind: "nic", hostId, nic: "eth0" };
  const tx: Sample[] = [];
  const rx: Sample[] = [];
  const speed: Sample[] = [];
  let txTotal = 0n;
  for (let step = 0; step <= STEPS; step++) {
    if (step > 0) txTotal += BigInt(Math.round(txRate(step) * (INTERVAL_MS / 1000)));
    if (!recorded(step)) continue;
    const at = T0 + step * INTERVAL_MS;
    tx.push({ at, value: txTotal });
    rx.push({ at, value: txTotal / 10n });
    speed.push({ at, value: LINK_MBPS });
    if (step > 0 && recorded(step - 1)) {
      expected.utilisation.push((Math.round(txRate(step) * 10) / 10) * 8 / (LINK_MBPS * 1e6));
    }
  }
  history.add(key(nic, "txBytes"), tx).add(key(nic, "rxBytes"), rx).add(key(nic, "speedMbps"), speed);

  history
    .addEvent({ hostId, kind: "action", at: T0 + 50 * INTERVAL_MS, summary: summaryText, who: INJECTION, before: "weight 100", after: "weight 0", auditId: "a1" })
    .addEvent({ hostId, kind: "gap", at: T0 + (GAP_FROM - 1) * INTERVAL_MS, end: T0 + GAP_TO * INTERVAL_MS, summary: "recorder stopped", reason: "recorder-stopped" })
    .addEvent({ hostId, kind: "vrrp-transition", at: T0 + 300 * INTERVAL_MS, summary: "VI_1 BACKUP -> MASTER" })
    .addEvent({ hostId: "other", kind: "drift-alert", at: T0 + 10 * INTERVAL_MS, summary: "not this host" });
  return { history, expected };
}
