// The real `fulcrum serve` process against WebSocket protocol violations built by hand as raw
// frames, and against request frames of every wrong shape (issue 10, item 2). Before the fix,
// any protocol error was an 'error' event on a socket nobody listened to, which ended the process.
// Each violation must close that one connection with the code RFC 6455 gives it; the server and
// the real client carry on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawExchange, statusOf } from "../../support/raw-http.ts";
import {
  closePayload,
  frame,
  handshake,
  OPCODE,
  serverCloseCode,
  type FrameSpec,
} from "../../support/web-socket-frames.ts";
import { connectApiSocket, startHostileTarget, type HostileTarget } from "./hostile-target.ts";
import { expectEvery } from "../../support/expect-every.ts";

let target: HostileTarget;

beforeAll(async () => {
  target = await startHostileTarget();
}, 120_000);

afterAll(async () => {
  await target?.dispose();
});

/**
 * An authenticated handshake followed by `frames`; resolves with the code of the close frame the
 * server sent. `ws` drops the connection at once on a protocol error; a close the API session
 * starts (1008) waits for our close frame, which this client never sends, so the close frame
 * itself is what the test waits for.
 */
async function closeCodeAfter(frames: Buffer[]): Promise<number | undefined> {
  const request = handshake("/api", target.host, { Origin: target.origin, Cookie: target.cookie });
  const reply = await rawExchange(target.port, Buffer.concat([Buffer.from(request), ...frames]), {
    boundMs: 10_000,
    until: (received) => serverCloseCode(received) !== undefined,
  });
  expect(statusOf(reply.text)).toBe(101);
  return serverCloseCode(reply.bytes);
}

const text = (payload: string | Buffer, extra: Partial<FrameSpec> = {}) =>
  frame({ opcode: OPCODE.text, payload, ...extra });

describe("fulcrum serve against WebSocket protocol violations", () => {
  const violations: Array<{ what: string; frames: () => Buffer[]; code: number }> = [
    {
      what: "an unmasked frame",
      frames: () => [text('{"id":1,"name":"getAppInfo","payload":{}}', { masked: false })],
      code: 1002,
    },
    {
      what: "a frame claiming 2 MiB",
      frames: () => [text("x", { claimedLength: 2 * 1024 * 1024 })],
      code: 1009,
    },
    {
      what: "a frame claiming 2^63 bytes",
      frames: () => [Buffer.from([0x81, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])],
      code: 1009,
    },
    { what: "invalid UTF-8", frames: () => [text(Buffer.from([0x7b, 0xc3, 0x28, 0xff, 0x7d]))], code: 1007 },
    { what: "a lone surrogate in UTF-8", frames: () => [text(Buffer.from([0xed, 0xa0, 0x80]))], code: 1007 },
    { what: "opcode 0x3 (reserved)", frames: () => [frame({ opcode: 0x3, payload: "x" })], code: 1002 },
    {
      what: "opcode 0xB (reserved control)",
      frames: () => [frame({ opcode: 0xb, payload: "x" })],
      code: 1002,
    },
    { what: "RSV1 without an extension", frames: () => [text("{}", { rsv: 4 })], code: 1002 },
    { what: "RSV2 and RSV3", frames: () => [text("{}", { rsv: 3 })], code: 1002 },
    {
      what: "close code 999",
      frames: () => [frame({ opcode: OPCODE.close, payload: closePayload(999) })],
      code: 1002,
    },
    {
      what: "close code 1005 (reserved)",
      frames: () => [frame({ opcode: OPCODE.close, payload: closePayload(1005) })],
      code: 1002,
    },
    {
      what: "close code 1006 (reserved)",
      frames: () => [frame({ opcode: OPCODE.close, payload: closePayload(1006) })],
      code: 1002,
    },
    {
      what: "close code 5000",
      frames: () => [frame({ opcode: OPCODE.close, payload: closePayload(5000) })],
      code: 1002,
    },
    {
      what: "a one-byte close payload",
      frames: () => [frame({ opcode: OPCODE.close, payload: Buffer.from([3]) })],
      code: 1002,
    },
    {
      what: "a close reason in invalid UTF-8",
      frames: () => [
        frame({ opcode: OPCODE.close, payload: Buffer.concat([closePayload(1000), Buffer.from([0xff])]) }),
      ],
      code: 1007,
    },
    {
      what: "a fragmented ping",
      frames: () => [frame({ opcode: OPCODE.ping, payload: "x", fin: false })],
      code: 1002,
    },
    {
      what: "a 126-byte ping",
      frames: () => [frame({ opcode: OPCODE.ping, payload: Buffer.alloc(126, 0x61) })],
      code: 1002,
    },
    {
      what: "a continuation with nothing to continue",
      frames: () => [frame({ opcode: OPCODE.continuation, payload: "x" })],
      code: 1002,
    },
    {
      what: "a new message inside a fragmented one",
      frames: () => [text("{", { fin: false }), text("}")],
      code: 1002,
    },
    {
      what: "fragments adding up past 1 MiB",
      frames: () => [
        text(Buffer.alloc(600_000, 0x20), { fin: false }),
        frame({ opcode: OPCODE.continuation, payload: Buffer.alloc(600_000, 0x20) }),
      ],
      code: 1009,
    },
    {
      what: "a binary frame",
      frames: () => [frame({ opcode: OPCODE.binary, payload: Buffer.from([1, 2, 3]) })],
      code: 1008,
    },
    { what: "a text frame that is not JSON", frames: () => [text("not json")], code: 1008 },
  ];

  it.each(violations)("closes the connection on $what, with $code", async ({ frames, code }) => {
    expect(await closeCodeAfter(frames())).toBe(code);
    expect(target.served.alive()).toBe(true);
  });

  it("keeps answering the real client after all of them", async () => {
    await target.expectStillAnswering();
  });

  it("answers pings and a proper close as the protocol says", async () => {
    expect(
      await closeCodeAfter([
        frame({ opcode: OPCODE.ping, payload: "hi" }),
        frame({ opcode: OPCODE.close, payload: closePayload(1000, "bye") }),
      ]),
    ).toBe(1000);
    await target.expectStillAnswering();
  });
});

describe("fulcrum serve against request frames of the wrong shape", () => {
  const deep = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
  const notRequests: Array<[string, string]> = [
    ["a JSON array", "[1,2,3]"],
    ["a number", "42"],
    ["null", "null"],
    ["a string", '"getAppInfo"'],
    ["no id", '{"name":"getAppInfo","payload":{}}'],
    ["no payload", '{"id":1,"name":"getAppInfo"}'],
    ["a negative id", '{"id":-1,"name":"getAppInfo","payload":{}}'],
    ["a fractional id", '{"id":1.5,"name":"getAppInfo","payload":{}}'],
    ["an id past 2^53", '{"id":9007199254740993,"name":"getAppInfo","payload":{}}'],
    ["a string id", '{"id":"1","name":"getAppInfo","payload":{}}'],
    ["a numeric name", '{"id":1,"name":7,"payload":{}}'],
    ["a 101-character name", `{"id":1,"name":"${"a".repeat(101)}","payload":{}}`],
    ["an extra key", '{"id":1,"name":"getAppInfo","payload":{},"admin":true}'],
    ["a __proto__ key", '{"id":1,"name":"getAppInfo","payload":{},"__proto__":{"admin":true}}'],
    ["JSON nested 100,000 deep", deep(100_000)],
    ["a frame nested 100,000 deep", `{"id":1,"name":"getAppInfo","payload":{},"x":${deep(100_000)}}`],
  ];

  it.each(notRequests)("closes the socket (1008) on %s", async (_what, frameText) => {
    const client = await connectApiSocket(target.origin, target.cookie);
    try {
      expect(await client.sendRaw(frameText)).toEqual({ closed: 1008 });
    } finally {
      client.close();
    }
  });

  const refused: Array<[string, string, unknown, string]> = [
    ["an unknown name", "formatDisk", {}, "unknown-request"],
    ["__proto__ as the name", "__proto__", {}, "unknown-request"],
    ["constructor as the name", "constructor", {}, "unknown-request"],
    ["hasOwnProperty as the name", "hasOwnProperty", {}, "unknown-request"],
    [
      "a __proto__ key in the payload",
      "listHosts",
      JSON.parse('{"__proto__":{"polluted":true}}'),
      "invalid-request",
    ],
    [
      "a constructor key in the payload",
      "getSnapshot",
      { hostId: "lb1.demo", constructor: { prototype: { polluted: true } } },
      "invalid-request",
    ],
    ["a payload of the wrong type", "getSnapshot", "lb1", "invalid-request"],
    ["a null payload", "getSnapshot", null, "invalid-request"],
    ["a 900 KB string", "addHost", { alias: "a".repeat(900_000), production: false }, "invalid-request"],
    [
      "an injection string as the alias",
      "addHost",
      { alias: "lb1;reboot", production: false },
      "invalid-request",
    ],
    [
      "an alias that is an option",
      "addHost",
      { alias: "-oProxyCommand", production: false },
      "invalid-request",
    ],
    ["an unknown host's key", "trustHostKey", { hostId: "nowhere", fingerprint: "SHA256:x" }, "not-found"],
    ["an unknown host's retry", "retryHost", { hostId: "nowhere" }, "not-found"],
  ];

  it.each(refused)(
    "answers %s (a %s request) with an error envelope, and keeps the socket",
    async (_what, name, payload, code) => {
      const client = await connectApiSocket(target.origin, target.cookie);
      try {
        const reply = await client.request(name, payload);
        expect(reply.ok).toBe(false);
        expect(reply.error?.code).toBe(code);
        expect(typeof reply.error?.message).toBe("string");
        // The same socket still answers: a refused request is not a broken connection.
        expect(await client.request("getAppInfo", {})).toMatchObject({ ok: true });
      } finally {
        client.close();
      }
    },
  );

  it("answers a request whose payload is nested 100,000 deep with invalid-request", async () => {
    const client = await connectApiSocket(target.origin, target.cookie);
    try {
      const id = 77;
      const outcome = await client.sendRaw(
        `{"id":${id},"name":"planAction","payload":{"hostId":"lb1","intent":${deep(100_000)}}}`,
        id,
      );
      expect(outcome.reply).toMatchObject({ id, result: { ok: false, error: { code: "invalid-request" } } });
    } finally {
      client.close();
    }
  });

  it("answers a bounded flood on one socket, refusing what is past the in-flight limit", async () => {
    const client = await connectApiSocket(target.origin, target.cookie);
    try {
      const replies = await Promise.all(Array.from({ length: 500 }, () => client.request("listHosts", {})));
      expect(replies.length).toBe(500);
      expectEvery(replies, (reply) => reply.ok || reply.error?.code === "too-many-requests");
      expect(replies.filter((reply) => reply.ok).length).toBeGreaterThanOrEqual(64);
    } finally {
      client.close();
    }
    await target.expectStillAnswering();
  });

  it("keeps answering the real client after all of them", async () => {
    await target.expectStillAnswering();
  });
});
