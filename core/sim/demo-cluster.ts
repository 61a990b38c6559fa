/**
 * The demo cluster shown on first launch (clearly marked demo: every host has `demo: true` and a
 * "demo-" name): no SSH, no traffic, just simulated hosts that produce the same frame text the
 * remote sampling script prints (core/sampler/remote-script.ts, frame format 1), so the whole
 * pipeline from frame reader to screen runs on them.
 *
 * - demo-nat-1: a NAT director whose 1 Gbit/s NIC runs at about 87 % (replies cross it too), to
 *   show the bottleneck warning.
 * - demo-dr-1: a DR director with 32 web backends, inbound traffic only, one backend quiescent.
 * - demo-haproxy-1: an HAProxy with one backend of four servers, one of them draining.
 * Addresses are private ranges, text only.
 */
import { zeroCounters, type Counters } from "../model/counters.ts";
import { formatIpvsadm } from "./format-ipvsadm.ts";
import { SIM_HAPROXY_SOCKET } from "./haproxy-sim-executor.ts";
import { formatHaproxyShowStat, formatNetSpeed, formatProcNetDev } from "./format-host.ts";
import {
  addBackgroundTraffic,
  addForwardedTraffic,
  advanceHaproxy,
  createNic,
  type SimHaproxy,
  type SimNic,
} from "./host-sim.ts";
import { addDest, addService, createIpvsState, type ServiceRef } from "./ipvs-table.ts";
import { advanceTo } from "./ipvs-traffic.ts";
import { createPrng, type PrngState } from "./prng.ts";
import { copyCounters } from "./sim-stats.ts";
import type { IpvsSimState, SimLoad } from "./sim-types.ts";

export interface DemoHost {
  name: string;
  demo: true;
  role: "ipvs-nat" | "ipvs-dr" | "haproxy";
  ipvs?: IpvsSimState;
  haproxy?: SimHaproxy;
  nics: SimNic[];
  prng: PrngState;
  bootMs: number;
  nowMs: number;
  /** The IPVS totals the NIC has already been given. */
  forwarded: Counters;
  sequence: number;
}

export interface DemoCluster {
  hosts: DemoHost[];
}

const DAY_MS = 86_400_000;

function tcp(address: string, port: number): ServiceRef {
  return { protocol: "tcp", family: "inet", address, port, fwmark: 0 };
}

function natDirector(startMs: number, seed: number): DemoHost {
  const ipvs = createIpvsState({ seed, nowMs: startMs, hashSalt: 0x5a });
  // ~1860 conn/s x ~58 KB (mostly responses) ~ 870 Mbit/s on each direction of the NIC.
  const web: SimLoad = {
    cps: 1860,
    perConn: { inPkts: 30, outPkts: 40, inBytes: 2_500, outBytes: 55_000 },
    activeSeconds: 4,
    inactiveSeconds: 60,
    clients: 20_000,
    jitter: 0.04,
  };
  const svc = tcp("10.20.0.10", 80);
  addService(ipvs, svc, { scheduler: "wlc" }, web);
  for (let i = 1; i <= 8; i++)
    addDest(
      ipvs,
      svc,
      { family: "inet", address: `10.20.1.${10 + i}`, port: 8080 },
      { forward: "masq", weight: 100 },
    );
  const api: SimLoad = {
    cps: 40,
    perConn: { inPkts: 8, outPkts: 6, inBytes: 900, outBytes: 1_400 },
    activeSeconds: 2,
    inactiveSeconds: 60,
    clients: 500,
    jitter: 0.1,
  };
  const apiSvc = tcp("10.20.0.11", 443);
  addService(ipvs, apiSvc, { scheduler: "rr", persistent: 300 }, api);
  for (let i = 1; i <= 3; i++)
    addDest(
      ipvs,
      apiSvc,
      { family: "inet", address: `10.20.2.${10 + i}`, port: 443 },
      { forward: "masq", weight: 1 },
    );
  return demoHost("demo-nat-1", "ipvs-nat", startMs, seed, ipvs, [
    createNic("lo"),
    createNic("eth0", 1000, 9_000_000_000n),
  ]);
}

function drDirector(startMs: number, seed: number): DemoHost {
  const ipvs = createIpvsState({ seed, nowMs: startMs, hashSalt: 0xa3 });
  const http: SimLoad = {
    cps: 2400,
    perConn: { inPkts: 9, outPkts: 12, inBytes: 1_100, outBytes: 48_000 },
    activeSeconds: 6,
    inactiveSeconds: 30,
    clients: 50_000,
    jitter: 0.05,
  };
  const https: SimLoad = {
    ...http,
    cps: 5200,
    perConn: { inPkts: 14, outPkts: 18, inBytes: 2_600, outBytes: 61_000 },
  };
  const services: [ServiceRef, SimLoad][] = [
    [tcp("172.16.10.20", 80), http],
    [tcp("172.16.10.20", 443), https],
  ];
  for (const [ref, load] of services) {
    addService(ipvs, ref, { scheduler: "wrr" }, load);
    for (let i = 1; i <= 32; i++) {
      // The first eight are the newer, bigger machines; web-32 is quiescent for maintenance.
      const weight = i === 32 ? 0 : i <= 8 ? 200 : 100;
      addDest(
        ipvs,
        ref,
        { family: "inet", address: `172.16.11.${i}`, port: ref.port },
        { forward: "route", weight },
      );
    }
  }
  return demoHost("demo-dr-1", "ipvs-dr", startMs, seed, ipvs, [
    createNic("lo"),
    createNic("eno1", 10_000, 40_000_000_000n),
    createNic("eno2", 10_000, 800_000n),
  ]);
}

function haproxyHost(startMs: number, seed: number): DemoHost {
  const haproxy: SimHaproxy = {
    frontend: "fe_web",
    frontendAddress: "192.168.50.10:443",
    backend: "be_app",
    sessionsPerSecond: 320,
    requestBytes: 820,
    responseBytes: 14_500,
    sessionSeconds: 0.4,
    establishedSeconds: 20,
    servers: ["app1", "app2", "app3", "app4"].map((name, i) => ({
      name,
      address: `192.168.51.${11 + i}:8080`,
      weight: 100,
      initialWeight: 100,
      state: name === "app3" ? ("drain" as const) : ("ready" as const),
      current: name === "app3" ? 60 : 0,
      max: 0,
      total: 0n,
      bytesIn: 0n,
      bytesOut: 0n,
      responses2xx: 0n,
      responses5xx: 0n,
      lastChangeSeconds: name === "app3" ? 95 : 1_730_000,
    })),
    frontendTotal: 0n,
    frontendMax: 0,
    frontendBytesIn: 0n,
    frontendBytesOut: 0n,
    carry: 0,
    roundRobin: 0,
    lastRate: 0,
    maxRate: 0,
  };
  const host = demoHost("demo-haproxy-1", "haproxy", startMs, seed, undefined, [
    createNic("lo"),
    createNic("ens18", 10_000, 2_000_000_000n),
  ]);
  host.haproxy = haproxy;
  return host;
}

function demoHost(
  name: string,
  role: DemoHost["role"],
  startMs: number,
  seed: number,
  ipvs: IpvsSimState | undefined,
  nics: SimNic[],
): DemoHost {
  return {
    name,
    demo: true,
    role,
    ipvs,
    nics,
    prng: createPrng(seed ^ 0x9e3779b9),
    bootMs: startMs - 38 * DAY_MS - seed * 1000,
    nowMs: startMs,
    forwarded: zeroCounters(),
    sequence: 0,
  };
}

/**
 * How long the demo hosts have been carrying traffic when the console first reads them. A real
 * director was busy before Fulcrum connected: its first reading already holds full 2 s estimator
 * folds. A simulation born at the first reading would fold only the part of a period since its
 * birth, and the first rate would come out at a random fraction of the real one.
 */
export const DEMO_WARM_UP_MS = 30_000;

export function createDemoCluster(startMs: number, seed = 7): DemoCluster {
  const bornMs = startMs - DEMO_WARM_UP_MS;
  const cluster = {
    hosts: [natDirector(bornMs, seed), drDirector(bornMs, seed + 1), haproxyHost(bornMs, seed + 2)],
  };
  for (const host of cluster.hosts) advanceHost(host, startMs);
  return cluster;
}

function advanceHost(host: DemoHost, toMs: number): void {
  if (toMs <= host.nowMs) return;
  const seconds = (toMs - host.nowMs) / 1000;
  const nic = host.nics.find((n) => n.name !== "lo") as SimNic;
  if (host.ipvs) {
    advanceTo(host.ipvs, toMs);
    const live = host.ipvs.totals.live;
    const increment = zeroCounters();
    for (const field of ["conns", "inPkts", "outPkts", "inBytes", "outBytes"] as const)
      increment[field] = live[field] - host.forwarded[field];
    host.forwarded = copyCounters(live);
    addForwardedTraffic(nic, increment);
  }
  if (host.haproxy) {
    const before = {
      in: host.haproxy.frontendBytesIn,
      out: host.haproxy.frontendBytesOut,
      sessions: host.haproxy.frontendTotal,
    };
    advanceHaproxy(host.haproxy, host.prng, seconds);
    // A proxy receives the request and the response and sends both on: both cross the NIC twice.
    const bytes = host.haproxy.frontendBytesIn - before.in + (host.haproxy.frontendBytesOut - before.out);
    const packets = (host.haproxy.frontendTotal - before.sessions) * 24n;
    nic.rxBytes += bytes;
    nic.txBytes += bytes;
    nic.rxPackets += packets;
    nic.txPackets += packets;
  }
  addBackgroundTraffic(nic, host.prng, seconds);
  host.nowMs = toMs;
}

/** Moves every host's clock (and traffic) to `toMs`. */
export function advanceDemoCluster(cluster: DemoCluster, toMs: number): void {
  for (const host of cluster.hosts) advanceHost(host, toMs);
}

/** The section texts of one sampling frame, by the section names of core/sampler/sampler-sections.ts. */
export function demoHostSections(host: DemoHost): Record<string, string> {
  const sections: Record<string, string> = {};
  if (host.ipvs) {
    sections.ipvsadm = formatIpvsadm(host.ipvs, { form: "list", exact: true });
    sections["ipvsadm-stats"] = formatIpvsadm(host.ipvs, { form: "stats", exact: true });
  }
  sections.netdev = formatProcNetDev(host.nics);
  sections["net-speed"] = formatNetSpeed(host.nics);
  if (host.haproxy) sections["haproxy-stat"] = formatHaproxyShowStat(host.haproxy);
  return sections;
}

/** Seconds since boot with centiseconds, as /proc/uptime prints it. */
export function demoHostUptime(host: DemoHost): string {
  return ((host.nowMs - host.bootMs) / 1000).toFixed(2);
}

/** The capability block the sampling script prints once, first. */
export function demoHostCaps(host: DemoHost): string {
  const sections = Object.keys(demoHostSections(host)).map((s) => s.replaceAll("-", "_"));
  const caps: Record<string, string> = {
    uid: "0",
    user: "root",
    root: "1",
    sudo: "not-needed",
    "sudo-reads": "",
    ipvsadm: host.ipvs ? "/usr/sbin/ipvsadm" : "",
    "ipvsadm-version": host.ipvs ? "ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)" : "",
    "ipvsadm-permitted": host.ipvs ? "1" : "0",
    "ip-vs-proc": host.ipvs ? "1" : "0",
    "haproxy-socket": host.haproxy ? SIM_HAPROXY_SOCKET : "",
    "haproxy-socket-source": host.haproxy ? "config" : "none",
    "haproxy-socket-found": host.haproxy ? "1" : "0",
    "socket-client": "socat",
    "http-client": "curl",
    timeout: "/usr/bin/timeout",
    "fractional-sleep": "1",
    sections: sections.join(" "),
  };
  const lines = Object.entries(caps).map(([key, value]) => `${key}=${value}\n`);
  return `==FULCRUM-CAPS version=1 uptime=${demoHostUptime(host)}==\n${lines.join("")}==END caps==\n`;
}

/** The next frame of the host at its current clock, exactly as the remote script frames it. */
export function demoHostFrame(host: DemoHost): string {
  host.sequence += 1;
  const seq = host.sequence;
  let text = `==FULCRUM-FRAME seq=${seq} uptime=${demoHostUptime(host)} epoch=${Math.floor(host.nowMs / 1000)}==\n`;
  for (const [name, body] of Object.entries(demoHostSections(host))) {
    text += `==SECTION ${name}==\n${body}\n==SECTION-END ${name} rc=0==\n`;
  }
  return `${text}==END seq=${seq}==\n`;
}
