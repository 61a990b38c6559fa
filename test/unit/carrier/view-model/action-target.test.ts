// The service and backend key rules (shared/service-key.ts: the one copy the core and the renderer
// both use), against literal expectations, and the renderer's action targets built from them.
import { english } from "../../../../renderer/i18n/i18n.ts";
import { describe, expect, it } from "vitest";
import {
  backendKey as coreBackendKey,
  serviceKey as coreServiceKey,
} from "../../../../core/model/service-key.ts";
import { backendKey, serviceKey } from "../../../../shared/service-key.ts";
import { actionTargetOf } from "../../../../renderer/view-model/action-target.ts";
import { toServiceRows } from "../../../../renderer/view-model/service-rows.ts";
import type { VirtualServiceView } from "../../../../renderer/view-model/snapshot-types.ts";
import { testSnapshot } from "../test-snapshot.ts";

type ServiceFields = Pick<VirtualServiceView, "protocol" | "family" | "address" | "port" | "fwmark">;

const cases: [ServiceFields, string][] = [
  [{ protocol: "tcp", family: "inet", address: "10.20.0.10", port: 80 }, "10.20.0.10:80"],
  [{ protocol: "udp", family: "inet", address: "10.20.0.53", port: 53 }, "udp:10.20.0.53:53"],
  [{ protocol: "sctp", family: "inet", address: "192.0.2.7", port: 3868 }, "sctp:192.0.2.7:3868"],
  [{ protocol: "tcp", family: "inet6", address: "2001:db8::10", port: 443 }, "[2001:db8::10]:443"],
  [{ protocol: "udp", family: "inet6", address: "2001:db8::53", port: 53 }, "udp:[2001:db8::53]:53"],
  [{ protocol: "fwmark", family: "inet", fwmark: 7 }, "fwm:7"],
  [{ protocol: "fwmark", family: "inet6", fwmark: 12 }, "fwm:12:ipv6"],
];

describe("action target keys", () => {
  it.each(cases)("writes %o as %s, for the core and the renderer alike", (service, expected) => {
    expect(serviceKey(service)).toBe(expected);
    expect(coreServiceKey).toBe(serviceKey);
  });

  it("writes backends as ADDR:PORT with IPv6 in brackets, for the core and the renderer alike", () => {
    for (const [server, expected] of [
      [{ address: "10.20.1.11", port: 8080 }, "10.20.1.11:8080"],
      [{ address: "2001:db8::a", port: 80 }, "[2001:db8::a]:80"],
    ] as const) {
      expect(backendKey(server)).toBe(expected);
      expect(coreBackendKey).toBe(backendKey);
    }
  });

  it("pairs a service with one of its backends", () => {
    const service: VirtualServiceView = {
      protocol: "udp",
      family: "inet",
      address: "10.0.0.1",
      port: 53,
      scheduler: "rr",
      flags: [],
      realServers: [
        { address: "10.0.1.2", port: 5353, forward: "route", weight: 1, activeConns: 0, inactiveConns: 0 },
      ],
    };
    const server = service.realServers[0];
    if (!server) throw new Error("test data has a real server");
    expect(actionTargetOf(service, server)).toEqual({ service: "udp:10.0.0.1:53", backend: "10.0.1.2:5353" });
  });

  it("gives every backend row of the service table its action target and numeric weight", () => {
    const rows = toServiceRows(testSnapshot(), english);
    expect(
      rows.flatMap((service) =>
        service.realServers.map((row) => [row.target, row.weightValue, row.quiescent]),
      ),
    ).toEqual([
      [{ service: "192.0.2.10:443", backend: "10.0.0.9:443" }, 50, false],
      [{ service: "192.0.2.10:443", backend: "10.0.0.10:443" }, 100, false],
      [{ service: "192.0.2.20:80", backend: "10.0.1.1:80" }, 1, false],
    ]);
  });
});
