import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Frame, SectionOutput } from "../../../core/sampler/frame.ts";
import { frameToSample } from "../../../core/sampler/frame-to-sample.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures");
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), "utf8");
const ok = (text: string): SectionOutput => ({ rc: 0, text });

function frame(sections: Record<string, SectionOutput>): Frame {
  return { seq: 4, uptime: 812.5, epoch: 1_795_614_468, sections: new Map(Object.entries(sections)) };
}

describe("frameToSample", () => {
  it("parses every section of a full frame and joins the listings", () => {
    const sample = frameToSample(
      frame({
        ipvsadm: ok(fixture("ipvs/constructed-list.txt")),
        "ipvsadm-stats": ok(fixture("ipvs/constructed-stats-exact.txt")),
        netdev: ok(fixture("host/netns-proc-net-dev.txt")),
        "net-speed": ok(fixture("host/netns-net-speed.txt")),
        "ip-addr": ok(fixture("host/netns-master-ip-addr.txt")),
        "haproxy-stat": ok(fixture("haproxy/show-stat.csv")),
        "haproxy-servers-state": ok(fixture("haproxy/show-servers-state.txt")),
        "nginx-status": ok(fixture("nginx/stub-status.txt")),
      }),
    );
    expect(sample).toMatchObject({ seq: 4, uptime: 812.5, epoch: 1_795_614_468, problems: [] });
    expect(sample.ipvs?.source).toBe("ipvsadm");
    expect(sample.ipvs?.version).toBe("1.2.1");
    const services = sample.ipvs?.services ?? [];
    expect(services).toHaveLength(7);
    // Weights from the plain listing, counters from --stats, joined by service and backend key.
    expect(services[0]?.stats?.inPkts).toBe(18446744073709551615n);
    expect(
      services[0]?.realServers.map((server) => [server.weight, server.forward, server.stats?.conns]),
    ).toEqual([
      [3, "masq", 9007199254740992n],
      [0, "masq", 1n],
    ]);
    // In the plain listing, absent from --stats: no counters rather than wrong ones.
    const https = services.find((service) => service.port === 443);
    expect(https?.stats).toBeUndefined();
    expect(sample.nics?.find((nic) => nic.name === "eth0")).toMatchObject({
      rxBytes: 2000n,
      speedMbps: 10000,
    });
    expect(sample.nics?.find((nic) => nic.name === "lo")?.speedMbps).toBeUndefined();
    expect(sample.addresses?.length).toBeGreaterThan(0);
    expect(sample.haproxy?.stats?.length).toBeGreaterThan(0);
    expect(sample.haproxy?.serversState?.servers.length).toBeGreaterThan(0);
    expect(sample.nginx?.accepts).toBe(23n);
    expect(sample.keepalived).toBeUndefined();
  });

  it("keeps a section that failed or did not parse as a problem, and the rest of the frame", () => {
    const sample = frameToSample(
      frame({
        ipvsadm: { rc: 2, text: "Can't initialize ipvs: Permission denied (you must be root?)\n" },
        "ip-vs-proc": ok(fixture("ipvs/malformed-procfs-ip_vs-bad-hex.txt")),
        netdev: ok(fixture("host/netns-proc-net-dev.txt")),
        "haproxy-stat": ok("this is not CSV\n"),
        "nginx-status": { rc: 7, text: "" },
      }),
    );
    expect(sample.problems).toEqual([
      {
        section: "ipvsadm",
        kind: "command-failed",
        rc: 2,
        message: "Can't initialize ipvs: Permission denied (you must be root?)",
      },
      expect.objectContaining({ section: "ip-vs-proc", kind: "parse-failed", line: expect.any(Number) }),
      expect.objectContaining({ section: "haproxy-stat", kind: "parse-failed" }),
      { section: "nginx-status", kind: "command-failed", rc: 7, message: "(no output)" },
    ]);
    expect(sample.ipvs).toBeUndefined();
    expect(sample.haproxy).toBeUndefined();
    expect(sample.nics?.map((nic) => nic.name)).toEqual(["lo", "eth0", "fulcrumdata0123"]);
  });

  it("reads /proc/net/ip_vs when ipvsadm was not run", () => {
    const sample = frameToSample(frame({ "ip-vs-proc": ok(fixture("ipvs/constructed-procfs-ip_vs.txt")) }));
    expect(sample.problems).toEqual([]);
    expect(sample.ipvs?.source).toBe("proc");
    expect(sample.ipvs?.services.length).toBeGreaterThan(0);
  });

  it("tells a stopped keepalived from a failed dump", () => {
    const stopped = frameToSample(
      frame({
        keepalived: { rc: 1, text: "pid=\n" },
        "keepalived-data": { rc: 3, text: "keepalived is not running\n" },
      }),
    );
    expect(stopped.keepalived).toEqual({ running: false });
    expect(stopped.problems).toEqual([]);

    const notRoot = frameToSample(
      frame({
        keepalived: ok("pid=812\n"),
        "keepalived-data": { rc: 77, text: "the keepalived DATA dump needs root\n" },
      }),
    );
    expect(notRoot.keepalived).toEqual({ running: true, pid: 812 });
    expect(notRoot.problems).toEqual([
      {
        section: "keepalived-data",
        kind: "command-failed",
        rc: 77,
        message: "the keepalived DATA dump needs root",
      },
    ]);
  });

  it("counts secrets the host already redacted, and never returns one the host missed", () => {
    const dump = fixture("keepalived/master.data");
    const hostRedacted = dump.replace(/^(\s*Password =).*$/m, "$1 <redacted>");
    const sample = frameToSample(frame({ keepalived: ok("pid=812\n"), "keepalived-data": ok(hostRedacted) }));
    expect(sample.keepalived?.data?.instances[0]?.state).toBe("MASTER");
    expect(sample.keepalived?.data?.redactedSecrets).toBe(1);

    const unredacted = frameToSample(frame({ keepalived: ok("pid=812\n"), "keepalived-data": ok(dump) }));
    expect(
      JSON.stringify(unredacted.keepalived?.data, (_key, value: unknown) =>
        typeof value === "bigint" ? String(value) : value,
      ),
    ).not.toContain("Fk7s3cr1");
  });
});
