/**
 * Turns an untrusted (name, payload) pair from any carrier into a validated handler call and an
 * ApiResult envelope. Both carriers share it, so validation happens once per boundary, the same way.
 */
import { z } from "zod";
import { apiRequests, type ApiErrorCode, type ApiResult, type RequestName } from "../api.ts";
import { SessionProblemError } from "../ssh/problem.ts";
import type { ApiHandlers } from "./api-handlers.ts";
import { HandlerError } from "./handler-error.ts";

/** Error codes the dispatcher itself produces; handler failures carry a HandlerErrorCode. */
export type DispatchErrorCode = Extract<
  ApiErrorCode,
  "unknown-request" | "invalid-request" | "invalid-reply"
>;

export type ApiDispatch = (name: unknown, payload: unknown) => Promise<ApiResult<unknown>>;

export interface ApiDispatcherOptions {
  /**
   * Check every reply against the contract too. On by default outside production: a reply that
   * breaks the contract is a core bug, and we want tests to catch it rather than the renderer.
   */
  validateReplies?: boolean;
}

export function isRequestName(name: unknown): name is RequestName {
  // Object.hasOwn, not `in`: "toString" or "__proto__" must not pass as a request name.
  return typeof name === "string" && Object.hasOwn(apiRequests, name);
}

export function createApiDispatcher(handlers: ApiHandlers, options: ApiDispatcherOptions = {}): ApiDispatch {
  const validateReplies = options.validateReplies ?? process.env.NODE_ENV !== "production";

  return async function dispatch(name, payload) {
    if (!isRequestName(name)) {
      return failure("unknown-request", `Unknown request ${describeName(name)}.`);
    }
    const contract = apiRequests[name];
    const request = contract.request.safeParse(payload);
    if (!request.success) {
      return failure("invalid-request", `Invalid ${name} request: ${z.prettifyError(request.error)}`);
    }

    let reply: unknown;
    try {
      // The schema lookup and the handler lookup use the same name, so the pairing is sound even
      // though TypeScript cannot correlate the two unions on its own.
      const handler = handlers[name] as (request: unknown) => Promise<unknown>;
      reply = await handler(request.data);
    } catch (error) {
      return handlerFailure(name, error);
    }

    if (!validateReplies) return { ok: true, value: reply };
    const checked = contract.reply.safeParse(reply);
    if (!checked.success) {
      return failure(
        "invalid-reply",
        `The core answered ${name} outside the contract: ${z.prettifyError(checked.error)}`,
      );
    }
    return { ok: true, value: checked.data };
  };
}

function failure(code: ApiErrorCode, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

/**
 * A handler says which failure it met in one of two typed ways: problemError(code, message) for a
 * session problem (a SessionProblemError, whose code sits in `.problem`), or HandlerError for a
 * request refusal (no-host-list, already-followed). Anything else thrown is a fault of the core and
 * reaches the UI as internal-error, whatever `code` property it may carry (Node's ENOENT...).
 */
function handlerFailure(name: RequestName, error: unknown): ApiResult<never> {
  if (error instanceof SessionProblemError) {
    return failure(error.problem.code, error.problem.message || `${name} failed.`);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof HandlerError) return failure(error.code, message || `${name} failed.`);
  return failure("internal-error", message || `${name} failed.`);
}

function describeName(name: unknown): string {
  if (typeof name === "string") return JSON.stringify(name.slice(0, 80));
  return `of type ${name === null ? "null" : typeof name}`;
}
