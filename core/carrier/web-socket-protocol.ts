/**
 * The browser-mode wire format (shared/web-socket-frames.ts describes the frames; both ends import
 * their shapes and constants from there) and the schema the server validates request frames with.
 */
import { z } from "zod";
import type { RequestFrame } from "../../shared/web-socket-frames.ts";

export {
  API_SOCKET_PATH,
  CLOSE_PROTOCOL_ERROR,
  CLOSE_TRY_AGAIN_LATER,
  type EventFrame,
  type ReplyFrame,
  type RequestFrame,
} from "../../shared/web-socket-frames.ts";

export const RequestFrameSchema = z
  .object({
    id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    name: z.string().max(100),
    payload: z.unknown(),
  })
  .strict() satisfies z.ZodType<RequestFrame>;
