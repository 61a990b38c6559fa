/**
 * The one seam between a carrier (Electron IPC, the browser-mode WebSocket) and the core: one async
 * function per request in core/api.ts. Handlers receive the request already validated by the
 * contract's schema, so they never see untrusted input.
 */
import type { z } from "zod";
import type { ApiRequests, ReplyOf, RequestName } from "../api.ts";

/** A request after its schema has parsed it (defaults applied, unknown keys refused). */
export type ValidatedRequestOf<N extends RequestName> = z.output<ApiRequests[N]["request"]>;

export type ApiHandlers = {
  [N in RequestName]: (request: ValidatedRequestOf<N>) => Promise<ReplyOf<N>>;
};
