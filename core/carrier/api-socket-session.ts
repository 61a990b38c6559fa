/**
 * One authenticated browser-mode WebSocket: request frames in, reply frames out. Anything that is
 * not a well-formed request frame closes the socket: a real renderer never sends one.
 *
 * A protocol violation (an oversized, unmasked or reserved-bit frame, invalid UTF-8, an unknown
 * opcode or close code) is handled by `ws` itself: it closes the connection with the matching close
 * code (1002, 1007, 1009) and then emits 'error' on the socket. An 'error' event nobody listens to
 * throws, and would end the whole server; so this socket always has a listener.
 */
import type { WebSocket } from "ws";
import type { ApiResult } from "../api.ts";
import type { ApiDispatch } from "./api-dispatcher.ts";
import {
  CLOSE_PROTOCOL_ERROR,
  CLOSE_TRY_AGAIN_LATER,
  RequestFrameSchema,
  type EventFrame,
  type ReplyFrame,
} from "./web-socket-protocol.ts";

/** A renderer has a handful of requests in flight; thousands means a runaway loop or abuse. */
const MAX_IN_FLIGHT = 64;
/**
 * Frames queued for a client that is not reading. Samples arrive every second or two, a few tens of
 * kilobytes each; a socket that falls this far behind is dropped rather than held in memory.
 */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export function serveApiSocket(socket: WebSocket, dispatch: ApiDispatch): void {
  let inFlight = 0;

  socket.on("error", () => {
    // ws has already closed the connection with the right code; the client's fault is not ours.
  });

  socket.on("message", (data, isBinary) => {
    if (isBinary) return socket.close(CLOSE_PROTOCOL_ERROR, "text frames only");
    const frame = RequestFrameSchema.safeParse(parseJson(String(data)));
    if (!frame.success) return socket.close(CLOSE_PROTOCOL_ERROR, "not a request frame");

    const { id, name, payload } = frame.data;
    if (inFlight >= MAX_IN_FLIGHT) {
      send(socket, {
        id,
        result: {
          ok: false,
          error: { code: "too-many-requests", message: `More than ${MAX_IN_FLIGHT} requests in flight.` },
        },
      });
      return;
    }
    inFlight += 1;
    void dispatch(name, payload)
      .catch((error: unknown): ApiResult<never> => internalError(error))
      .then((result) => {
        inFlight -= 1;
        sendReply(socket, id, result);
      });
  });
}

export function sendEvent(socket: WebSocket, frame: EventFrame): void {
  send(socket, frame);
}

/** A reply that cannot be serialised (a core bug) still gets an answer, as an internal error. */
function sendReply(socket: WebSocket, id: number, result: ApiResult<unknown>): void {
  let text: string;
  try {
    text = JSON.stringify({ id, result } satisfies ReplyFrame);
  } catch (error) {
    text = JSON.stringify({ id, result: internalError(error) } satisfies ReplyFrame);
  }
  sendText(socket, text);
}

function send(socket: WebSocket, frame: ReplyFrame | EventFrame): void {
  let text: string;
  try {
    text = JSON.stringify(frame);
  } catch {
    return;
  }
  sendText(socket, text);
}

function sendText(socket: WebSocket, text: string): void {
  // A reply can outlive its socket (the tab closed mid-request); dropping it is the right outcome.
  if (socket.readyState !== socket.OPEN) return;
  if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
    socket.close(CLOSE_TRY_AGAIN_LATER, "not reading: reconnect");
    // A client that reads nothing will not read the close frame either.
    setTimeout(() => socket.terminate(), 1_000).unref();
    return;
  }
  socket.send(text);
}

function internalError(error: unknown): ApiResult<never> {
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, error: { code: "internal-error", message: `The core failed to answer: ${message}` } };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
