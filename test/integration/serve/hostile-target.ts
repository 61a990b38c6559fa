/**
 * The target of the hostile-input tests: the real `fulcrum serve` process, in demo mode, in a test
 * home whose ~/.ssh/config sends every alias to a closed port on 127.0.0.1 (an "add host" from a
 * fuzzer connects nowhere else), plus the one well-behaved client that must still be answered
 * after everything: a browser session (the printed URL exchanged for its cookie) and its socket.
 */
import { expect } from "vitest";
import { WebSocket } from "ws";
import { buildRenderer } from "../../e2e/support/renderer-build.ts";
import { openBrowserSession } from "../../support/browser-session.ts";
import { freePort } from "../harness/free-port.ts";
import { startFulcrumServe, type ServedConsole } from "../harness/fulcrum-serve.ts";
import { createTestHome, type TestHome } from "../harness/test-home.ts";

export interface HostileTarget {
  served: ServedConsole;
  port: number;
  /** 127.0.0.1:PORT, as the Host header says it. */
  host: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The real client's session cookie ("name=value"). */
  cookie: string;
  home: TestHome;
  /** Asserts the process is up and the real client gets answers over HTTP and its WebSocket. */
  expectStillAnswering(): Promise<void>;
  dispose(): Promise<void>;
}

export async function startHostileTarget(): Promise<HostileTarget> {
  buildRenderer();
  const home = await createTestHome();
  const closedPort = await freePort("127.0.0.1");
  await home.writeSshConfig(
    [
      "Host *",
      "  HostName 127.0.0.1",
      `  Port ${closedPort}`,
      "  ConnectTimeout 2",
      "  IdentityAgent none",
      "",
    ].join("\n"),
  );
  const port = await freePort("127.0.0.1");
  const served = await startFulcrumServe({
    home: home.home,
    dataDir: home.dataDir,
    port,
    args: ["--interval", "1"],
  });
  const origin = `http://127.0.0.1:${port}`;
  const cookie = await openBrowserSession(served.url);
  return {
    served,
    port,
    host: `127.0.0.1:${port}`,
    origin,
    cookie,
    home,
    async expectStillAnswering() {
      expect(served.alive(), `fulcrum serve died:\n${served.stderr()}`).toBe(true);
      const page = await fetch(`${origin}/`, { headers: { Cookie: cookie } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('id="root"');
      const client = await connectApiSocket(origin, cookie);
      try {
        expect(await client.request("getAppInfo", {})).toMatchObject({
          ok: true,
          value: { carrier: "browser" },
        });
        const hosts = await client.request("listHosts", {});
        expect(hosts.ok && Array.isArray(hosts.value) && hosts.value.length).toBeGreaterThan(0);
      } finally {
        client.close();
      }
      // A crash of a handler prints a stack; nothing of the kind may have happened.
      expect(served.stderr()).not.toMatch(/Uncaught|Unhandled|TypeError|RangeError|at .*\.ts:\d+/);
    },
    async dispose() {
      await served.stop();
      await home.dispose();
    },
  };
}

export interface ReplyEnvelope {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

export interface ApiSocketClient {
  socket: WebSocket;
  /** Sends a request frame and waits (bounded) for the reply with its id. */
  request(name: string, payload: unknown): Promise<ReplyEnvelope>;
  /** Sends any text and resolves with the reply to `id` if one comes, or the close code if the socket closes. */
  sendRaw(text: string, id?: number, boundMs?: number): Promise<{ reply?: unknown; closed?: number }>;
  close(): void;
}

const REPLY_BOUND_MS = 10_000;

/** A WebSocket to the API with a session cookie and the page's own Origin, as the browser opens it. */
export async function connectApiSocket(origin: string, cookie: string): Promise<ApiSocketClient> {
  const socket = new WebSocket(`${origin.replace("http:", "ws:")}/api`, {
    origin,
    headers: { Cookie: cookie },
  });
  socket.on("error", () => {});
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("unexpected-response", (_request, response) =>
      reject(new Error(`the API socket was refused: ${response.statusCode}`)),
    );
    socket.once("close", () => reject(new Error("the API socket closed before it opened")));
  });
  const waiting = new Map<number, (frame: unknown) => void>();
  let closedWith: number | undefined;
  const closeWaiters = new Set<(code: number) => void>();
  socket.on("message", (data) => {
    const frame = JSON.parse(String(data)) as { id?: unknown };
    if (typeof frame.id === "number") waiting.get(frame.id)?.(frame);
  });
  socket.on("close", (code) => {
    closedWith = code;
    for (const wake of closeWaiters) wake(code);
  });
  let nextId = 1_000_000;

  const sendRaw = (text: string, id?: number, boundMs = REPLY_BOUND_MS) =>
    new Promise<{ reply?: unknown; closed?: number }>((resolve, reject) => {
      if (closedWith !== undefined) return resolve({ closed: closedWith });
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no reply and no close within ${boundMs} ms for ${text.slice(0, 200)}`));
      }, boundMs);
      const onClose = (code: number) => {
        cleanup();
        resolve({ closed: code });
      };
      const cleanup = () => {
        clearTimeout(timer);
        closeWaiters.delete(onClose);
        if (id !== undefined) waiting.delete(id);
      };
      closeWaiters.add(onClose);
      if (id !== undefined)
        waiting.set(id, (reply) => {
          cleanup();
          resolve({ reply });
        });
      socket.send(text);
    });

  return {
    socket,
    sendRaw,
    async request(name, payload) {
      const id = nextId++;
      const outcome = await sendRaw(JSON.stringify({ id, name, payload }), id);
      if (outcome.closed !== undefined)
        throw new Error(`the socket closed (${outcome.closed}) instead of answering ${name}`);
      return (outcome.reply as { result: ReplyEnvelope }).result;
    },
    close: () => socket.terminate(),
  };
}
