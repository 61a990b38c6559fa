/**
 * The browser-mode wire format over the one WebSocket, in JSON text frames:
 *   renderer -> server   { id, name, payload }     a request; id is chosen by the renderer
 *   server -> renderer   { id, result }            the reply, result is an ApiResult envelope
 *   server -> renderer   { event, payload }        a pushed event
 * Both ends import these shapes from here; the server also validates request frames with its
 * schema (core/carrier/web-socket-protocol.ts).
 */
import type { ApiResult, EventName } from "../core/api.ts";

export type RequestFrame = { id: number; name: string; payload: unknown };
export type ReplyFrame = { id: number; result: ApiResult<unknown> };
export type EventFrame = { event: EventName; payload: unknown };

/** The path of the WebSocket endpoint on the browser-mode server. */
export const API_SOCKET_PATH = "/api";

/** Close code for a frame that is not a request frame. */
export const CLOSE_PROTOCOL_ERROR = 1008;
/** Close code (IANA registry, 1013 try again later) for a client too far behind in reading. */
export const CLOSE_TRY_AGAIN_LATER = 1013;
