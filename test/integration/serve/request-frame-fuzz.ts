/**
 * A seeded generator of WebSocket API request frames for the fuzz test: valid frames built from
 * what the live demo console shows (its hosts, services, backends, HAProxy servers, plan ids),
 * then mutated: values swapped for hostile ones at any depth, keys dropped or added (__proto__,
 * constructor), names changed, payloads of one request sent as another, and the JSON text itself
 * cut, spliced or bit-flipped. Deterministic for a seed (core/sim/prng.ts), so a failure replays.
 */
import { createPrng, nextFloat, nextInt } from "../../../core/sim/prng.ts";
import { REQUEST_NAMES } from "../../../core/api.ts";
import { INJECTION_STRINGS } from "../../unit/commands/injection-strings.ts";

export interface FuzzCorpus {
  hostIds: string[];
  /** "ADDR:PORT" (udp: prefixed for UDP) of IPVS services, each with its host and backends' "ADDR:PORT". */
  services: Array<{ hostId: string; service: string; backends: string[] }>;
  haproxyServers: Array<{ hostId: string; backend: string; server: string }>;
  /** Plan and audit ids seen in replies so far, with their hosts (the fuzzer feeds them back). */
  planIds: Array<{ hostId: string; id: string }>;
  auditIds: Array<{ hostId: string; id: string }>;
}

export interface Fuzzer {
  /** The next frame's text. */
  next(): string;
}

const FUZZ_ALIASES = ["fz1", "fz2", "fz3"];

export interface FuzzerOptions {
  /**
   * Frames before the first "add host" with a valid alias: the demo cluster goes away with the
   * first real host, so the demo's plans and undos are fuzzed before that and refusals after.
   */
  realHostsAfter: number;
}

export function createFuzzer(seed: number, corpus: FuzzCorpus, options: FuzzerOptions): Fuzzer {
  const prng = createPrng(seed);
  let made = 0;
  const random = () => nextFloat(prng);
  const pick = <T>(items: readonly T[]): T => items[nextInt(prng, items.length)] as T;
  let nextId = 1;

  function validFrame(): Record<string, unknown> {
    const name = pick(REQUEST_NAMES);
    return { id: nextId++, name, payload: validPayload(name) };
  }

  function validPayload(name: string): unknown {
    const anyHost = pick(corpus.hostIds);
    const service =
      corpus.services.length > 0
        ? pick(corpus.services)
        : { hostId: anyHost, service: "203.0.113.10:80", backends: ["192.0.2.11:80"] };
    const backend = service.backends.length > 0 ? pick(service.backends) : "192.0.2.11:80";
    const haproxy =
      corpus.haproxyServers.length > 0
        ? pick(corpus.haproxyServers)
        : { hostId: anyHost, backend: "be_app", server: "app1" };
    // Mostly the host the target lives on; sometimes another, which must be refused cleanly.
    const hostId = random() < 0.2 ? anyHost : name === "planHaproxyAction" ? haproxy.hostId : service.hostId;
    const known = (ids: Array<{ hostId: string; id: string }>, fallback: string) => {
      if (ids.length === 0 || random() < 0.3) return { hostId, id: fallback };
      const chosen = pick(ids);
      return random() < 0.8 ? chosen : { hostId: anyHost, id: chosen.id };
    };
    switch (name) {
      case "getSnapshot":
      case "retryHost":
      case "removeHost":
        return { hostId };
      case "planAction":
        return {
          hostId,
          intent: pick([
            { kind: "drain", service: service.service, backend },
            { kind: "undrain", service: service.service, backend },
            { kind: "setWeight", service: service.service, backend, weight: nextInt(prng, 300) - 20 },
            { kind: "remove", service: service.service, backend },
            { kind: "restore", service: service.service, backend },
          ]),
          ...(random() < 0.3 ? { confirmation: service.service } : {}),
        };
      case "planHaproxyAction":
        return {
          hostId,
          intent: pick([
            {
              kind: "haproxy-state",
              backend: haproxy.backend,
              server: haproxy.server,
              state: pick(["ready", "drain", "maint"]),
            },
            {
              kind: "haproxy-weight",
              backend: haproxy.backend,
              server: haproxy.server,
              weight: nextInt(prng, 300) - 20,
            },
          ]),
        };
      case "applyAction": {
        const plan = known(corpus.planIds, `plan-${nextInt(prng, 1000)}`);
        return { hostId: plan.hostId, planId: plan.id };
      }
      case "undoAction": {
        const entry = known(corpus.auditIds, `audit-${nextInt(prng, 1000)}`);
        return { hostId: entry.hostId, auditId: entry.id };
      }
      case "listAudit":
        return random() < 0.5 ? {} : { hostId };
      case "addHost":
        return {
          alias: made > options.realHostsAfter ? pick(FUZZ_ALIASES) : `-${pick(FUZZ_ALIASES)}`,
          production: random() < 0.5,
        };
      case "trustHostKey":
        return { hostId, fingerprint: `SHA256:${"A".repeat(43)}` };
      case "answerCredential":
        return random() < 0.5
          ? { promptId: `p${nextInt(prng, 10)}` }
          : { promptId: `p${nextInt(prng, 10)}`, secret: "hunter2" };
      default:
        return {};
    }
  }

  function hostileValue(depth = 0): unknown {
    switch (nextInt(prng, 16)) {
      case 0:
        return null;
      case 1:
        return random() < 0.5;
      case 2:
        return pick([-1, 0, 1.5, 2 ** 53 + 2, -(2 ** 31), 1e308, 65536]);
      case 3:
        return "";
      case 4:
        return "x".repeat(nextInt(prng, 20_000));
      case 5:
        return pick(INJECTION_STRINGS);
      case 6:
        return pick(["\u0000", "\uffff", "\ud800", "é\u0301", "🙂", "\u202e", "\r\n"]);
      case 7:
        return [];
      case 8:
        return {};
      case 9:
        return JSON.parse('{"__proto__":{"polluted":true}}') as unknown;
      case 10:
        return { constructor: { prototype: { polluted: true } } };
      case 11:
        return depth > 3 ? 0 : Array.from({ length: nextInt(prng, 4) }, () => hostileValue(depth + 1));
      case 12:
        return nest(nextInt(prng, 300));
      case 13:
        return pick(corpus.hostIds);
      case 14:
        return pick(REQUEST_NAMES);
      default:
        return `-${pick(FUZZ_ALIASES)}`;
    }
  }

  function nest(depth: number): unknown {
    let value: unknown = 1;
    for (let i = 0; i < depth; i++) value = random() < 0.5 ? [value] : { a: value };
    return value;
  }

  /** Every object or array in `value` reachable from it, with the value itself first. */
  function containers(
    value: unknown,
    found: Array<Record<string, unknown> | unknown[]> = [],
  ): Array<Record<string, unknown> | unknown[]> {
    if (value === null || typeof value !== "object" || found.length > 200) return found;
    found.push(value as Record<string, unknown> | unknown[]);
    for (const child of Object.values(value)) containers(child, found);
    return found;
  }

  function mutate(frame: Record<string, unknown>): void {
    const target = pick(containers(frame));
    const keys = Object.keys(target);
    switch (nextInt(prng, 7)) {
      case 0:
      case 1:
        if (keys.length > 0) (target as Record<string, unknown>)[pick(keys)] = hostileValue();
        break;
      case 2:
        if (keys.length > 0) delete (target as Record<string, unknown>)[pick(keys)];
        break;
      case 3:
        Object.defineProperty(
          target,
          pick(["__proto__", "constructor", "prototype", "extra", "toString", "id"]),
          {
            value: hostileValue(),
            enumerable: true,
            configurable: true,
            writable: true,
          },
        );
        break;
      case 4:
        frame["name"] = pick([
          ...REQUEST_NAMES,
          "__proto__",
          "constructor",
          "toString",
          "valueOf",
          "hasOwnProperty",
          "GETAPPINFO",
          "getAppInfo ",
          "",
        ]);
        break;
      case 5:
        frame["payload"] = validPayload(pick(REQUEST_NAMES));
        break;
      default:
        frame["id"] = pick([frame["id"], -1, 1.5, "7", null, 2 ** 53, 0]);
    }
  }

  function mutateText(text: string): string {
    const at = nextInt(prng, text.length + 1);
    switch (nextInt(prng, 4)) {
      case 0:
        return text.slice(0, at);
      case 1:
        return `${text.slice(0, at)}${pick(["{", "}", '"', ",", ":", "\\", "\u0000", "[", "]"])}${text.slice(at)}`;
      case 2:
        return `${text.slice(0, at)}${text.slice(at + 1 + nextInt(prng, 5))}`;
      default: {
        const code = text.charCodeAt(at) || 32;
        return `${text.slice(0, at)}${String.fromCharCode(code ^ (1 << nextInt(prng, 7)))}${text.slice(at + 1)}`;
      }
    }
  }

  return {
    next() {
      made += 1;
      const frame = validFrame();
      const roll = random();
      if (roll < 0.25) return JSON.stringify(frame);
      const mutations = 1 + nextInt(prng, 3);
      for (let i = 0; i < mutations; i++) mutate(frame);
      const text = JSON.stringify(frame);
      return roll < 0.85 ? text : mutateText(text);
    },
  };
}
