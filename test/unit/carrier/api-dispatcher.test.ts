import { describe, expect, it, vi } from "vitest";
import { ProblemCodeSchema } from "../../../core/api.ts";
import { problemError } from "../../../core/ssh/problem.ts";
import { createApiDispatcher } from "../../../core/carrier/api-dispatcher.ts";
import type { ApiHandlers } from "../../../core/carrier/api-handlers.ts";
import { testHost, testSnapshot } from "./test-snapshot.ts";
import { NO_ACTION_HANDLERS, NO_HISTORY_HANDLERS, NO_HOST_SETUP_HANDLERS } from "./no-action-handlers.ts";

function handlers(overrides: Partial<ApiHandlers> = {}): ApiHandlers {
  return {
    getAppInfo: async () => ({ version: "1.2.3", carrier: "browser", demo: false }),
    listHosts: async () => [testHost()],
    getSnapshot: async ({ hostId }) => (hostId === "lb1" ? testSnapshot() : null),
    ...overrides,
    ...NO_ACTION_HANDLERS,
    ...NO_HOST_SETUP_HANDLERS,
    ...NO_HISTORY_HANDLERS,
  };
}

describe("createApiDispatcher", () => {
  it("answers a valid request with the handler's reply", async () => {
    const dispatch = createApiDispatcher(handlers());
    expect(await dispatch("listHosts", {})).toEqual({ ok: true, value: [testHost()] });
    expect(await dispatch("getSnapshot", { hostId: "lb1" })).toEqual({ ok: true, value: testSnapshot() });
    expect(await dispatch("getSnapshot", { hostId: "other" })).toEqual({ ok: true, value: null });
  });

  it.each([["dropAllTables"], ["toString"], ["__proto__"], ["constructor"], [42], [null], [undefined]])(
    "refuses the unknown request name %s without calling a handler",
    async (name) => {
      const listHosts = vi.fn(async () => []);
      const result = await createApiDispatcher(handlers({ listHosts }))(name, {});
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe("unknown-request");
      expect(listHosts).not.toHaveBeenCalled();
    },
  );

  it.each([
    ["a missing hostId", {}],
    ["a hostId of the wrong type", { hostId: 5 }],
    ["an empty hostId", { hostId: "" }],
    ["an unexpected extra field", { hostId: "lb1", command: "rm -rf /" }],
    ["no payload at all", undefined],
  ])("refuses getSnapshot with %s before the handler runs", async (_case, payload) => {
    const getSnapshot = vi.fn(async () => null);
    const result = await createApiDispatcher(handlers({ getSnapshot }))("getSnapshot", payload);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("invalid-request");
      expect(result.error.message).toContain("getSnapshot");
    }
    expect(getSnapshot).not.toHaveBeenCalled();
  });

  it("passes the problem code of a problemError through, and hides every other error behind internal-error", async () => {
    const dispatch = createApiDispatcher(
      handlers({
        getSnapshot: async () => {
          throw problemError("timeout", "lb1: connection timed out");
        },
        listHosts: async () => {
          throw new TypeError("boom");
        },
        getAppInfo: async () => {
          // A `code` on a plain error is not a problem code: Node's errors carry ENOENT and the like.
          throw Object.assign(new Error("no such file"), { code: "not-found" });
        },
      }),
    );
    expect(await dispatch("getSnapshot", { hostId: "lb1" })).toEqual({
      ok: false,
      error: { code: "timeout", message: "lb1: connection timed out" },
    });
    expect(await dispatch("listHosts", {})).toEqual({
      ok: false,
      error: { code: "internal-error", message: "boom" },
    });
    expect(await dispatch("getAppInfo", {})).toEqual({
      ok: false,
      error: { code: "internal-error", message: "no such file" },
    });
  });

  it.each(ProblemCodeSchema.options)("carries the problem code %s as it is", async (code) => {
    const dispatch = createApiDispatcher(
      handlers({
        listHosts: async () => {
          throw problemError(code, `a ${code} problem`);
        },
      }),
    );
    expect(await dispatch("listHosts", {})).toEqual({
      ok: false,
      error: { code, message: `a ${code} problem` },
    });
  });

  it("refuses a reply outside the contract when reply validation is on", async () => {
    const broken = handlers({ listHosts: async () => [{ id: "lb1" }] as never });
    const checked = await createApiDispatcher(broken, { validateReplies: true })("listHosts", {});
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error.code).toBe("invalid-reply");

    const unchecked = await createApiDispatcher(broken, { validateReplies: false })("listHosts", {});
    expect(unchecked).toEqual({ ok: true, value: [{ id: "lb1" }] });
  });
});
