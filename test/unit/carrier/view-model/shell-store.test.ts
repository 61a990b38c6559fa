// The shell store driven through connectShell by a scripted in-memory FulcrumApi (test double).
import { describe, expect, it } from "vitest";
import type { EventName, EventOf, FulcrumApi, HostSnapshot } from "../../../../core/api.ts";
import { connectShell } from "../../../../renderer/state/connect-shell.ts";
import { createShellStore } from "../../../../renderer/state/shell-store.ts";
import { testHost, testSnapshot } from "../test-snapshot.ts";
import { NO_ACTION_HANDLERS, NO_HISTORY_HANDLERS, NO_HOST_SETUP_HANDLERS } from "../no-action-handlers.ts";

function scriptedApi(snapshots: Record<string, HostSnapshot | null>) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const snapshotRequests: string[] = [];
  const api: FulcrumApi = {
    getAppInfo: async () => ({ version: "9", carrier: "browser", demo: true }),
    listHosts: async () => [testHost(), testHost({ id: "lb2", label: "lb2.test" })],
    getSnapshot: async ({ hostId }) => {
      snapshotRequests.push(hostId);
      return snapshots[hostId] ?? null;
    },
    on: (event, listener) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)?.add(listener as (payload: unknown) => void);
      return () => void listeners.get(event)?.delete(listener as (payload: unknown) => void);
    },
    ...NO_ACTION_HANDLERS,
    ...NO_HOST_SETUP_HANDLERS,
    ...NO_HISTORY_HANDLERS,
  };
  const push = <N extends EventName>(event: N, payload: EventOf<N>) =>
    listeners.get(event)?.forEach((listener) => listener(payload));
  return {
    api,
    push,
    snapshotRequests,
    listenerCount: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("shell store", () => {
  it("loads app info and hosts, selects the first host and fetches its snapshot", async () => {
    const store = createShellStore();
    const { api, snapshotRequests } = scriptedApi({ lb1: testSnapshot() });
    connectShell(store, api);
    await settle();
    await settle();
    const state = store.getState();
    expect(state.appInfo?.demo).toBe(true);
    expect(state.hostsStatus).toBe("ready");
    expect(state.selectedHostId).toBe("lb1");
    expect(snapshotRequests).toEqual(["lb1"]);
    expect(state.snapshots.lb1).toEqual(testSnapshot());
  });

  it("applies pushed samples and host states, and never replaces a newer sample with an older one", async () => {
    const store = createShellStore();
    const { api, push } = scriptedApi({});
    connectShell(store, api);
    await settle();
    await settle();

    push("sampleReceived", testSnapshot({ at: 2_000, sequence: 2 }));
    push("sampleReceived", testSnapshot({ at: 1_000, sequence: 1 }));
    store.getState().snapshotReceived("lb1", null);
    expect(store.getState().snapshots.lb1?.sequence).toBe(2);

    push("hostStateChanged", { hostId: "lb2", state: { phase: "retrying", retryAt: 5 } });
    expect(store.getState().hosts.find((host) => host.id === "lb2")?.state).toEqual({
      phase: "retrying",
      retryAt: 5,
    });
  });

  it("records a failed load as a problem in the core's words", async () => {
    const store = createShellStore();
    const { api } = scriptedApi({});
    connectShell(store, {
      ...api,
      listHosts: async () => Promise.reject(new Error("internal-error: inventory unreadable")),
    });
    await settle();
    expect(store.getState().hostsStatus).toBe("failed");
    expect(store.getState().problem).toBe("internal-error: inventory unreadable");
  });

  it("stops listening when disconnected", async () => {
    const store = createShellStore();
    const scripted = scriptedApi({});
    const stop = connectShell(store, scripted.api);
    expect(scripted.listenerCount()).toBe(2);
    stop();
    expect(scripted.listenerCount()).toBe(0);
  });

  it("keeps a bounded traffic history per host from the samples it receives", async () => {
    const store = createShellStore();
    const { api, push } = scriptedApi({});
    connectShell(store, api);
    await settle();
    await settle();
    for (let sequence = 1; sequence <= 400; sequence += 1) {
      push("sampleReceived", testSnapshot({ at: 1_700_000_000_000 + sequence * 1_000, sequence }));
    }
    const history = store.getState().history.lb1 ?? [];
    expect(history.length).toBeGreaterThan(100);
    expect(history.length).toBeLessThanOrEqual(150);
    expect(history.at(-1)).toMatchObject({ at: 1_700_000_400_000, cps: 12.5 });
    expect(store.getState().history.lb2).toBeUndefined();
  });
});
