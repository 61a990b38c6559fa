/**
 * Turns successive HostSamples of one host into HostSnapshots for the UI: IPVS and HAProxy rates
 * from counter deltas on the host's own clock, NIC bandwidth against link speed, the VRRP summary,
 * all in the contract's JSON form. Pure apart from the state it keeps between samples.
 */
import type { HostSnapshot } from "../api.ts";
import type { HaproxyStatRow } from "../model/haproxy.ts";
import type { NicSample } from "../model/nic.ts";
import { toWire } from "../model/wire.ts";
import { servicesWire } from "./services-wire.ts";
import { ListingRateTracker } from "../rates/listing-rate-tracker.ts";
import { nicRates } from "../rates/nic-rates.ts";
import type { HostSample } from "../sampler/host-sample.ts";

interface HaproxyReading {
  uptime: number;
  rows: Map<string, HaproxyStatRow>;
}

export class SnapshotBuilder {
  readonly #hostId: string;
  readonly #ipvsRates = new ListingRateTracker();
  #lastNics: { uptime: number; nics: NicSample[] } | undefined;
  #lastHaproxy: HaproxyReading | undefined;
  #lastVrrp: HostSnapshot["vrrp"];

  constructor(hostId: string) {
    this.#hostId = hostId;
  }

  build(sample: HostSample, atMs: number): HostSnapshot {
    const services = sample.ipvs?.services ?? [];
    // Rates beside the services rather than in copies of them: one object per backend, not three.
    const rated = sample.ipvs ? this.#ipvsRates.rates(sample.uptime, services).services : [];
    const snapshot: HostSnapshot = {
      hostId: this.#hostId,
      at: atMs,
      sequence: sample.seq,
      stale: false,
      services: servicesWire(services, rated),
      nics: toWire(sample.nics ?? []),
      problems: sample.problems.map((problem) => ({ ...problem })),
    };
    if (sample.ipvs) snapshot.ipvsSource = sample.ipvs.source;
    if (sample.nics) {
      const reading = { uptime: sample.uptime, nics: sample.nics };
      if (this.#lastNics) snapshot.nicRates = Object.fromEntries(nicRates(this.#lastNics, reading));
      this.#lastNics = reading;
    }
    if (sample.haproxy?.stats) snapshot.haproxy = this.#haproxyRows(sample.uptime, sample.haproxy.stats);
    // keepalived is read every 30 s, not every frame: the last summary stays until the next one.
    if (sample.keepalived) this.#lastVrrp = vrrpSummary(sample.keepalived);
    if (this.#lastVrrp) snapshot.vrrp = this.#lastVrrp;
    return snapshot;
  }

  #haproxyRows(uptime: number, rows: HaproxyStatRow[]): NonNullable<HostSnapshot["haproxy"]> {
    const previous = this.#lastHaproxy;
    const seconds = previous ? uptime - previous.uptime : 0;
    this.#lastHaproxy = { uptime, rows: new Map(rows.map((row) => [`${row.proxy}/${row.name}`, row])) };
    return rows.map((row) => {
      const wire: NonNullable<HostSnapshot["haproxy"]>[number] = {
        proxy: row.proxy,
        name: row.name,
        type: row.type,
        status: row.status,
        sessions: row.sessions,
        totalSessions: row.totalSessions.toString(),
        bytesIn: row.bytesIn.toString(),
        bytesOut: row.bytesOut.toString(),
      };
      if (row.weight !== undefined) wire.weight = row.weight;
      if (row.checkStatus !== undefined) wire.checkStatus = row.checkStatus;
      const before = previous?.rows.get(`${row.proxy}/${row.name}`);
      // A counter that went backwards (HAProxy reloaded) gives no rate for this interval.
      if (before && seconds > 0 && row.totalSessions >= before.totalSessions && row.bytesIn >= before.bytesIn && row.bytesOut >= before.bytesOut) {
        wire.sessionRate = Number(row.totalSessions - before.totalSessions) / seconds;
        wire.inBps = Number(row.bytesIn - before.bytesIn) / seconds;
        wire.outBps = Number(row.bytesOut - before.bytesOut) / seconds;
      }
      return wire;
    });
  }
}

function vrrpSummary(keepalived: NonNullable<HostSample["keepalived"]>): NonNullable<HostSnapshot["vrrp"]> {
  return {
    running: keepalived.running,
    instances: (keepalived.data?.instances ?? []).map((instance) => {
      const summary: NonNullable<HostSnapshot["vrrp"]>["instances"][number] = {
        name: instance.name,
        state: instance.state,
        virtualIps: instance.virtualIps.map((vip) => vip.address),
      };
      if (instance.priority !== undefined) summary.priority = instance.priority;
      if (instance.effectivePriority !== undefined) summary.effectivePriority = instance.effectivePriority;
      return summary;
    }),
  };
}
