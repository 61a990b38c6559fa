/**
 * Raw TCP to a test server, for input no HTTP client would send: a request is whatever bytes the
 * test wrote, the answer is whatever came back until the server closed, or the bound passed.
 */
import { connect, type Socket } from "node:net";

export interface RawExchange {
  /** Everything the server sent, as latin1 text (status line and headers are ASCII). */
  text: string;
  bytes: Buffer;
  /** True when the server closed the connection (false: the bound ran out, or `until` was met, first). */
  closedByServer: boolean;
}

export interface RawExchangeOptions {
  host?: string;
  boundMs?: number;
  /** Stop reading (and close our side) as soon as this says what came back is enough. */
  until?: (received: Buffer) => boolean;
}

export function rawExchange(
  port: number,
  bytes: Buffer | string,
  options: RawExchangeOptions = {},
): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket = connect({ host: options.host ?? "127.0.0.1", port });
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (closedByServer: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const bytes = Buffer.concat(chunks);
      resolve({ text: bytes.toString("latin1"), bytes, closedByServer });
    };
    const timer = setTimeout(() => finish(false), options.boundMs ?? 5_000);
    socket.on("connect", () => socket.write(bytes));
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      if (options.until?.(Buffer.concat(chunks))) finish(false);
    });
    socket.on("error", () => finish(true));
    socket.on("close", () => finish(true));
  });
}

/** The status code of the first status line in `text`, or undefined. */
export function statusOf(text: string): number | undefined {
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** The headers of the first response in `text`, lower-cased names. */
export function headersOf(text: string): Record<string, string> {
  const head = text.split("\r\n\r\n")[0] ?? "";
  const headers: Record<string, string> = {};
  for (const line of head.split("\r\n").slice(1)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Opens a raw connection the test drives itself (slow writers, half-sent requests). */
export function rawSocket(port: number, host = "127.0.0.1"): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.once("connect", () => resolve(socket));
    socket.once("error", reject);
  });
}
