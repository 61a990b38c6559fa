/**
 * How a request handler refuses a request with a code of its own (not a session problem): it
 * throws a HandlerError, and the dispatcher passes the code to the caller in the error envelope.
 * The codes are the contract's (HandlerErrorCodeSchema in core/api.ts), each with one meaning.
 */
import type { HandlerErrorCode } from "../api.ts";

export class HandlerError extends Error {
  override name = "HandlerError";
  readonly code: HandlerErrorCode;

  constructor(code: HandlerErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
