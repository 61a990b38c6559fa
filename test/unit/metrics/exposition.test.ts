import { describe, expect, it } from "vitest";
import type { HostSnapshot } from "../../../core/api.ts";
import { escapeLabelValue, writeExposition } from "../../../core/metrics/exposition-text.ts";
import { parseMetricsListen } from "../../../core/metrics/metrics-server.ts";
import { haproxyState, snapshotMetrics } from "../../../core/metrics/snapshot-metrics.ts";

const counters = (conns: string) => ({
  conns,
  inPkts: "2",
  outPkts: "3",
  inBytes: "18446744073709551615",
  outBytes: "5",
});

const snapshot: HostSnapshot = {
  hostId: "lb1",
  at: 1_000,
  sequence: 4,
  stale: false,
  services: [
    {
      protocol: "tcp",
      family: "inet",
      address: "203.0.113.10",
      port: 80,
      scheduler: "wrr",
      flags: [],
      stats: counters("40"),
      realServers: [
        {
          address: "192.0.2.11",
          port: 80,
          forward: "masq",
          weight: 3,
          activeConns: 2,
          inactiveConns: 7,
          stats: counters("30"),
        },
        {
          address: "192.0.2.12",
          port: 80,
          forward: "masq",
          weight: 0,
          activeConns: 1,
          inactiveConns: 0,
          stats: counters("10"),
        },
      ],
    },
    { protocol: "fwmark", family: "inet", fwmark: 26, scheduler: "rr", flags: [], realServers: [] },
  ],
  nics: [],
  haproxy: [
    {
      proxy: "be_app",
      name: 'web"1',
      type: "server",
      status: "DRAIN",
      sessions: 4,
      totalSessions: "99",
      bytesIn: "1",
      bytesOut: "2",
      weight: 0,
    },
    {
      proxy: "be_app",
      name: "BACKEND",
      type: "backend",
      status: "UP",
      sessions: 4,
      totalSessions: "99",
      bytesIn: "1",
      bytesOut: "2",
    },
  ],
  vrrp: {
    running: true,
    instances: [{ name: "VI_1", state: "MASTER", priority: 150, effectivePriority: 140, virtualIps: [] }],
  },
  problems: [],
};

describe("the exposition text", () => {
  it("escapes label values and refuses what Prometheus could not read", () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    expect(
      writeExposition([
        { name: "x_total", type: "counter", help: "h\nx", samples: [{ labels: { a: 'q"' }, value: "1" }] },
      ]),
    ).toBe('# HELP x_total h\\nx\n# TYPE x_total counter\nx_total{a="q\\""} 1\n');
    expect(() => writeExposition([{ name: "bad-name", type: "gauge", help: "", samples: [] }])).toThrow(
      /invalid metric name/,
    );
    expect(() =>
      writeExposition([
        { name: "ok", type: "gauge", help: "", samples: [{ labels: { __x: "1" }, value: "1" }] },
      ]),
    ).toThrow(/invalid label name/);
    expect(() =>
      writeExposition([{ name: "ok", type: "gauge", help: "", samples: [{ labels: {}, value: "1 2" }] }]),
    ).toThrow(/invalid sample value/);
  });
});

describe("a snapshot as metrics", () => {
  const text = writeExposition(snapshotMetrics([snapshot], { aggregate: "backend", now: 3_500 }));

  it("exports per-backend counters exactly, with node_exporter's labels plus host", () => {
    expect(text).toContain(
      'fulcrum_ipvs_backend_incoming_bytes_total{host="lb1",local_address="203.0.113.10",local_port="80",local_mark="",proto="TCP",remote_address="192.0.2.11",remote_port="80"} 18446744073709551615',
    );
    expect(text).toContain(
      'fulcrum_ipvs_backend_weight{host="lb1",local_address="203.0.113.10",local_port="80",local_mark="",proto="TCP",remote_address="192.0.2.12",remote_port="80"} 0',
    );
    expect(text).toContain(
      'fulcrum_ipvs_service_backends{host="lb1",local_address="",local_port="0",local_mark="0000001A",proto="FWM"} 0',
    );
    expect(text).toContain('fulcrum_host_sample_age_seconds{host="lb1"} 2.500');
    expect(text.match(/^# TYPE fulcrum_ipvs_backend_connections_total counter$/gm)).toHaveLength(1);
  });

  it("keeps HAProxy servers and VRRP state as one-hot gauges of a closed set of states", () => {
    expect(text).toContain(
      'fulcrum_haproxy_server_status{host="lb1",proxy="be_app",server="web\\"1",state="DRAIN"} 1',
    );
    expect(text).toContain(
      'fulcrum_haproxy_server_status{host="lb1",proxy="be_app",server="web\\"1",state="UP"} 0',
    );
    expect(text).not.toContain('server="BACKEND"');
    expect(text).toContain('fulcrum_vrrp_state{host="lb1",instance="VI_1",state="MASTER"} 1');
    expect(text).toContain('fulcrum_vrrp_effective_priority{host="lb1",instance="VI_1"} 140');
    expect(haproxyState("UP 1/3")).toBe("UP");
    expect(haproxyState("no check")).toBe("UP");
    expect(haproxyState("DOWN (agent)")).toBe("DOWN");
    expect(haproxyState("weird")).toBe("OTHER");
  });

  it("aggregated by VIP: no backend series, the service's sums instead", () => {
    const vip = writeExposition(snapshotMetrics([snapshot], { aggregate: "vip", now: 3_500 }));
    expect(vip).not.toContain("fulcrum_ipvs_backend_");
    expect(vip).toContain(
      'fulcrum_ipvs_service_connections_active{host="lb1",local_address="203.0.113.10",local_port="80",local_mark="",proto="TCP"} 3',
    );
    expect(vip).toContain(
      'fulcrum_ipvs_service_weight{host="lb1",local_address="203.0.113.10",local_port="80",local_mark="",proto="TCP"} 3',
    );
  });
});

describe("the listen address", () => {
  it("takes an IP literal on loopback, and elsewhere only when told", () => {
    expect(parseMetricsListen("127.0.0.1:9787", false)).toEqual({ host: "127.0.0.1", port: 9787 });
    expect(parseMetricsListen("[::1]:9787", false)).toEqual({ host: "::1", port: 9787 });
    expect(() => parseMetricsListen("0.0.0.0:9787", false)).toThrow(
      expect.objectContaining({ problem: "not-loopback" }),
    );
    expect(parseMetricsListen("0.0.0.0:9787", true)).toEqual({ host: "0.0.0.0", port: 9787 });
    for (const bad of ["localhost:9787", "127.0.0.1", "127.0.0.1:0", "127.0.0.1:70000", "1.2.3:80"]) {
      expect(() => parseMetricsListen(bad, false), bad).toThrow(
        expect.objectContaining({ problem: "bad-address" }),
      );
    }
  });
});
