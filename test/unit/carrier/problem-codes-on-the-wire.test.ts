// A handler's problem code reaches the browser as that code, through the real server and the
// renderer's own client (issue 10, item 5): session problems keep their code in `.problem`, and
// the dispatcher used to read `.code`, so not-found and access-denied arrived as internal-error.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { ProblemCodeSchema, type ProblemCode } from "../../../core/api.ts";
import { createAppCore, type AppCore } from "../../../core/app/app-core.ts";
import type { ApiHandlers } from "../../../core/carrier/api-handlers.ts";
import { createEventHub } from "../../../core/carrier/event-hub.ts";
import { startWebServer, type RunningWebServer } from "../../../core/carrier/web-server.ts";
import { problemError } from "../../../core/ssh/problem.ts";
import { ApiRequestError } from "../../../shared/api-error.ts";
import {
  createWebSocketApi,
  type WebSocketApi,
  type WebSocketLike,
} from "../../../renderer/web-socket-api.ts";
import { openBrowserSession } from "../../support/browser-session.ts";
import { TEST_HANDLERS } from "./web-server-fixture.ts";

let staticDir: string;
const servers: RunningWebServer[] = [];
const clients: WebSocketApi[] = [];
let core: AppCore | undefined;

beforeAll(async () => {
  staticDir = await mkdtemp(path.join(tmpdir(), "fulcrum-problem-codes-"));
  await writeFile(path.join(staticDir, "index.html"), "<!doctype html>");
});

afterAll(async () => {
  for (const client of clients) client.disconnect();
  core?.stop();
  for (const server of servers) await server.close();
  if (staticDir) await rm(staticDir, { recursive: true, force: true });
});

/** The real server over `handlers`, and the renderer's client with a session, as a browser has it. */
async function browserClient(handlers: ApiHandlers): Promise<WebSocketApi> {
  const server = await startWebServer({ handlers, events: createEventHub(), staticDir });
  servers.push(server);
  const cookie = await openBrowserSession(server.url);
  const client = createWebSocketApi({
    url: `${server.origin.replace("http:", "ws:")}/api`,
    openSocket: (url) =>
      new WebSocket(url, { origin: server.origin, headers: { Cookie: cookie } }) as unknown as WebSocketLike,
  });
  clients.push(client);
  return client;
}

async function failure(request: Promise<unknown>): Promise<ApiRequestError> {
  const error = await request.then(
    () => undefined,
    (rejected: unknown) => rejected,
  );
  expect(error).toBeInstanceOf(ApiRequestError);
  return error as ApiRequestError;
}

describe("problem codes on the wire", () => {
  it.each(ProblemCodeSchema.options)("a handler's %s arrives as that code", async (code) => {
    const client = await browserClient({
      ...TEST_HANDLERS,
      getSnapshot: async ({ hostId }) => {
        throw problemError(hostId as ProblemCode, `${hostId} from the handler`);
      },
    });
    const error = await failure(client.getSnapshot({ hostId: code }));
    expect(error.code).toBe(code);
    expect(error.message).toBe(`${code} from the handler`);
  });

  it("the app core's not-found and no-host-list arrive as themselves", async () => {
    const events = createEventHub();
    // No host setup: this console cannot add hosts, and follows only the demo cluster.
    core = createAppCore({ info: { version: "test", carrier: "browser" }, events, hosts: [] });
    await core.start();
    const client = await browserClient(core.handlers);
    expect((await failure(client.addHost({ alias: "lb1", production: false }))).code).toBe("no-host-list");
    expect((await failure(client.trustHostKey({ hostId: "lb9", fingerprint: "SHA256:x" }))).code).toBe(
      "not-found",
    );
    expect((await failure(client.retryHost({ hostId: "lb9" }))).code).toBe("not-found");
  });
});
