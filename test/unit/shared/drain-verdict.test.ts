import { describe, expect, it } from "vitest";
import { drainVerdict, type DrainSample } from "../../../shared/drain-verdict.ts";

const sample = (
  second: number,
  activeConns: number,
  inactiveConns: number,
  persistConns?: number,
): DrainSample => ({
  at: second * 1000,
  activeConns,
  inactiveConns,
  ...(persistConns !== undefined ? { persistConns } : {}),
});

const tcp = { protocol: "tcp", persistentSeconds: 0, drainedAt: 0 } as const;

describe("drainVerdict", () => {
  it("waits for a first sample", () => {
    expect(drainVerdict([], tcp)).toEqual({ state: "waiting", message: "no sample of the backend yet" });
  });

  it("waits while active connections are open, and says what the inactive ones are", () => {
    expect(drainVerdict([sample(0, 5, 30), sample(2, 3, 28)], tcp)).toEqual({
      state: "draining",
      message: "3 active, 28 inactive: waiting for the active connections to end",
    });
  });

  // Issue 13: `drain --wait` gave up "stalled" on 0 active, 15 inactive TIME_WAIT entries.
  it("calls a TCP backend with no active connection safe to stop, whatever the TIME_WAIT entries do", () => {
    const flat = [
      sample(0, 0, 15),
      sample(2, 0, 15),
      sample(4, 0, 15),
      sample(6, 0, 15),
      sample(8, 0, 15),
      sample(10, 0, 15),
      sample(12, 0, 15),
    ];
    expect(drainVerdict(flat, tcp)).toEqual({
      state: "safe-to-stop",
      message:
        "0 active, 15 inactive: safe to stop the backend; the 15 inactive entries are closed connections (TIME_WAIT, FIN_WAIT) that IPVS drops by itself within about 120 s (ipvsadm -L --timeout)",
    });
    expect(drainVerdict([sample(0, 0, 15)], { ...tcp, protocol: "sctp" }).state).toBe("safe-to-stop");
    expect(drainVerdict([sample(0, 1, 1), sample(2, 0, 0)], tcp)).toEqual({
      state: "safe-to-stop",
      message: "no connections left: safe to stop the backend",
    });
  });

  it("never calls a long-lived active connection a reason to stop waiting", () => {
    const flat = Array.from({ length: 20 }, (_, index) => sample(index * 2, 2, 0));
    expect(drainVerdict(flat, tcp).state).toBe("draining");
  });

  it("counts UDP and firewall-mark entries: each still carries a client's flow", () => {
    expect(drainVerdict([sample(0, 0, 12)], { ...tcp, protocol: "udp" })).toEqual({
      state: "draining",
      message:
        "0 active, 12 inactive: UDP has no connection states: each inactive entry still sends a client's datagrams here until the udp timeout (300 s by default) passes without one",
    });
    expect(drainVerdict([sample(0, 0, 3)], { ...tcp, protocol: "fwmark" })).toMatchObject({
      state: "draining",
      message: expect.stringContaining("a firewall-mark service may carry UDP"),
    });
    expect(drainVerdict([sample(0, 0, 0)], { ...tcp, protocol: "udp" }).state).toBe("safe-to-stop");
  });

  it("waits out unseen persistence templates after the backend's last entry", () => {
    const context = { ...tcp, persistentSeconds: 300 };
    expect(drainVerdict([sample(100, 0, 0)], context)).toEqual({
      state: "draining",
      message:
        "0 active, 0 inactive: persistence templates are not visible and may send a returning client here for 200 s more (persistence timeout 300 s)",
    });
    expect(drainVerdict([sample(300, 0, 0)], context).state).toBe("safe-to-stop");
    // Inactive entries keep their template alive: the timeout counts from when they went.
    expect(drainVerdict([sample(100, 0, 4)], context)).toMatchObject({
      state: "draining",
      message: expect.stringContaining("keep persistence templates alive"),
    });
    expect(drainVerdict([sample(100, 0, 4), sample(250, 0, 0), sample(400, 0, 0)], context)).toMatchObject({
      state: "draining",
      message: expect.stringContaining("for 150 s more"),
    });
    expect(drainVerdict([sample(100, 0, 4), sample(250, 0, 0), sample(550, 0, 0)], context).state).toBe(
      "safe-to-stop",
    );
  });

  it("decides at once on visible templates", () => {
    const context = { ...tcp, persistentSeconds: 300 };
    expect(drainVerdict([sample(10, 0, 0, 1)], context)).toEqual({
      state: "draining",
      message:
        "0 active, 0 inactive, 1 persistence templates: the templates send returning clients here until they expire",
    });
    expect(drainVerdict([sample(10, 0, 6, 0)], context).state).toBe("safe-to-stop");
  });

  it("says why new connections still arrive on a persistent service", () => {
    const arriving = { ...sample(2, 5, 9), cps: 3 };
    expect(drainVerdict([arriving], { ...tcp, persistentSeconds: 300 }).message).toBe(
      "5 active, 9 inactive: waiting for the active connections to end; 3 new connections/s still arrive: persistence sends returning clients here",
    );
    expect(drainVerdict([arriving], tcp).message).toBe(
      "5 active, 9 inactive: waiting for the active connections to end",
    );
  });

  it("never calls a backend that has weight again safe to stop", () => {
    expect(drainVerdict([{ ...sample(1, 0, 0), weight: 100 }], tcp)).toEqual({
      state: "undrained",
      message: "weight is 100 again: the backend takes new connections",
    });
  });
});
