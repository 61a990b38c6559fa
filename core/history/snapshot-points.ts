/**
 * What one HostSnapshot adds to history: a point per series (series-key.ts) at the snapshot's
 * time. Counters as the host printed them (exact, bigint); gauges as integers. A figure the
 * snapshot does not have (no --stats counters, no link speed) is no point at all, never a zero.
 * Pure.
 */
import type { HostSnapshot } from "../api.ts";
import { backendKey, serviceKey } from "../../shared/service-key.ts";
import type { Metric, SeriesSubject } from "./series-key.ts";

export type SeriesPointIn = { subject: SeriesSubject; metric: Metric; at: number; value: bigint };

const COUNTERS = ["conns", "inPkts", "outPkts", "inBytes", "outBytes"] as const;

function counter(text: string | undefined): bigint | undefined {
  return text !== undefined && /^\d{1,20}$/.test(text) ? BigInt(text) : undefined;
}

export function snapshotPoints(snapshot: HostSnapshot): SeriesPointIn[] {
  const points: SeriesPointIn[] = [];
  const at = snapshot.at;
  const hostId = snapshot.hostId;
  const add = (subject: SeriesSubject, metric: Metric, value: bigint | number | undefined) => {
    if (value === undefined) return;
    if (typeof value === "number") {
      if (!Number.isFinite(value)) return;
      points.push({ subject, metric, at, value: BigInt(Math.round(value)) });
    } else points.push({ subject, metric, at, value });
  };
  for (const service of snapshot.services) {
    const key = serviceKey(service);
    const serviceSubject: SeriesSubject = { kind: "ipvs-service", hostId, service: key };
    // Counters the tool printed abbreviated (K/M/G) are not exact: they never go into history.
    const exact = (stats: typeof service.stats, field: (typeof COUNTERS)[number]) =>
      stats && !stats.inexact?.includes(field) ? counter(stats[field]) : undefined;
    for (const field of COUNTERS) add(serviceSubject, field, exact(service.stats, field));
    for (const backend of service.realServers) {
      const subject: SeriesSubject = {
        kind: "ipvs-backend",
        hostId,
        service: key,
        backend: backendKey(backend),
      };
      for (const field of COUNTERS) add(subject, field, exact(backend.stats, field));
      add(subject, "activeConns", backend.activeConns);
      add(subject, "inactiveConns", backend.inactiveConns);
      add(subject, "weight", backend.weight);
    }
  }
  for (const nic of snapshot.nics) {
    const subject: SeriesSubject = { kind: "nic", hostId, nic: nic.name };
    add(subject, "rxBytes", counter(nic.rxBytes));
    add(subject, "txBytes", counter(nic.txBytes));
    add(subject, "rxPackets", counter(nic.rxPackets));
    add(subject, "txPackets", counter(nic.txPackets));
    add(subject, "speedMbps", nic.speedMbps);
  }
  for (const row of snapshot.haproxy ?? []) {
    const subject: SeriesSubject = { kind: "haproxy", hostId, proxy: row.proxy, name: row.name };
    add(subject, "totalSessions", counter(row.totalSessions));
    add(subject, "bytesIn", counter(row.bytesIn));
    add(subject, "bytesOut", counter(row.bytesOut));
    add(subject, "sessions", row.sessions);
    add(subject, "weight", row.weight);
  }
  for (const instance of snapshot.vrrp?.instances ?? []) {
    const subject: SeriesSubject = { kind: "vrrp", hostId, instance: instance.name };
    add(subject, "master", instance.state.toUpperCase() === "MASTER" ? 1 : 0);
    add(subject, "priority", instance.effectivePriority ?? instance.priority);
  }
  return points;
}
