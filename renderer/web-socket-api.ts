/**
 * FulcrumApi over the browser-mode WebSocket (frames in shared/web-socket-frames.ts).
 * The request functions come from a Proxy rather than a list of names: the renderer may not import
 * core values, and the server validates every name against the contract anyway.
 */
import type { ApiResult, EventName, FulcrumApi } from "../core/api.ts";
import type { EventFrame, ReplyFrame, RequestFrame } from "../shared/web-socket-frames.ts";
import { ApiRequestError, apiRequestError } from "../shared/api-error.ts";

/** The part of the browser WebSocket this client uses (the `ws` package offers the same in tests). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  /** Only "message" events carry data. */
  addEventListener(
    type: "open" | "close" | "error" | "message",
    listener: (event: { data?: unknown }) => void,
  ): void;
}

export interface WebSocketApiOptions {
  /** ws://127.0.0.1:PORT/api: the browser's session cookie, never a token, authorises it. */
  url: string;
  openSocket?: (url: string) => WebSocketLike;
  /** Called once when the socket closes; pending and later requests fail from then on. */
  onDisconnected?: () => void;
  /** The words of the "disconnected" error, in the operator's language when the request fails. */
  disconnectedMessage?: () => string;
}

export type WebSocketApi = FulcrumApi & { disconnect(): void };

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

const OPEN = 1;

export function createWebSocketApi(options: WebSocketApiOptions): WebSocketApi {
  const socket = (options.openSocket ?? ((url) => new WebSocket(url)))(options.url);
  const pending = new Map<number, Pending>();
  const queued: string[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let closed = false;

  socket.addEventListener("open", () => {
    for (const frame of queued.splice(0)) socket.send(frame);
  });
  socket.addEventListener("message", (message) => receive(message.data));
  // A refused or broken connection reports an error and then a close; the close handler does the work.
  socket.addEventListener("error", () => {});
  socket.addEventListener("close", () => {
    if (closed) return;
    closed = true;
    queued.length = 0;
    for (const request of pending.values()) request.reject(disconnectedError(options));
    pending.clear();
    options.onDisconnected?.();
  });

  function receive(data: unknown): void {
    if (typeof data !== "string") return;
    const frame = JSON.parse(data) as Partial<ReplyFrame & EventFrame>;
    if (typeof frame.id === "number") {
      const request = pending.get(frame.id);
      pending.delete(frame.id);
      if (request && frame.result) settle(request, frame.result);
    } else if (typeof frame.event === "string") {
      for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload);
    }
  }

  function call(name: string, payload: unknown): Promise<unknown> {
    if (closed) return Promise.reject(disconnectedError(options));
    return new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      const frame = JSON.stringify({ id, name, payload } satisfies RequestFrame);
      if (socket.readyState === OPEN) socket.send(frame);
      else queued.push(frame);
    });
  }

  function on(event: EventName, listener: (payload: unknown) => void): () => void {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => void set.delete(listener);
  }

  const fixed: Record<string, unknown> = { on, disconnect: () => socket.close() };
  return new Proxy(fixed, {
    get(target, property) {
      if (typeof property !== "string") return undefined;
      if (Object.hasOwn(target, property)) return target[property];
      // Not a request: keeps `await api` and framework probes from sending a "then" request.
      if (property === "then" || property === "toJSON") return undefined;
      return (payload: unknown) => call(property, payload);
    },
  }) as WebSocketApi;
}

function settle(request: Pending, result: ApiResult<unknown>): void {
  if (result.ok) request.resolve(result.value);
  else request.reject(apiRequestError(result.error));
}

const DISCONNECTED =
  "The connection to the Fulcrum server was closed. Reload this page; if the server was restarted, open the new one-time URL it printed.";

function disconnectedError(options: WebSocketApiOptions): ApiRequestError {
  return new ApiRequestError("disconnected", options.disconnectedMessage?.() ?? DISCONNECTED);
}
