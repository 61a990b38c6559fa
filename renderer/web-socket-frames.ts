/**
 * The browser-mode wire frames as the renderer sees them. The server's side, with its zod schema, is
 * core/carrier/web-socket-protocol.ts; the layering rule lets the renderer import types from
 * core/api.ts only, so the shapes are restated here and the round-trip tests keep the two in step.
 */
import type { ApiResult, EventName } from "../core/api.ts";

export type RequestFrame = { id: number; name: string; payload: unknown };
export type ReplyFrame = { id: number; result: ApiResult<unknown> };
export type EventFrame = { event: EventName; payload: unknown };
