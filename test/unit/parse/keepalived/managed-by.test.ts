import { describe, expect, it } from "vitest";
import { parseKeepalivedConfig } from "../../../../core/parse/keepalived/config.ts";
import { keepalivedServiceKeys, managedBy } from "../../../../core/parse/keepalived/managed-by.ts";

const config = parseKeepalivedConfig(`
virtual_server 192.0.2.10 80 {
    protocol TCP
    lb_algo wrr
    lb_kind NAT
    real_server 10.0.0.11 80 {
        weight 3
        inhibit_on_failure
        TCP_CHECK { connect_timeout 3 }
    }
}
virtual_server 2001:db8::10 443 {
    protocol TCP
    real_server 2001:db8::1:11 443 { HTTP_GET { url { path / } } }
}
virtual_server fwmark 7 {
    real_server 10.0.0.21 {
        FILE_CHECK { track_file /run/drain-21 }
    }
}
virtual_server group dns {
    protocol UDP
    real_server 10.0.0.31 53 { weight 1 }
}
virtual_server_group dns {
    192.0.2.20-22 53
}
`);

describe("managedBy", () => {
  it("finds a service and its real server, with the checker and the temporary-weight note", () => {
    const ownership = managedBy(
      config,
      { protocol: "tcp", address: "192.0.2.10", port: 80 },
      { address: "10.0.0.11", port: 80 },
    );
    expect(ownership).toMatchObject({
      service: true,
      backend: true,
      checkers: ["TCP_CHECK"],
      inhibitOnFailure: true,
      virtualServerLine: 2,
      realServerLine: 6,
    });
    expect(ownership.note).toContain("temporary");
  });

  it("says no for another port, protocol or address", () => {
    expect(managedBy(config, { protocol: "tcp", address: "192.0.2.10", port: 81 })).toEqual({
      service: false,
      backend: false,
    });
    expect(managedBy(config, { protocol: "udp", address: "192.0.2.10", port: 80 }).service).toBe(false);
    expect(managedBy(config, { protocol: "tcp", address: "192.0.2.11", port: 80 }).service).toBe(false);
  });

  it("flags a backend added by hand to a keepalived service", () => {
    const ownership = managedBy(
      config,
      { protocol: "tcp", address: "192.0.2.10", port: 80 },
      { address: "10.0.0.99", port: 80 },
    );
    expect(ownership.service).toBe(true);
    expect(ownership.backend).toBe(false);
    expect(ownership.note).toContain("not health-check");
  });

  it("matches IPv6 in any spelling, fwmark services without real-server ports, and group members", () => {
    expect(
      managedBy(
        config,
        { protocol: "tcp", address: "2001:DB8:0::10", port: 443 },
        { address: "2001:db8:0:0:0:0:1:11", port: 443 },
      ).backend,
    ).toBe(true);
    expect(
      managedBy(config, { protocol: "fwmark", fwmark: 7 }, { address: "10.0.0.21", port: 8080 }),
    ).toMatchObject({ service: true, backend: true, checkers: ["FILE_CHECK"] });
    expect(managedBy(config, { protocol: "fwmark", fwmark: 8 }).service).toBe(false);
    expect(
      managedBy(
        config,
        { protocol: "udp", address: "192.0.2.21", port: 53 },
        { address: "10.0.0.31", port: 53 },
      ).backend,
    ).toBe(true);
    expect(managedBy(config, { protocol: "udp", address: "192.0.2.23", port: 53 }).service).toBe(false);
  });

  it("lists every keepalived service in serviceKey form", () => {
    expect(keepalivedServiceKeys(config).sort()).toEqual(
      [
        "192.0.2.10:80",
        "[2001:db8::10]:443",
        "fwm:7",
        "udp:192.0.2.20:53",
        "udp:192.0.2.21:53",
        "udp:192.0.2.22:53",
      ].sort(),
    );
  });
});
