// A browser-mode client that stops reading while events keep coming is dropped, not buffered for
// ever: the server's memory is bounded by MAX_BUFFERED_BYTES per socket, not by how long the
// client stalls.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEventHub } from "../../../core/carrier/event-hub.ts";
import { startWebServer, type RunningWebServer } from "../../../core/carrier/web-server.ts";
import { openBrowserSession } from "../../support/browser-session.ts";
import { rawSocket } from "../../support/raw-http.ts";
import { handshake } from "../../support/web-socket-frames.ts";
import { testSnapshot } from "./test-snapshot.ts";
import { TEST_HANDLERS } from "./web-server-fixture.ts";

// Payload checks are for the core's own bugs; here the volume is the point.
const events = createEventHub({ validatePayloads: false });
let staticDir: string;
let server: RunningWebServer;

beforeAll(async () => {
  staticDir = await mkdtemp(path.join(tmpdir(), "fulcrum-slow-reader-"));
  await writeFile(path.join(staticDir, "index.html"), "<!doctype html>");
  server = await startWebServer({ handlers: TEST_HANDLERS, events, staticDir });
});

afterAll(async () => {
  await server?.close();
  if (staticDir) await rm(staticDir, { recursive: true, force: true });
});

describe("a client that stops reading", () => {
  it("is closed once too much is queued for it, and gets far less than was sent", async () => {
    const cookie = await openBrowserSession(server.url);
    const host = new URL(server.origin).host;
    const socket = await rawSocket(Number(new URL(server.origin).port));
    socket.on("error", () => {});
    let received = 0;
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    socket.write(handshake("/api", host, { Origin: server.origin, Cookie: cookie }));
    await new Promise<void>((resolve) => socket.once("data", () => resolve()));
    socket.pause();

    // About 64 MiB of samples, four times what one socket may have queued.
    const big = testSnapshot({ services: Array.from({ length: 400 }, () => testSnapshot().services[0]!) });
    const size = JSON.stringify({ event: "sampleReceived", payload: big }).length;
    const count = Math.ceil((64 * 1024 * 1024) / size);
    for (let i = 0; i < count; i++) events.emit("sampleReceived", { ...big, sequence: i });

    socket.on("data", (chunk: Buffer) => (received += chunk.length));
    socket.resume();
    const bound = new Promise<"bound">((resolve) => setTimeout(() => resolve("bound"), 15_000));
    expect(await Promise.race([closed.then(() => "closed" as const), bound])).toBe("closed");
    expect(count * size).toBeGreaterThan(60 * 1024 * 1024);
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan((count * size) / 2);
  }, 60_000);
});
