/**
 * One authenticated browser-mode WebSocket: request frames in, reply frames out. Anything that is
 * not a well-formed request frame closes the socket: a real renderer never sends one.
 */
import type { WebSocket } from "ws";
import type { ApiDispatch } from "./api-dispatcher.ts";
import {
  CLOSE_PROTOCOL_ERROR,
  RequestFrameSchema,
  type EventFrame,
  type ReplyFrame,
} from "./web-socket-protocol.ts";

/** A renderer has a handful of requests in flight; thousands means a runaway loop or abuse. */
const MAX_IN_FLIGHT = 64;

export function serveApiSocket(socket: WebSocket, dispatch: ApiDispatch): void {
  let inFlight = 0;

  socket.on("message", (data, isBinary) => {
    if (isBinary) return socket.close(CLOSE_PROTOCOL_ERROR, "text frames only");
    const frame = RequestFrameSchema.safeParse(parseJson(data.toString()));
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
    void dispatch(name, payload).then((result) => {
      inFlight -= 1;
      send(socket, { id, result } satisfies ReplyFrame);
    });
  });
}

export function sendEvent(socket: WebSocket, frame: EventFrame): void {
  send(socket, frame);
}

function send(socket: WebSocket, frame: ReplyFrame | EventFrame): void {
  // A reply can outlive its socket (the tab closed mid-request); dropping it is the right outcome.
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
