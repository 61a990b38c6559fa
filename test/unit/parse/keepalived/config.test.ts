import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseKeepalivedConfig } from "../../../../core/parse/keepalived/config.ts";
import { ParseError } from "../../../../core/model/parse-error.ts";

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/keepalived/${name}`, import.meta.url), "utf8");

// A director config in the shape of keepalived's own samples (doc/samples/keepalived.conf.*),
// written for these tests: LVS with several checkers, a group, a sync daemon and track files.
const DIRECTOR = `! Configuration File for keepalived
include /etc/keepalived/conf.d/*.conf
global_defs {
   router_id LVS_A   # the director's name
   lvs_sync_daemon eth1 VI_WEB id 5 maxlen 1472
}

vrrp_script chk_haproxy {
    script "/usr/bin/killall -0 haproxy"
    interval 2
    weight -20
    fall 2
    rise 1
}

vrrp_track_file maint {
    file /var/run/keepalived/maint
    weight -1 reverse
    init_file 0 overwrite
}

vrrp_instance VI_WEB
{
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 150
    advert_int 0.5
    nopreempt
    authentication {
        auth_type PASS
        auth_pass s3cr3t!x  ! keepalived 2.2.7 starts a comment at "!" or "#" even inside a word (keepalived -t)
    }
    virtual_ipaddress {
        192.0.2.10/24 dev eth0 label eth0:web
        2001:DB8:0:0::10/64 dev eth0
    }
    virtual_ipaddress_excluded { 192.0.2.99 }
    track_script {
        chk_haproxy weight -30
    }
    track_file {
        maint weight -2
    }
    track_interface {
        eth1 weight 0
        eth2
    }
    notify_master "/usr/local/bin/notify.sh master"
    notify /usr/local/bin/notify-all.sh
    unicast_peer {
        192.0.2.2
    }
}

virtual_server 192.0.2.10 80 {
    delay_loop 6
    lb_algo wrr
    lb_kind NAT
    persistence_timeout 50
    protocol TCP
    inhibit_on_failure
    sorry_server 10.0.0.250 8080

    real_server 10.0.0.11 80 {
        weight 3
        TCP_CHECK { connect_timeout 3 }
    }
    real_server 10.0.0.12 80 {
        weight 1
        HTTP_GET {
            url { path /health
                  status_code 200 }
        }
        MISC_CHECK { misc_path "/bin/check 10.0.0.12" }
    }
}

virtual_server fwmark 7 {
    lvs_sched sh
    lvs_method DR
    persistence_timeout
    real_server 10.0.0.21 {
        FILE_CHECK { track_file /run/drain-21 }
    }
}

virtual_server group dns {
    protocol UDP
    lb_algo rr
    real_server 10.0.0.31 53 { weight 1 }
}

virtual_server_group dns {
    192.0.2.20-22 53
    fwmark 9
}
`;

describe("parseKeepalivedConfig", () => {
  it("reads the real config of the capture: instance, VIPs, script, and no password", () => {
    const config = parseKeepalivedConfig(fixture("node1-keepalived.conf"));
    expect(config.routerId).toBe("fulcrum_n1");
    expect(config.redactedSecrets).toBe(1);
    expect(JSON.stringify(config)).not.toContain("Fk7s3cr1");
    expect(config.vrrpScripts).toEqual([
      { name: "chk_ok", sourceFile: "", lineNo: 7, script: "/bin/true", intervalSeconds: 1, weight: 10 },
    ]);
    expect(config.vrrpInstances).toHaveLength(1);
    expect(config.vrrpInstances[0]).toMatchObject({
      name: "VI_1",
      state: "BACKUP",
      interface: "eth0",
      virtualRouterId: 51,
      priority: 150,
      advertIntervalSeconds: 1,
      nopreempt: false,
      authType: "PASS",
      virtualIps: [
        { address: "192.0.2.100", prefixLength: 24, device: "eth0" },
        { address: "198.51.100.10", prefixLength: 32, device: "eth0" },
      ],
      trackScripts: [{ name: "chk_ok" }],
    });
  });

  it("reads VRRP instances with tracking, notify scripts, brace on its own line and comments", () => {
    const config = parseKeepalivedConfig(DIRECTOR);
    const instance = config.vrrpInstances[0];
    expect(instance).toMatchObject({
      name: "VI_WEB",
      state: "MASTER",
      advertIntervalSeconds: 0.5,
      nopreempt: true,
      // keepalived 2.2.7 ignores a VIP of the other family than the first ("address family must match").
      virtualIps: [{ address: "192.0.2.10", prefixLength: 24, device: "eth0" }],
      excludedVirtualIps: [{ address: "192.0.2.99" }],
      trackScripts: [{ name: "chk_haproxy", weight: -30 }],
      trackFiles: [{ name: "maint", weight: -2 }],
      trackInterfaces: [{ name: "eth1", weight: 0 }, { name: "eth2" }],
      notify: { notify_master: "/usr/local/bin/notify.sh master", notify: "/usr/local/bin/notify-all.sh" },
      unicastPeers: ["192.0.2.2"],
    });
    expect(config.ignored).toMatchObject([
      { keyword: "2001:db8::10", reason: expect.stringContaining("address family") },
    ]);
    expect(config.routerId).toBe("LVS_A");
    expect(config.vrrpScripts[0]).toEqual({
      name: "chk_haproxy",
      sourceFile: "",
      lineNo: 8,
      script: "/usr/bin/killall -0 haproxy",
      intervalSeconds: 2,
      weight: -20,
      fall: 2,
      rise: 1,
    });
    expect(config.trackFiles).toEqual([
      {
        name: "maint",
        sourceFile: "",
        lineNo: 16,
        file: "/var/run/keepalived/maint",
        weight: -1,
        reverse: true,
        initFile: { value: 0, overwrite: true },
      },
    ]);
    expect(config.lvsSyncDaemon).toEqual({ interface: "eth1", instance: "VI_WEB", syncId: 5 });
    expect(config.includes).toEqual([{ pattern: "/etc/keepalived/conf.d/*.conf", lineNo: 2 }]);
  });

  it("never keeps auth_pass, only counts it", () => {
    const config = parseKeepalivedConfig(DIRECTOR);
    // "51!x" is 51 to keepalived (checked with keepalived -t): the comment starts inside the word.
    expect(
      parseKeepalivedConfig("vrrp_instance V {\n virtual_router_id 51!x\n priority 9#9\n}\n")
        .vrrpInstances[0],
    ).toMatchObject({ virtualRouterId: 51, priority: 9 });
    expect(config.redactedSecrets).toBe(1);
    expect(JSON.stringify(config)).not.toContain("s3cr3t");
  });

  it("reads virtual servers: address, fwmark and group forms, algorithms, kinds and checkers", () => {
    const [web, mark, dns] = parseKeepalivedConfig(DIRECTOR).virtualServers;
    expect(web).toMatchObject({
      kind: "ip",
      address: "192.0.2.10",
      port: 80,
      protocol: "tcp",
      lbAlgo: "wrr",
      lbKind: "NAT",
      persistenceTimeout: 50,
      delayLoop: 6,
      inhibitOnFailure: true,
      sorryServer: { address: "10.0.0.250", port: 8080 },
    });
    expect(
      web?.realServers.map(({ address, port, weight, checkers, inhibitOnFailure }) => ({
        address,
        port,
        weight,
        checkers,
        inhibitOnFailure,
      })),
    ).toEqual([
      { address: "10.0.0.11", port: 80, weight: 3, checkers: ["TCP_CHECK"], inhibitOnFailure: true },
      {
        address: "10.0.0.12",
        port: 80,
        weight: 1,
        checkers: ["HTTP_GET", "MISC_CHECK"],
        inhibitOnFailure: true,
      },
    ]);
    expect(mark).toMatchObject({
      kind: "fwmark",
      fwmark: 7,
      lbAlgo: "sh",
      lbKind: "DR",
      persistenceTimeout: 360,
      protocol: "tcp",
    });
    expect(mark?.realServers[0]).toMatchObject({
      address: "10.0.0.21",
      checkers: ["FILE_CHECK"],
      inhibitOnFailure: false,
    });
    expect(mark?.realServers[0]?.port).toBeUndefined();
    expect(dns).toMatchObject({ kind: "group", group: "dns", protocol: "udp" });
  });

  it("reports an unclosed block at the line that opened it", () => {
    const error = (() => {
      try {
        parseKeepalivedConfig(
          "vrrp_instance VI_1 {\n  state MASTER\n  virtual_ipaddress {\n    192.0.2.1\n}\n",
        );
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).line).toBe(1);
  });

  it("refuses a stray closing brace and a bad VIP", () => {
    expect(() => parseKeepalivedConfig("global_defs {\n}\n}\n")).toThrow(/line 3/);
    expect(() =>
      parseKeepalivedConfig("vrrp_instance V {\n virtual_ipaddress {\n  192.0.2.300/24\n }\n}\n"),
    ).toThrow(ParseError);
  });
});

describe("keepalived 2.2.7's defaults and warnings (verified with the binary, test/integration/keepalived-config)", () => {
  it("makes a virtual server without protocol udp, a fwmark one keyed by its mark", () => {
    const config = parseKeepalivedConfig(
      "virtual_server 192.0.2.1 443 {\n real_server 10.0.0.1 443 {\n }\n}\nvirtual_server fwmark 3 {\n}\n",
    );
    expect(config.virtualServers.map((service) => service.protocol)).toEqual(["udp", "tcp"]);
  });

  it("ignores a track_script or track_file declared after the instance that tracks it", () => {
    const config = parseKeepalivedConfig(
      "vrrp_script early {\n script /bin/true\n}\nvrrp_instance V {\n track_script {\n  early\n  late\n }\n track_file {\n  tf\n }\n}\nvrrp_script late {\n script /bin/true\n}\ntrack_file tf {\n file /run/tf\n}\n",
    );
    expect(config.vrrpInstances[0]?.trackScripts.map((t) => t.name)).toEqual(["early"]);
    expect(config.vrrpInstances[0]?.trackFiles).toEqual([]);
    expect(config.ignored.map((i) => [i.keyword, i.lineNo])).toEqual([
      ["late", 7],
      ["tf", 10],
    ]);
  });

  it("keeps the first of two instances with one name", () => {
    const config = parseKeepalivedConfig(
      "vrrp_instance V {\n priority 1\n}\nvrrp_instance V {\n priority 2\n}\n",
    );
    expect(config.vrrpInstances.map((i) => i.priority)).toEqual([1]);
    expect(config.ignored[0]?.reason).toContain("already defined");
  });
});
