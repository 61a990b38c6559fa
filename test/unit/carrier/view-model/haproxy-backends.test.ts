import { english } from "../../../../renderer/i18n/i18n.ts";
import { describe, expect, it } from "vitest";
import { toHaproxyBackends } from "../../../../renderer/view-model/haproxy-backends.ts";
import { haproxyStatusTone } from "../../../../renderer/view-model/status-tone.ts";
import { busyNatSnapshot } from "./lb-test-snapshots.ts";

describe("toHaproxyBackends", () => {
  it("groups servers under their backend in HAProxy's order, without frontends", () => {
    const backends = toHaproxyBackends(busyNatSnapshot().haproxy, english);
    expect(backends.map((backend) => backend.proxy)).toEqual(["be_app", "be_static"]);
    const [app, statics] = backends;
    expect(app?.servers.map((server) => server.name)).toEqual(["app1", "app2", "app3"]);
    expect(app?.summary).toMatchObject({ name: "BACKEND", status: "UP", weight: "200", sessions: "63" });
    expect(statics?.summary).toBeUndefined();
    expect(statics?.servers[0]).toMatchObject({ status: "DOWN", tone: "bad", checkStatus: "L4CON" });
  });

  it("formats each server's status, weight, sessions, rates and check", () => {
    const [app] = toHaproxyBackends(busyNatSnapshot().haproxy, english);
    expect(app?.servers).toEqual([
      {
        key: "be_app/app1",
        proxy: "be_app",
        name: "app1",
        status: "UP",
        tone: "ok",
        weight: "100",
        weightValue: 100,
        sessions: "60",
        sessionRate: "25/s",
        inBps: "12.0 kB/s",
        outBps: "3.40 MB/s",
        checkStatus: "L7OK",
        values: { sessions: 60, sessionRate: 25, inBps: 12_000, outBps: 3_400_000 },
      },
      expect.objectContaining({
        name: "app2",
        status: "DRAIN",
        tone: "drain",
        weight: "0",
        sessionRate: "0/s",
      }),
      expect.objectContaining({
        name: "app3",
        status: "MAINT",
        tone: "maint",
        sessionRate: "—",
        inBps: "—",
        checkStatus: "—",
      }),
    ]);
  });

  it("is empty for a host without HAProxy", () => {
    expect(toHaproxyBackends(undefined, english)).toEqual([]);
  });

  it("colours HAProxy states by what they mean for traffic", () => {
    expect(
      [
        "UP",
        "OPEN",
        "UP 1/3",
        "DRAIN",
        "NOLB",
        "MAINT",
        "MAINT (via be/x)",
        "DOWN",
        "DOWN 1/2",
        "no check",
      ].map(haproxyStatusTone),
    ).toEqual(["ok", "ok", "drain", "drain", "drain", "maint", "maint", "bad", "bad", "idle"]);
  });
});
