// The simulated HAProxy's admin socket: its answers go through the production parsers and readers,
// `set server` changes what `show stat` and `show servers state` print, and refusals are HAProxy 2.6's
// own sentences (checked against haproxy 2.6.12: see the comments in core/sim/haproxy-runtime.ts).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readHaproxyServers } from "../../../core/actions/haproxy/haproxy-server-view.ts";
import { resolveHaproxySocket } from "../../../core/actions/haproxy/resolve-haproxy-socket.ts";
import { readServerStateFileConfigured } from "../../../core/actions/haproxy/server-state-file.ts";
import { parseServersState } from "../../../core/parse/haproxy/servers-state.ts";
import { parseHaproxyStat } from "../../../core/parse/haproxy/stat-csv.ts";
import { createDemoCluster } from "../../../core/sim/demo-cluster.ts";
import {
  createSimHaproxyExecutor,
  SIM_HAPROXY_CONFIG,
  SIM_HAPROXY_SOCKET,
} from "../../../core/sim/haproxy-sim-executor.ts";
import { runHaproxyRuntime } from "../../../core/sim/haproxy-runtime.ts";
import type { SimHaproxy } from "../../../core/sim/host-sim.ts";

const FIXTURES = join(import.meta.dirname, "../../fixtures/haproxy");

function demoProxy(): SimHaproxy {
  const proxy = createDemoCluster(1_700_000_000_000).hosts.find((host) => host.haproxy)?.haproxy;
  if (!proxy) throw new Error("the demo cluster has no HAProxy host");
  return proxy;
}

const statOf = (proxy: SimHaproxy, server: string) =>
  parseHaproxyStat(runHaproxyRuntime(proxy, "show stat")).find(
    (row) => row.type === "server" && row.name === server,
  );

describe("simulated HAProxy runtime API", () => {
  it("prints `show servers state` with the real 2.6 header, parsed by the production parser", () => {
    const proxy = demoProxy();
    const text = runHaproxyRuntime(proxy, "show servers state");
    const realHeader = readFileSync(join(FIXTURES, "show-servers-state.txt"), "utf8").split("\n")[1];
    expect(text.split("\n")[1]).toBe(realHeader);
    expect(text.endsWith("\n\n")).toBe(true);
    const servers = parseServersState(text).servers;
    expect(
      servers.map((server) => [server.server, server.adminFlags, server.userWeight, server.port]),
    ).toEqual([
      ["app1", [], 100, 8080],
      ["app2", [], 100, 8080],
      ["app3", ["FDRAIN"], 100, 8080],
      ["app4", [], 100, 8080],
    ]);
    expect(runHaproxyRuntime(proxy, "show servers state be_app")).toBe(text);
    expect(runHaproxyRuntime(proxy, "show servers state nope")).toBe("Can't find backend.\n\n");
  });

  it("drains, puts in maint, readies and reweights a server: empty answers, and both views follow", () => {
    const proxy = demoProxy();
    expect(runHaproxyRuntime(proxy, "set server be_app/app1 state drain")).toBe("\n");
    expect(statOf(proxy, "app1")?.status).toBe("DRAIN");
    expect(runHaproxyRuntime(proxy, "set server be_app/app1 state maint")).toBe("\n");
    expect(statOf(proxy, "app1")?.status).toBe("MAINT");
    // set ... maint clears FDRAIN, as srv_adm_set_maint() does.
    const state = parseServersState(runHaproxyRuntime(proxy, "show servers state")).servers[0];
    expect([state?.adminState, state?.operationalState]).toEqual([0x01, 0]);
    expect(
      runHaproxyRuntime(proxy, "set server be_app/app1 state ready; set server be_app/app1 weight 40"),
    ).toBe("\n\n");
    expect(statOf(proxy, "app1")).toMatchObject({ status: "UP", weight: 40 });
    expect(parseServersState(runHaproxyRuntime(proxy, "show servers state")).servers[0]).toMatchObject({
      adminState: 0,
      userWeight: 40,
      initialWeight: 100,
    });
    // Weight 0 on a ready server shows as DRAIN in show stat, as HAProxy prints it.
    runHaproxyRuntime(proxy, "set server be_app/app2 weight 0");
    expect(statOf(proxy, "app2")?.status).toBe("DRAIN");
  });

  it("refuses in HAProxy's words and changes nothing", () => {
    const proxy = demoProxy();
    const before = runHaproxyRuntime(proxy, "show servers state");
    expect(runHaproxyRuntime(proxy, "set server be_app/app9 state drain")).toBe("No such server.\n\n");
    expect(runHaproxyRuntime(proxy, "set server be_x/app1 state drain")).toBe("No such backend.\n\n");
    expect(runHaproxyRuntime(proxy, "set server app1 state drain")).toBe("Require 'backend/server'.\n\n");
    expect(runHaproxyRuntime(proxy, "set server be_app/app1 state foo")).toBe(
      "'set server <srv> state' expects 'ready', 'drain' and 'maint'.\n\n",
    );
    expect(runHaproxyRuntime(proxy, "set server be_app/app1 weight 300")).toBe(
      "Absolute weight can only be between 0 and 256 inclusive.\n\n",
    );
    expect(runHaproxyRuntime(proxy, "set server be_app/app1 weight")).toBe(
      "Require <weight> or <weight%>.\n\n",
    );
    expect(runHaproxyRuntime(proxy, "frobnicate")).toMatch(/^Unknown command/);
    expect(runHaproxyRuntime(proxy, "show servers state")).toBe(before);
  });

  it("serves actions through its executor: the config names the socket, socat reaches only that socket", async () => {
    const proxy = demoProxy();
    const executor = createSimHaproxyExecutor(proxy);
    expect(await resolveHaproxySocket(executor, { configPath: SIM_HAPROXY_CONFIG })).toEqual({
      ok: true,
      socket: SIM_HAPROXY_SOCKET,
      source: "config",
    });
    expect(await readServerStateFileConfigured(executor, SIM_HAPROXY_CONFIG)).toBe(false);
    expect(await readServerStateFileConfigured(executor, "/etc/other.cfg")).toBeUndefined();
    const servers = await readHaproxyServers(executor, SIM_HAPROXY_SOCKET);
    expect(servers.find((server) => server.server === "app3")).toMatchObject({ admin: "drain", weight: 100 });
    await expect(readHaproxyServers(executor, "/run/other.sock")).rejects.toThrow(
      /No such file or directory/,
    );
    expect((await executor.run(["ipvsadm", "-Ln"])).code).toBe(127);
  });
});
