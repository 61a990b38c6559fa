// The action store driven through a scripted in-memory API (test double): each request waits until
// the test answers it, so the order of replies and the operator's clicks is the test's to choose.
import { describe, expect, it } from "vitest";
import type {
  ActionResult,
  AuditEntryView,
  EventName,
  EventOf,
  FulcrumApi,
  HaproxyPlanReply,
  HostSnapshot,
  PlanReply,
  PlanView,
  RequestOf,
} from "../../../../core/api.ts";
import { createActionStore } from "../../../../renderer/state/action-store.ts";
import { connectActions } from "../../../../renderer/state/connect-actions.ts";
import { createShellStore } from "../../../../renderer/state/shell-store.ts";
import { NO_ACTION_HANDLERS, NO_HISTORY_HANDLERS, NO_HOST_SETUP_HANDLERS } from "../no-action-handlers.ts";
import { testHost, testSnapshot } from "../test-snapshot.ts";

interface Pending<Request, Reply> {
  request: Request;
  reply(value: Reply): Promise<void>;
  fail(error: Error): Promise<void>;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function scriptedApi() {
  const plans: Pending<RequestOf<"planAction">, PlanReply>[] = [];
  const applies: Pending<RequestOf<"applyAction">, ActionResult>[] = [];
  const undos: Pending<RequestOf<"undoAction">, ActionResult>[] = [];
  const pending =
    <Request, Reply>(queue: Pending<Request, Reply>[]) =>
    (request: Request) =>
      new Promise<Reply>((resolve, reject) => {
        queue.push({
          request,
          reply: async (value) => {
            resolve(value);
            await settle();
          },
          fail: async (error) => {
            reject(error);
            await settle();
          },
        });
      });
  return {
    api: {
      planAction: pending(plans),
      planHaproxyAction: pending<RequestOf<"planHaproxyAction">, HaproxyPlanReply>([]),
      applyAction: pending(applies),
      undoAction: pending(undos),
    },
    plans,
    applies,
    undos,
  };
}

const target = { service: "192.0.2.10:443", backend: "10.0.0.10:443" };
const drainIntent = { kind: "drain" as const, ...target };

function plan(overrides: Partial<PlanView> = {}): PlanView {
  return {
    planId: "plan-1",
    hostId: "lb1",
    intent: drainIntent,
    ...target,
    commands: ["ipvsadm -e -t 192.0.2.10:443 -r 10.0.0.10:443 -m -w 0"],
    before: { exists: true, forward: "masq", weight: 100 },
    expectedAfter: { exists: true, forward: "masq", weight: 0 },
    predictions: [],
    warnings: [],
    confirmedGuards: [],
    ...overrides,
  };
}

const verified = (auditId: string): ActionResult => ({
  outcome: "verified",
  message: "verified",
  commands: [{ shell: "ipvsadm -e -t 192.0.2.10:443 -r 10.0.0.10:443 -m -w 0", status: "applied" }],
  auditId,
});

/** testSnapshot with the drained backend at the given weight and counts. */
function backendAt(at: number, weight: number, activeConns: number, inactiveConns: number): HostSnapshot {
  const snapshot = testSnapshot({ at });
  const [first, ...rest] = snapshot.services;
  if (!first) throw new Error("test data has services");
  const [server, ...others] = first.realServers;
  if (!server) throw new Error("test data has real servers");
  return {
    ...snapshot,
    services: [
      { ...first, realServers: [{ ...server, weight, activeConns, inactiveConns }, ...others] },
      ...rest,
    ],
  };
}

describe("action store", () => {
  it("plans, previews, applies only that plan, and follows a verified drain down to zero", async () => {
    const scripted = scriptedApi();
    let latest: HostSnapshot | null = backendAt(1_000, 0, 30, 5);
    const store = createActionStore({ api: scripted.api, latestSnapshot: () => latest, now: () => 1_000 });

    store.getState().planRequested({ hostId: "lb1", intent: drainIntent, production: true });
    expect(store.getState().flow.phase).toBe("planning");
    expect(scripted.plans[0]?.request).toEqual({ hostId: "lb1", intent: drainIntent });
    // Apply before there is a preview does nothing.
    store.getState().applyRequested();
    expect(scripted.applies).toHaveLength(0);

    await scripted.plans[0]?.reply({ ok: true, plan: plan() });
    expect(store.getState().flow).toMatchObject({
      phase: "preview",
      production: true,
      plan: { planId: "plan-1" },
    });

    store.getState().applyRequested();
    expect(store.getState().flow.phase).toBe("applying");
    expect(scripted.applies[0]?.request).toEqual({ hostId: "lb1", planId: "plan-1" });
    await scripted.applies[0]?.reply(verified("audit-1"));
    expect(store.getState().flow).toMatchObject({
      phase: "result",
      title: "Drain 10.0.0.10:443 in 192.0.2.10:443",
      result: { outcome: "verified", auditId: "audit-1" },
    });

    const watch = store.getState().drains.lb1?.[0];
    expect(watch).toMatchObject({
      ...target,
      auditId: "audit-1",
      context: { protocol: "tcp", drainedAt: 1_000, persistentSeconds: 0 },
    });
    expect(watch?.samples.map((sample) => sample.activeConns)).toEqual([30]);

    latest = null;
    store.getState().snapshotObserved(backendAt(2_000, 0, 10, 20));
    store.getState().snapshotObserved(testSnapshot({ hostId: "lb2", at: 2_500 }));
    store.getState().snapshotObserved(backendAt(3_000, 0, 0, 0));
    expect(
      store.getState().drains.lb1?.[0]?.samples.map((sample) => [sample.activeConns, sample.inactiveConns]),
    ).toEqual([
      [30, 5],
      [10, 20],
      [0, 0],
    ]);
    expect(store.getState().drains.lb2).toBeUndefined();
  });

  it("starts a drain's series after the sample that still shows the old weight", async () => {
    const scripted = scriptedApi();
    const store = createActionStore({
      api: scripted.api,
      latestSnapshot: () => backendAt(1_000, 100, 30, 5),
    });
    store.getState().planRequested({ hostId: "lb1", intent: drainIntent, production: false });
    await scripted.plans[0]?.reply({ ok: true, plan: plan() });
    store.getState().applyRequested();
    await scripted.applies[0]?.reply(verified("audit-1"));
    expect(store.getState().drains.lb1?.[0]?.samples).toEqual([]);
  });

  it("follows nothing when the drain was not verified", async () => {
    const scripted = scriptedApi();
    const store = createActionStore({ api: scripted.api, latestSnapshot: () => backendAt(1_000, 0, 3, 0) });
    store.getState().planRequested({ hostId: "lb1", intent: drainIntent, production: false });
    await scripted.plans[0]?.reply({ ok: true, plan: plan() });
    store.getState().applyRequested();
    await scripted.applies[0]?.reply({
      outcome: "aborted",
      message: "the backend changed since the plan",
      commands: [],
    });
    expect(store.getState().flow).toMatchObject({ phase: "result", result: { outcome: "aborted" } });
    expect(store.getState().drains.lb1).toBeUndefined();
  });

  it("asks for the service key, re-plans with it only when it matches, then previews", async () => {
    const scripted = scriptedApi();
    const store = createActionStore({ api: scripted.api, latestSnapshot: () => null });
    store.getState().planRequested({ hostId: "lb1", intent: drainIntent, production: false });
    const guards = [{ code: "last-weighted-backend" as const, message: "last backend with a weight" }];
    await scripted.plans[0]?.reply({
      ok: false,
      refusal: { code: "confirmation-required", message: "confirm", confirmText: "192.0.2.10:443", guards },
    });
    expect(store.getState().flow).toMatchObject({
      phase: "confirm",
      typed: "",
      replanning: false,
      refusal: { guards },
    });

    store.getState().confirmationTyped("192.0.2.10:44");
    store.getState().applyRequested();
    expect(scripted.plans).toHaveLength(1);
    expect(scripted.applies).toHaveLength(0);
    expect(store.getState().flow).toMatchObject({ phase: "confirm", typed: "192.0.2.10:44" });

    store.getState().confirmationTyped("192.0.2.10:443 ");
    expect(store.getState().flow).toMatchObject({ phase: "confirm", replanning: true });
    expect(scripted.plans[1]?.request).toEqual({
      hostId: "lb1",
      intent: drainIntent,
      confirmation: "192.0.2.10:443",
    });
    await scripted.plans[1]?.reply({ ok: true, plan: plan({ planId: "plan-2", confirmedGuards: guards }) });
    expect(store.getState().flow).toMatchObject({
      phase: "preview",
      confirmedWith: "192.0.2.10:443",
      plan: { planId: "plan-2" },
    });
  });

  it("shows any other refusal as final", async () => {
    const scripted = scriptedApi();
    const store = createActionStore({ api: scripted.api, latestSnapshot: () => null });
    store.getState().planRequested({ hostId: "lb1", intent: drainIntent, production: false });
    await scripted.plans[0]?.reply({
      ok: false,
      refusal: { code: "backend-not-found", message: "no such backend" },
    });
    expect(store.getState().flow).toMatchObject({ phase: "refused", refusal: { code: "backend-not-found" } });
  });

  it("drops a reply for a flow the operator already cancelled or replaced", async () => {
    const scripted = scriptedApi();
    const store = createActionStore({ api: scripted.api, latestSnapshot: () => null });
    store.getState().planRequested({ hostId: "lb1", intent: drainIntent, production: false });
    store.getState().flowClosed();
    await scripted.plans[0]?.reply({ ok: true, plan: plan() });
    expect(store.getState().flow).toEqual({ phase: "idle" });

    store.getState().planRequested({ hostId: "lb1", intent: drainIntent, production: false });
    store.getState().planRequested({
      hostId: "lb1",
      intent: { kind: "setWeight", ...target, weight: 5 },
      production: false,
    });
    await scripted.plans[1]?.reply({ ok: true, plan: plan({ planId: "stale" }) });
    expect(store.getState().flow.phase).toBe("planning");
    await scripted.plans[2]?.reply({ ok: true, plan: plan({ planId: "fresh" }) });
    expect(store.getState().flow).toMatchObject({ phase: "preview", plan: { planId: "fresh" } });
  });

  it("says what went wrong when the API call itself fails", async () => {
    const scripted = scriptedApi();
    const store = createActionStore({ api: scripted.api, latestSnapshot: () => null });
    store.getState().planRequested({ hostId: "lb1", intent: drainIntent, production: false });
    await scripted.plans[0]?.fail(new Error("Lost the connection to the Fulcrum server."));
    expect(store.getState().flow).toEqual({
      phase: "failed",
      hostId: "lb1",
      title: "Drain 10.0.0.10:443 in 192.0.2.10:443",
      message: "Lost the connection to the Fulcrum server.",
    });
  });

  it("undoes by audit id and stops following the drain it undid", async () => {
    const scripted = scriptedApi();
    const store = createActionStore({ api: scripted.api, latestSnapshot: () => backendAt(1_000, 0, 3, 0) });
    store.getState().planRequested({ hostId: "lb1", intent: drainIntent, production: false });
    await scripted.plans[0]?.reply({ ok: true, plan: plan() });
    store.getState().applyRequested();
    await scripted.applies[0]?.reply(verified("audit-1"));
    expect(store.getState().drains.lb1).toHaveLength(1);

    store.getState().undoRequested("lb1", "audit-1", "Drain 10.0.0.10:443 in 192.0.2.10:443");
    expect(store.getState().flow).toMatchObject({
      phase: "undoing",
      title: "Undo: Drain 10.0.0.10:443 in 192.0.2.10:443",
    });
    expect(scripted.undos[0]?.request).toEqual({ hostId: "lb1", auditId: "audit-1" });
    await scripted.undos[0]?.reply(verified("audit-2"));
    expect(store.getState().flow).toMatchObject({ phase: "result", result: { auditId: "audit-2" } });
    expect(store.getState().drains.lb1).toEqual([]);
  });
});

describe("connectActions", () => {
  it("loads a host's audit on its first selection, adds pushed entries once, and stops listening", async () => {
    const listeners = new Map<string, Set<(payload: unknown) => void>>();
    const auditRequests: (string | undefined)[] = [];
    const loaded: AuditEntryView = auditEntry("a1");
    const api: FulcrumApi = {
      getAppInfo: async () => ({ version: "9", carrier: "browser", demo: false }),
      listHosts: async () => [testHost()],
      getSnapshot: async () => null,
      ...NO_ACTION_HANDLERS,
      ...NO_HOST_SETUP_HANDLERS,
      ...NO_HISTORY_HANDLERS,
      listAudit: async ({ hostId }) => {
        auditRequests.push(hostId);
        return [loaded];
      },
      on: (event, listener) => {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event)?.add(listener as (payload: unknown) => void);
        return () => void listeners.get(event)?.delete(listener as (payload: unknown) => void);
      },
    };
    const push = <N extends EventName>(event: N, payload: EventOf<N>) =>
      listeners.get(event)?.forEach((listener) => listener(payload));
    const shell = createShellStore();
    const actions = createActionStore({ api, latestSnapshot: () => null });
    const stop = connectActions(actions, shell, api);

    shell.getState().hostsLoaded([testHost(), testHost({ id: "lb2" })]);
    await settle();
    expect(auditRequests).toEqual(["lb1"]);
    push("auditAppended", auditEntry("a1"));
    push("auditAppended", auditEntry("a2"));
    expect(actions.getState().audit.lb1?.map((entry) => entry.id)).toEqual(["a1", "a2"]);

    shell.getState().hostSelected("lb2");
    shell.getState().hostSelected("lb1");
    await settle();
    expect(auditRequests).toEqual(["lb1", "lb2"]);

    stop();
    expect([...listeners.values()].reduce((count, set) => count + set.size, 0)).toBe(0);
  });
});

function auditEntry(id: string): AuditEntryView {
  return {
    id,
    at: "2026-11-25T10:00:00.000Z",
    who: { osUser: "ops" },
    hostId: "lb1",
    intent: drainIntent,
    ...target,
    commands: [],
    expectedAfter: { exists: true, forward: "masq", weight: 0 },
    result: "verified",
    verified: true,
    message: "verified",
    confirmedGuards: [],
  };
}

describe("drift alerts", () => {
  it("keeps each host's alerts newest first, bounded, until dismissed", () => {
    const store = createActionStore({ api: scriptedApi().api, latestSnapshot: () => null });
    const alert = (at: number) => ({
      hostId: "lb1",
      at,
      kind: "weight-reverted" as const,
      service: "192.0.2.10:443",
      backend: "10.0.0.10:443",
      message: `weight reverted ${at}`,
    });
    for (let at = 1; at <= 25; at++) store.getState().alertRaised(alert(at));
    const kept = store.getState().alerts.lb1 ?? [];
    expect(kept).toHaveLength(20);
    expect(kept[0]?.at).toBe(25);
    store.getState().alertDismissed(alert(25));
    expect(store.getState().alerts.lb1?.[0]?.at).toBe(24);
    expect(store.getState().alerts.lb2).toBeUndefined();
  });
});
