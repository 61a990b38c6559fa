/**
 * The one error a failed request raises in the renderer, whichever carrier brought it: an
 * ApiRequestError with the envelope's code (core/api.ts ApiErrorCodeSchema) and message.
 *
 * Browser mode builds it from the reply frame's envelope. Electron's contextBridge copies only an
 * Error's message from the preload to the page, so the preload puts the envelope into the message
 * (bridgeErrorMessage) and the page takes it out again (fromBridgeError). Both ends import this one
 * file, so the encoding cannot drift.
 */
import type { ApiError, ApiErrorCode } from "../core/api.ts";

export class ApiRequestError extends Error {
  override readonly name = "ApiRequestError";
  readonly code: ApiErrorCode;

  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export function apiRequestError(error: ApiError): ApiRequestError {
  return new ApiRequestError(error.code, error.message);
}

// fulcrum-api-error:{"code":"invalid-request","message":"Invalid getSnapshot request: ..."}
const BRIDGE_MARK = "fulcrum-api-error:";

/** The message of the Error the preload throws for an error envelope. */
export function bridgeErrorMessage(error: ApiError): string {
  return `${BRIDGE_MARK}${JSON.stringify({ code: error.code, message: error.message })}`;
}

/**
 * The ApiRequestError inside what a bridged request rejected with. Anything else (Electron's own
 * failures, a thrown non-Error) is an internal-error with its text.
 */
export function fromBridgeError(thrown: unknown): ApiRequestError {
  if (thrown instanceof ApiRequestError) return thrown;
  const text = thrown instanceof Error ? thrown.message : String(thrown);
  // Electron may prefix what it copies across ("Error invoking remote method ...: Error: ...").
  const at = text.indexOf(BRIDGE_MARK);
  if (at >= 0) {
    try {
      const parsed: unknown = JSON.parse(text.slice(at + BRIDGE_MARK.length));
      if (
        typeof parsed === "object" &&
        parsed !== null &&
        typeof (parsed as { code?: unknown }).code === "string" &&
        typeof (parsed as { message?: unknown }).message === "string"
      ) {
        const { code, message } = parsed as ApiError;
        return new ApiRequestError(code, message);
      }
    } catch {
      // not ours after all: fall through
    }
  }
  return new ApiRequestError("internal-error", text);
}
