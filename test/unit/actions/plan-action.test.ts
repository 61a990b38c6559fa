import { describe, expect, it } from "vitest";
import type { ActionIntent } from "../../../core/actions/action-intent.ts";
import type { ActionPlan, PlanRefusal, PlanResult } from "../../../core/actions/action-plan.ts";
import { planAction, type PlanningState, type PlanOptions } from "../../../core/actions/plan-action.ts";
import type { VirtualService } from "../../../core/model/ipvs.ts";
import { labServices } from "./lab-state.ts";
import { expectEvery } from "../../support/expect-every.ts";

const NAT = "203.0.113.10:80";
const DR = "203.0.113.20:80";
const TUN = "203.0.113.30:80";
const PERSISTENT = "203.0.113.60:80";
const RS1 = "192.0.2.11:80";
const RS2 = "192.0.2.12:80";
const RS3 = "192.0.2.13:80";

function state(
  overrides: Partial<PlanningState> = {},
  services: VirtualService[] = labServices(),
): PlanningState {
  return { services, host: { id: "lab", production: false }, ...overrides };
}

function planned(result: PlanResult): ActionPlan {
  if (!result.ok) throw new Error(`expected a plan, got ${result.refusal.code}: ${result.refusal.message}`);
  return result.plan;
}

function refused(result: PlanResult): PlanRefusal {
  if (result.ok) throw new Error(`expected a refusal, got a plan running ${result.plan.commands[0]?.shell}`);
  return result.refusal;
}

function plan(
  intent: ActionIntent,
  overrides: Partial<PlanningState> = {},
  options: PlanOptions = {},
  services?: VirtualService[],
): PlanResult {
  return planAction(state(overrides, services), intent, options);
}

function withService(key: string, change: (service: VirtualService) => void): VirtualService[] {
  const services = labServices();
  const service = services.find((candidate) => `${candidate.address}:${candidate.port}` === key);
  if (!service) throw new Error(`no ${key} in the lab fixture`);
  change(service);
  return services;
}

describe("planAction: commands", () => {
  it("sets a weight repeating the forwarding method and the thresholds", () => {
    const result = planned(plan({ kind: "setWeight", service: NAT, backend: RS2, weight: 5 }));
    expect(result.commands).toEqual([
      {
        argv: ["ipvsadm", "-e", "-t", "203.0.113.10:80", "-r", "192.0.2.12:80", "-m", "-w", "5", "-x", "500"],
        shell: "ipvsadm -e -t 203.0.113.10:80 -r 192.0.2.12:80 -m -w 5 -x 500",
      },
    ]);
    expect(result.before).toEqual({
      exists: true,
      forward: "masq",
      weight: 1,
      upperThreshold: 500,
      lowerThreshold: 0,
    });
    expect(result.expectedAfter).toEqual({
      exists: true,
      forward: "masq",
      weight: 5,
      upperThreshold: 500,
      lowerThreshold: 0,
    });
    expect(result.remembered).toBeUndefined();
  });

  it("drains to weight 0 and remembers every setting", () => {
    const result = planned(plan({ kind: "drain", service: NAT, backend: RS1 }));
    expect(result.commands[0]?.argv).toEqual([
      "ipvsadm",
      "-e",
      "-t",
      NAT,
      "-r",
      RS1,
      "-m",
      "-w",
      "0",
      "-x",
      "1000",
      "-y",
      "800",
    ]);
    expect(result.remembered).toEqual({
      forward: "masq",
      weight: 3,
      upperThreshold: 1000,
      lowerThreshold: 800,
    });
    expect(result.expectedAfter).toMatchObject({ exists: true, forward: "masq", weight: 0 });
  });

  it("keeps DR as -g and TUN as -i", () => {
    expect(planned(plan({ kind: "drain", service: DR, backend: RS1 })).commands[0]?.shell).toBe(
      "ipvsadm -e -t 203.0.113.20:80 -r 192.0.2.11:80 -g -w 0",
    );
    expect(planned(plan({ kind: "drain", service: TUN, backend: RS3 })).commands[0]?.shell).toBe(
      "ipvsadm -e -t 203.0.113.30:80 -r 192.0.2.13:80 -i -w 0",
    );
  });

  it("names UDP, FWM and IPv6 services as ipvsadm wants them, whatever case the operator typed", () => {
    expect(
      planned(
        plan({ kind: "drain", service: "udp:203.0.113.40:9000", backend: "192.0.2.11:9000" }),
      ).commands[0]?.argv.slice(0, 6),
    ).toEqual(["ipvsadm", "-e", "-u", "203.0.113.40:9000", "-r", "192.0.2.11:9000"]);
    expect(planned(plan({ kind: "drain", service: "fwm:1", backend: RS2 })).commands[0]?.shell).toBe(
      "ipvsadm -e -f 1 -r 192.0.2.12:80 -m -w 0",
    );
    const v6 = planned(
      plan({ kind: "drain", service: "[2001:DB8:100::10]:80", backend: "[2001:db8:1:0::12]:80" }),
    );
    expect(v6.service).toBe("[2001:db8:100::10]:80");
    expect(v6.commands[0]?.argv).toEqual([
      "ipvsadm",
      "-e",
      "-t",
      "[2001:db8:100::10]:80",
      "-r",
      "[2001:db8:1::12]:80",
      "-m",
      "-w",
      "0",
    ]);
    // Brackets are glob characters to a shell: quoted in the command text.
    expect(v6.commands[0]?.shell).toBe(
      "ipvsadm -e -t '[2001:db8:100::10]:80' -r '[2001:db8:1::12]:80' -m -w 0",
    );
  });

  it("removes with ipvsadm -d and remembers the settings for restore", () => {
    const result = planned(plan({ kind: "remove", service: NAT, backend: RS2 }));
    expect(result.commands[0]?.shell).toBe("ipvsadm -d -t 203.0.113.10:80 -r 192.0.2.12:80");
    expect(result.expectedAfter).toEqual({ exists: false });
    expect(result.remembered).toEqual({ forward: "masq", weight: 1, upperThreshold: 500, lowerThreshold: 0 });
  });

  it("restores a removed backend with its remembered forward method, weight and thresholds", () => {
    const services = labServices();
    const nat = services[0] as VirtualService;
    nat.realServers = nat.realServers.filter((server) => server.address !== "192.0.2.11");
    const remembered = [
      { service: NAT, backend: RS1, settings: { forward: "masq" as const, weight: 2 } },
      {
        service: NAT,
        backend: RS1,
        settings: { forward: "masq" as const, weight: 3, upperThreshold: 1000, lowerThreshold: 800 },
      },
    ];
    const result = planned(
      plan({ kind: "restore", service: NAT, backend: RS1 }, { remembered }, {}, services),
    );
    expect(result.commands[0]?.shell).toBe(
      "ipvsadm -a -t 203.0.113.10:80 -r 192.0.2.11:80 -m -w 3 -x 1000 -y 800",
    );
    expect(result.before).toEqual({ exists: false });
    expect(result.expectedAfter).toEqual({
      exists: true,
      forward: "masq",
      weight: 3,
      upperThreshold: 1000,
      lowerThreshold: 800,
    });
  });

  it("undrains to the given weight (an operator's, an undo's), else the remembered one, else refuses", () => {
    const remembered = [{ service: NAT, backend: RS3, settings: { forward: "masq" as const, weight: 4 } }];
    expect(
      planned(plan({ kind: "undrain", service: NAT, backend: RS3, weight: 9 }, { remembered })).expectedAfter,
    ).toMatchObject({ weight: 9 });
    expect(
      planned(plan({ kind: "undrain", service: NAT, backend: RS3 }, { remembered })).expectedAfter,
    ).toMatchObject({ weight: 4 });
    expect(planned(plan({ kind: "undrain", service: NAT, backend: RS3, weight: 9 })).commands[0]?.shell).toBe(
      "ipvsadm -e -t 203.0.113.10:80 -r 192.0.2.13:80 -m -w 9",
    );
    expect(refused(plan({ kind: "undrain", service: NAT, backend: RS3 })).code).toBe("nothing-remembered");
  });
});

describe("planAction: refusals", () => {
  it.each<[ActionIntent, PlanRefusal["code"]]>([
    [{ kind: "drain", service: "not a service", backend: RS1 }, "invalid-input"],
    [{ kind: "drain", service: NAT, backend: "192.0.2.11" }, "invalid-input"],
    [{ kind: "setWeight", service: NAT, backend: RS1, weight: 65536 }, "invalid-input"],
    [{ kind: "setWeight", service: NAT, backend: RS1, weight: -1 }, "invalid-input"],
    [{ kind: "drain", service: "haproxy:be_app", backend: RS1 }, "wrong-family"],
    [{ kind: "drain", service: "203.0.113.99:80", backend: RS1 }, "service-not-found"],
    [{ kind: "drain", service: NAT, backend: "192.0.2.99:80" }, "backend-not-found"],
    [{ kind: "drain", service: NAT, backend: RS3 }, "no-change"],
    [{ kind: "setWeight", service: NAT, backend: RS1, weight: 3 }, "no-change"],
    [{ kind: "restore", service: NAT, backend: RS1 }, "backend-exists"],
    [{ kind: "restore", service: NAT, backend: "192.0.2.14:80" }, "nothing-remembered"],
  ])("%j -> %s", (intent, code) => {
    expect(refused(plan(intent)).code).toBe(code);
  });

  it("refuses to guess a forwarding method ipvsadm cannot set", () => {
    const services = withService(NAT, (service) => {
      Object.assign(service.realServers[0] as object, { forward: "fullnat" });
    });
    expect(refused(plan({ kind: "drain", service: NAT, backend: RS1 }, {}, {}, services)).code).toBe(
      "unsupported-forward",
    );
  });
});

describe("planAction: guards", () => {
  it("asks for the service key before draining the last weighted backend, and accepts it", () => {
    const services = withService(NAT, (service) => {
      Object.assign(service.realServers[1] as object, { weight: 0 });
    });
    const refusal = refused(plan({ kind: "drain", service: NAT, backend: RS1 }, {}, {}, services));
    expect(refusal.code).toBe("confirmation-required");
    expect(refusal.confirmText).toBe(NAT);
    expect(refusal.guards?.map((guard) => guard.code)).toEqual(["last-weighted-backend"]);
    expect(refusal.plan?.commands[0]?.shell).toContain("-w 0");
    expect(
      refused(plan({ kind: "drain", service: NAT, backend: RS1 }, {}, { confirmation: "yes" }, services))
        .code,
    ).toBe("confirmation-required");
    const confirmed = planned(
      plan({ kind: "drain", service: NAT, backend: RS1 }, {}, { confirmation: NAT }, services),
    );
    expect(confirmed.confirmedGuards.map((guard) => guard.code)).toEqual(["last-weighted-backend"]);
  });

  it("guards removing the last weighted backend and setting its weight to 0 too", () => {
    const services = withService(NAT, (service) => {
      Object.assign(service.realServers[1] as object, { weight: 0 });
    });
    expect(
      refused(plan({ kind: "remove", service: NAT, backend: RS1 }, {}, {}, services)).guards?.[0]?.code,
    ).toBe("last-weighted-backend");
    expect(
      refused(plan({ kind: "setWeight", service: NAT, backend: RS1, weight: 0 }, {}, {}, services))
        .guards?.[0]?.code,
    ).toBe("last-weighted-backend");
    // Draining a backend that is not the last weighted one passes.
    expect(plan({ kind: "drain", service: NAT, backend: RS2 }).ok).toBe(true);
  });

  it("guards a drain that pushes a remaining backend past 80 % of its -x threshold", () => {
    // rs1 -x 1000: 900 connections spread 3:1 -> rs1 675 (under 800); draining rs2 -> rs1 900 (over 800).
    const services = withService(NAT, (service) => {
      Object.assign(service.realServers[0] as object, { activeConns: 500, inactiveConns: 175 });
      Object.assign(service.realServers[1] as object, { activeConns: 200, inactiveConns: 25 });
    });
    const refusal = refused(plan({ kind: "drain", service: NAT, backend: RS2 }, {}, {}, services));
    expect(refusal.guards?.map((guard) => guard.code)).toEqual(["capacity"]);
    expect(refusal.guards?.[0]?.message).toContain("192.0.2.11:80 would carry about 900 connections");
    // A fraction of 0.95 leaves room (950 > 900).
    expect(
      plan({ kind: "drain", service: NAT, backend: RS2 }, {}, { capacityFraction: 0.95 }, services).ok,
    ).toBe(true);
  });

  it("uses the configured default capacity for backends without -x, and warns when there is none", () => {
    // DR rr: 30 connections; draining rs1 leaves rs2 and rs3 with 15 each.
    expect(
      refused(plan({ kind: "drain", service: DR, backend: RS1 }, {}, { defaultCapacity: 18 })).guards?.[0]
        ?.code,
    ).toBe("capacity");
    expect(plan({ kind: "drain", service: DR, backend: RS1 }, {}, { defaultCapacity: 19 }).ok).toBe(true);
    const unchecked = planned(plan({ kind: "drain", service: DR, backend: RS1 }));
    expect(unchecked.warnings.find((warning) => warning.code === "capacity-unknown")?.message).toContain(
      "192.0.2.12:80, 192.0.2.13:80",
    );
  });

  it("does not fire the capacity guard for a backend whose share shrinks", () => {
    const services = withService(NAT, (service) => {
      Object.assign(service.realServers[0] as object, { activeConns: 1500 });
    });
    // 1540 connections: rs1 stays over 800 at 3/5 (924) but its share shrinks from 3/4, so
    // giving rs3 a weight takes load away from it and is not guarded.
    const result = planned(
      plan({ kind: "setWeight", service: NAT, backend: RS3, weight: 1 }, {}, {}, services),
    );
    expect(result.predictions.map((prediction) => prediction.connections)).toEqual([924, 308, 308]);
  });

  it("always asks on a production host", () => {
    const production = { host: { id: "lb1", production: true } };
    const refusal = refused(plan({ kind: "setWeight", service: NAT, backend: RS2, weight: 2 }, production));
    expect(refusal.guards?.map((guard) => guard.code)).toEqual(["production"]);
    expect(
      planned(
        plan({ kind: "setWeight", service: NAT, backend: RS2, weight: 2 }, production, { confirmation: NAT }),
      ).confirmedGuards,
    ).toHaveLength(1);
  });
});

describe("planAction: predictions", () => {
  const rates = { cps: 40, inPps: 0, outPps: 0, inBps: 4000, outBps: 8000 };

  it("spreads new connections by weight under wrr", () => {
    const services = withService(NAT, (service) => {
      service.rates = rates;
    });
    const result = planned(
      plan({ kind: "setWeight", service: NAT, backend: RS3, weight: 4 }, {}, {}, services),
    );
    expect(
      result.predictions.map((prediction) => [
        prediction.backend,
        prediction.share,
        prediction.cps,
        prediction.outBps,
      ]),
    ).toEqual([
      [RS1, 3 / 8, 15, 3000],
      [RS2, 1 / 8, 5, 1000],
      [RS3, 4 / 8, 20, 4000],
    ]);
    // 40 connections in the table: 15 / 5 / 20 once settled.
    expect(result.predictions.map((prediction) => prediction.connections)).toEqual([15, 5, 20]);
    expect(result.predictions[0]?.capacity).toBe(1000);
  });

  it("splits equally under rr and leaves outbound unknown for DR", () => {
    const services = withService(DR, (service) => {
      service.rates = rates;
    });
    const result = planned(plan({ kind: "drain", service: DR, backend: RS1 }, {}, {}, services));
    expect(
      result.predictions.map((prediction) => [
        prediction.share,
        prediction.cps,
        prediction.inBps,
        prediction.outBps,
      ]),
    ).toEqual([
      [0, 0, 0, "unknown"],
      [0.5, 20, 2000, "unknown"],
      [0.5, 20, 2000, "unknown"],
    ]);
    expect(result.warnings.map((warning) => warning.code)).toContain("outbound-unknown");
  });

  it("drops a removed backend from the predictions", () => {
    const result = planned(plan({ kind: "remove", service: NAT, backend: RS2 }));
    expect(result.predictions.map((prediction) => [prediction.backend, prediction.share])).toEqual([
      [RS1, 1],
      [RS3, 0],
    ]);
  });

  it("says unknown for hashing schedulers and without rates", () => {
    const result = planned(
      plan({ kind: "drain", service: "sctp:203.0.113.70:5000", backend: "192.0.2.11:5000" }),
    );
    expectEvery(
      result.predictions,
      (prediction) => prediction.share === "unknown" && prediction.cps === "unknown",
    );
    expect(result.warnings.map((warning) => warning.code)).toEqual(
      expect.arrayContaining(["share-unknown", "rates-unknown"]),
    );
    expect(result.warnings.find((warning) => warning.code === "share-unknown")?.message).toContain(
      "sh scheduler",
    );
  });

  it("warns about persistence templates and expire_quiescent_template when draining a persistent service", () => {
    const result = planned(plan({ kind: "drain", service: PERSISTENT, backend: RS3 }));
    expectEvery(result.predictions, (prediction) => prediction.share === "unknown");
    const codes = result.warnings.map((warning) => warning.code);
    expect(codes).toEqual(
      expect.arrayContaining(["persistence", "expire-quiescent-template", "share-unknown"]),
    );
    expect(result.warnings.find((warning) => warning.code === "persistence")?.message).toContain(
      "persistent 300 s",
    );
    // Removing is not quiescing: the kernel drops templates of a deleted destination.
    expect(
      planned(plan({ kind: "remove", service: PERSISTENT, backend: RS3 })).warnings.map(
        (warning) => warning.code,
      ),
    ).not.toContain("persistence");
  });

  it("says keepalived may revert the change when it manages the service", () => {
    const host = { id: "lab", production: false, keepalivedManaged: { services: [NAT] } };
    const drain = planned(plan({ kind: "drain", service: NAT, backend: RS2 }, { host }));
    expect(drain.warnings.find((warning) => warning.code === "keepalived-managed")?.message).toMatch(
      /keepalived restores the configured weight on this backend.s next health-check transition/,
    );
    expect(
      planned(plan({ kind: "drain", service: DR, backend: RS2 }, { host })).warnings.map(
        (warning) => warning.code,
      ),
    ).not.toContain("keepalived-managed");
  });

  it("warns when the state does not show thresholds an edit would clear", () => {
    const services = labServices();
    for (const server of services[0]?.realServers ?? []) {
      delete server.upperThreshold;
      delete server.lowerThreshold;
    }
    expect(
      planned(plan({ kind: "drain", service: NAT, backend: RS2 }, {}, {}, services)).warnings.map(
        (warning) => warning.code,
      ),
    ).toContain("thresholds-unknown");
    expect(
      planned(plan({ kind: "drain", service: NAT, backend: RS2 })).warnings.map((warning) => warning.code),
    ).not.toContain("thresholds-unknown");
  });
});
