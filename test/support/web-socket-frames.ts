/**
 * WebSocket frames built by hand (RFC 6455 §5.2), so a test can send what no client library would:
 *
 *    0                   1                   2                   3
 *   |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 *   |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 *   |N|V|V|V|       |S|             |   (if payload len==126/127)   |
 *   | |1|2|3|       |K|             |                               |
 *   then a 4-byte masking key when MASK is set, then the payload (XORed with the key).
 */
import { createHash, randomBytes } from "node:crypto";

export interface FrameSpec {
  opcode: number;
  payload?: Buffer | string;
  fin?: boolean;
  /** The three reserved bits, as a number 0..7 (RSV1 is 4). */
  rsv?: number;
  /** Clients must mask (§5.1); false sends an unmasked frame. */
  masked?: boolean;
  /** Claim this payload length in the header instead of the real one (an oversized frame). */
  claimedLength?: number;
}

export const OPCODE = {
  continuation: 0x0,
  text: 0x1,
  binary: 0x2,
  close: 0x8,
  ping: 0x9,
  pong: 0xa,
} as const;

export function frame(spec: FrameSpec): Buffer {
  const payload =
    typeof spec.payload === "string" ? Buffer.from(spec.payload, "utf8") : (spec.payload ?? Buffer.alloc(0));
  const length = spec.claimedLength ?? payload.length;
  const masked = spec.masked ?? true;
  const first = ((spec.fin ?? true) ? 0x80 : 0) | (((spec.rsv ?? 0) & 7) << 4) | (spec.opcode & 0x0f);
  let header: Buffer;
  if (length < 126) {
    header = Buffer.from([first, (masked ? 0x80 : 0) | length]);
  } else if (length < 0x10000) {
    header = Buffer.alloc(4);
    header.writeUInt8(first, 0);
    header.writeUInt8((masked ? 0x80 : 0) | 126, 1);
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header.writeUInt8(first, 0);
    header.writeUInt8((masked ? 0x80 : 0) | 127, 1);
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  if (!masked) return Buffer.concat([header, payload]);
  const key = randomBytes(4);
  const body = Buffer.from(payload.map((byte, index) => byte ^ (key[index % 4] ?? 0)));
  return Buffer.concat([header, key, body]);
}

/** A close frame's payload: a 2-byte code and a reason. */
export function closePayload(code: number, reason = ""): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16BE(code, 0);
  return Buffer.concat([buffer, Buffer.from(reason, "utf8")]);
}

/** A client handshake request for `path` (RFC 6455 §4.1), with headers to add or override. */
export function handshake(path: string, hostHeader: string, headers: Record<string, string> = {}): string {
  const all: Record<string, string> = {
    Host: hostHeader,
    Upgrade: "websocket",
    Connection: "Upgrade",
    "Sec-WebSocket-Key": randomBytes(16).toString("base64"),
    "Sec-WebSocket-Version": "13",
    ...headers,
  };
  const lines = Object.entries(all)
    .filter(([, value]) => value !== "")
    .map(([name, value]) => `${name}: ${value}\r\n`);
  return `GET ${path} HTTP/1.1\r\n${lines.join("")}\r\n`;
}

/** The Sec-WebSocket-Accept a server must answer for `key` (§4.2.2). */
export function acceptFor(key: string): string {
  return createHash("sha1").update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest("base64");
}

/** Reads the close code from the first close frame a server sent after its 101 answer, if any. */
export function serverCloseCode(bytes: Buffer): number | undefined {
  const end = bytes.indexOf("\r\n\r\n");
  let offset = end < 0 ? 0 : end + 4;
  while (offset + 2 <= bytes.length) {
    const opcode = (bytes[offset] ?? 0) & 0x0f;
    let length = (bytes[offset + 1] ?? 0) & 0x7f;
    let start = offset + 2;
    if (length === 126) {
      length = bytes.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      length = Number(bytes.readBigUInt64BE(start));
      start += 8;
    }
    if (opcode === OPCODE.close) return length >= 2 ? bytes.readUInt16BE(start) : 1005;
    offset = start + length;
  }
  return undefined;
}
