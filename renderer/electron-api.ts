/**
 * The Electron carrier as the page uses it: window.fulcrum (the preload's bridge) with every
 * request's rejection turned back into the ApiRequestError the browser carrier raises too
 * (shared/api-error.ts), so the renderer sees one error object whichever carrier it runs on.
 */
import type { FulcrumApi } from "../core/api.ts";
import { fromBridgeError } from "../shared/api-error.ts";

export function electronApi(bridge: FulcrumApi): FulcrumApi {
  // A new object rather than a Proxy: contextBridge hands the page a frozen copy.
  const wrapped: Record<string, unknown> = { on: bridge.on };
  for (const [name, request] of Object.entries(bridge)) {
    if (name === "on" || typeof request !== "function") continue;
    wrapped[name] = (payload: unknown) =>
      (request as (payload: unknown) => Promise<unknown>)(payload).catch((error: unknown) => {
        throw fromBridgeError(error);
      });
  }
  return wrapped as FulcrumApi;
}
