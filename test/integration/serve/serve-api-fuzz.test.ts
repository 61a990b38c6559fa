// A bounded, seeded fuzz of the WebSocket API's request frames against the real `fulcrum serve`
// (issue 10): valid frames built from the live demo console, mutated (request-frame-fuzz.ts).
// Every frame that is a request frame gets exactly one reply with its id: a value the contract's
// reply schema accepts, or an error envelope whose code is in the closed ApiErrorCode vocabulary.
// Every frame that is not closes the socket with 1008 (and a new one is opened). The process never
// dies, and the real client is answered at the end. FULCRUM_FUZZ_SEED replays another sequence.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiErrorSchema, apiRequests, type RequestName } from "../../../core/api.ts";
import { isRequestName } from "../../../core/carrier/api-dispatcher.ts";
import { createFuzzer, type FuzzCorpus } from "./request-frame-fuzz.ts";
import {
  connectApiSocket,
  startHostileTarget,
  type ApiSocketClient,
  type HostileTarget,
} from "./hostile-target.ts";

const SEED = Number(process.env.FULCRUM_FUZZ_SEED ?? 0x5eed10);
const FRAMES = 1_500;
/** The whole run's bound; a frame's reply has its own (10 s) in the client. */
const RUN_BOUND_MS = 150_000;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

let target: HostileTarget;

beforeAll(async () => {
  target = await startHostileTarget();
}, 120_000);

afterAll(async () => {
  await target?.dispose();
});

/**
 * The test's own reading of RFC-free "is this a request frame" (web-socket-protocol.ts states it):
 * a JSON object with exactly id (a safe non-negative integer), name (a string of at most 100
 * characters) and payload (anything, present).
 */
function requestFrameOf(text: string): { id: number; name: string; payload: unknown } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const keys = Object.keys(value).sort();
  if (keys.join(",") !== "id,name,payload") return undefined;
  const { id, name, payload } = value as Record<string, unknown>;
  if (typeof id !== "number" || !Number.isInteger(id) || id < 0 || id > MAX_SAFE) return undefined;
  if (typeof name !== "string" || name.length > 100) return undefined;
  return { id, name, payload };
}

/** What a reply to `frame` may be; returns a description of what is wrong, or undefined. */
function judgeReply(
  frame: { id: number; name: string; payload: unknown },
  reply: unknown,
): string | undefined {
  const { id, result } = (reply ?? {}) as {
    id?: unknown;
    result?: { ok?: unknown; value?: unknown; error?: unknown };
  };
  if (id !== frame.id) return `reply id ${String(id)} for request ${frame.id}`;
  if (result?.ok === true) {
    if (!isRequestName(frame.name)) return `a value for the unknown request ${frame.name}`;
    const contract = apiRequests[frame.name as RequestName];
    if (!contract.request.safeParse(frame.payload).success) return `a value for a payload its schema refuses`;
    if (!contract.reply.safeParse(result.value).success) return `a reply outside the ${frame.name} contract`;
    return undefined;
  }
  if (result?.ok !== false)
    return `a result that is neither ok nor an error: ${JSON.stringify(result).slice(0, 200)}`;
  const error = ApiErrorSchema.safeParse(result.error);
  if (!error.success)
    return `an error envelope outside the contract: ${JSON.stringify(result.error).slice(0, 200)}`;
  if (!isRequestName(frame.name) && error.data.code !== "unknown-request")
    return `${error.data.code} for an unknown name`;
  if (error.data.code === "internal-error") return `internal-error: ${error.data.message}`;
  return undefined;
}

async function corpusFrom(client: ApiSocketClient): Promise<FuzzCorpus> {
  const hosts = await client.request("listHosts", {});
  const hostIds = ((hosts.value ?? []) as Array<{ id: string }>).map((host) => host.id);
  const corpus: FuzzCorpus = { hostIds, services: [], haproxyServers: [], planIds: [], auditIds: [] };
  for (const hostId of hostIds) {
    const snapshot = (await client.request("getSnapshot", { hostId })).value as {
      services?: Array<{
        protocol: string;
        address?: string;
        port?: number;
        realServers: Array<{ address: string; port: number }>;
      }>;
      haproxy?: Array<{ proxy: string; name: string; type: string }>;
    } | null;
    for (const service of snapshot?.services ?? []) {
      if (service.address === undefined || service.port === undefined || service.address.includes(":"))
        continue;
      corpus.services.push({
        hostId,
        service: `${service.protocol === "udp" ? "udp:" : ""}${service.address}:${service.port}`,
        backends: service.realServers.map((server) => `${server.address}:${server.port}`),
      });
    }
    for (const row of snapshot?.haproxy ?? []) {
      if (row.type === "server") corpus.haproxyServers.push({ hostId, backend: row.proxy, server: row.name });
    }
  }
  return corpus;
}

describe("fulcrum serve under a seeded fuzz of request frames", () => {
  it(
    `answers or closes on each of ${FRAMES} frames (seed ${SEED}), and never dies`,
    async () => {
      let client = await connectApiSocket(target.origin, target.cookie);
      // Wait for the demo's first samples, so the corpus has services to aim at.
      for (let i = 0; i < 50; i++) {
        const corpus = await corpusFrom(client);
        if (corpus.services.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const corpus = await corpusFrom(client);
      expect(corpus.hostIds.length).toBeGreaterThan(0);
      expect(corpus.services.length).toBeGreaterThan(0);
      const fuzzer = createFuzzer(SEED, corpus, { realHostsAfter: FRAMES * 0.7 });
      const started = Date.now();
      const seen = { replies: 0, values: 0, closes: 0 };
      const wrong: string[] = [];

      for (let n = 0; n < FRAMES && Date.now() - started < RUN_BOUND_MS; n++) {
        const text = fuzzer.next();
        const frame = requestFrameOf(text);
        const outcome = await client.sendRaw(text, frame?.id);
        if (frame) {
          if (outcome.closed !== undefined)
            wrong.push(`#${n}: closed ${outcome.closed} on a request frame: ${text.slice(0, 300)}`);
          else {
            seen.replies += 1;
            const problem = judgeReply(frame, outcome.reply);
            if (problem) wrong.push(`#${n}: ${problem}: ${text.slice(0, 300)}`);
            const result = (outcome.reply as { result: { ok: boolean; value?: unknown } }).result;
            if (result.ok) {
              seen.values += 1;
              // Plans and audit entries the fuzz made are fed back: apply and undo meet real ids.
              const value = result.value as { plan?: { planId?: unknown }; auditId?: unknown } | null;
              const hostId = String((frame.payload as { hostId?: unknown } | null)?.hostId);
              if (typeof value?.plan?.planId === "string")
                corpus.planIds.push({ hostId, id: value.plan.planId });
              if (typeof value?.auditId === "string") corpus.auditIds.push({ hostId, id: value.auditId });
            }
          }
        } else {
          if (outcome.closed !== 1008)
            wrong.push(
              `#${n}: ${outcome.closed === undefined ? "a reply" : `close ${outcome.closed}`} to a non-request frame: ${text.slice(0, 300)}`,
            );
          seen.closes += 1;
          client.close();
          client = await connectApiSocket(target.origin, target.cookie);
        }
        if (n % 100 === 0)
          expect(
            target.served.alive(),
            `fulcrum serve died at frame #${n} (seed ${SEED}):\n${target.served.stderr()}`,
          ).toBe(true);
      }
      client.close();

      expect(wrong, `seed ${SEED}`).toEqual([]);
      // The run was a real one: it reached its count, and exercised replies, values and closes.
      expect(seen.replies + seen.closes).toBe(FRAMES);
      expect(seen.values).toBeGreaterThan(50);
      expect(seen.replies - seen.values).toBeGreaterThan(200);
      expect(seen.closes).toBeGreaterThan(100);
      await target.expectStillAnswering();
    },
    RUN_BOUND_MS + 60_000,
  );
});
