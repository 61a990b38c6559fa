import { english } from "../../../../renderer/i18n/i18n.ts";
import { describe, expect, it } from "vitest";
import type { CredentialRequest } from "../../../../core/api.ts";
import { createHostSetupStore } from "../../../../renderer/state/host-setup-store.ts";
import { createShellStore } from "../../../../renderer/state/shell-store.ts";
import { connectionAdvice } from "../../../../renderer/view-model/connection-advice.ts";
import { testHost, testSnapshot } from "../test-snapshot.ts";

const failed = (code: string, fingerprint?: string) =>
  testHost({
    state: {
      phase: "failed",
      problem: { code: code as never, message: `core says ${code}`, ...(fingerprint ? { fingerprint } : {}) },
    },
  });

describe("connectionAdvice", () => {
  it("offers to trust an unknown key by its fingerprint, never a changed one, and a retry otherwise", () => {
    expect(connectionAdvice(failed("unknown-hostkey", "SHA256:abc"), english)).toMatchObject({
      kind: "trust-key",
      fingerprint: "SHA256:abc",
      message: "core says unknown-hostkey",
    });
    expect(connectionAdvice(failed("hostkey-changed", "SHA256:abc"), english).kind).toBe("key-changed");
    expect(connectionAdvice(failed("authentication-failed"), english).kind).toBe("retry");
    expect(connectionAdvice(failed("access-denied"), english)).toMatchObject({
      kind: "retry",
      message: "core says access-denied",
    });
    expect(connectionAdvice(testHost(), english).kind).toBe("none");
    expect(connectionAdvice({ ...failed("timeout"), kind: "demo" }, english).kind).toBe("none");
  });
});

describe("shell store: hostListChanged", () => {
  it("replaces the list, selects the host just added, drops removed hosts' data and follows the demo flag", () => {
    const shell = createShellStore();
    shell.getState().appInfoLoaded({ version: "1", carrier: "browser", demo: true });
    shell
      .getState()
      .hostsLoaded([testHost({ id: "demo-1", kind: "demo" }), testHost({ id: "demo-2", kind: "demo" })]);
    shell.getState().snapshotReceived("demo-1", testSnapshot({ hostId: "demo-1" }));
    shell.getState().hostListChanged({ hosts: [testHost({ id: "lb9" })], demo: false });
    const state = shell.getState();
    expect(state.hosts.map((h) => h.id)).toEqual(["lb9"]);
    expect(state.selectedHostId).toBe("lb9");
    expect(state.appInfo?.demo).toBe(false);
    expect(state.snapshots).toEqual({});
    expect(state.history).toEqual({});
  });
});

describe("host setup store", () => {
  it("keeps questions until settled, sends the answer once, and reports a failed add in the core's words", async () => {
    const answers: unknown[] = [];
    const api: Parameters<typeof createHostSetupStore>[0] = {
      addHost: async () => {
        throw new Error("lb1 is already followed");
      },
      removeHost: async () => ({ removed: true }),
      trustHostKey: async () => ({ phase: "connecting" as const }),
      retryHost: async () => ({ phase: "connecting" as const }),
      answerCredential: async (request: unknown) => {
        answers.push(request);
        return { accepted: true };
      },
      listCredentialRequests: async () => [],
    };
    const store = createHostSetupStore(api);
    const question: CredentialRequest = {
      promptId: "p1",
      hostId: "lb1",
      kind: "passphrase-needed",
      keyFile: "/k",
      destination: "root@lb1:22",
      attempt: 1,
    };
    store.getState().questionAsked(question);
    store.getState().questionAsked(question);
    expect(store.getState().questions).toEqual([question]);
    await store.getState().answerGiven("p1", "pass");
    expect(store.getState().questions).toEqual([]);
    expect(answers).toEqual([{ promptId: "p1", secret: "pass" }]);
    await store.getState().answerGiven("p2", undefined);
    expect(answers.at(-1)).toEqual({ promptId: "p2" });
    // The store never keeps the secret.
    expect(JSON.stringify(store.getState())).not.toContain('pass"');

    expect(await store.getState().addRequested("lb1", false)).toBe(false);
    expect(store.getState().addStatus).toEqual({ phase: "failed", message: "lb1 is already followed" });
  });
});
