/**
 * The browser-mode wire format over the one WebSocket, in JSON text frames:
 *   renderer -> server   { id, name, payload }     a request; id is chosen by the renderer
 *   server -> renderer   { id, result }            the reply, result is an ApiResult envelope
 *   server -> renderer   { event, payload }        a pushed event
 * The renderer imports only the types below; the server validates request frames with the schema.
 */
import { z } from "zod";
import type { ApiResult, EventName } from "../api.ts";

export const RequestFrameSchema = z
  .object({
    id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    name: z.string().max(100),
    payload: z.unknown(),
  })
  .strict();

export type RequestFrame = z.infer<typeof RequestFrameSchema>;
export type ReplyFrame = { id: number; result: ApiResult<unknown> };
export type EventFrame = { event: EventName; payload: unknown };

/** The path of the WebSocket endpoint on the browser-mode server. */
export const API_SOCKET_PATH = "/api";

/** Close code (RFC 6455 §7.4.1, 1008 policy violation) for a frame that is not a request frame. */
export const CLOSE_PROTOCOL_ERROR = 1008;
/** Close code (IANA registry, 1013 try again later) for a client too far behind in reading. */
export const CLOSE_TRY_AGAIN_LATER = 1013;
