import type { ApiErrorCode } from "../core/api.ts";

/**
 * Why a request failed in the renderer: the core's code from the ApiResult envelope, or
 * `disconnected` when the browser-mode socket closed before (or instead of) a reply.
 */
export type RequestErrorCode = ApiErrorCode | "disconnected";

/** A request the core refused or failed, with the code from its ApiResult envelope. */
export class ApiRequestError extends Error {
  readonly code: RequestErrorCode;

  constructor(code: RequestErrorCode, message: string) {
    super(message);
    this.name = "ApiRequestError";
    this.code = code;
  }
}
