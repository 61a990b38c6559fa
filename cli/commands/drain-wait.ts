/**
 * drain --wait: after the weight is 0, read the table every 2 s (the kernel folds IPVS counters
 * every 2 s; ActiveConn/InActConn are live) and follow the backend down with the shared drain
 * verdict (shared/drain-verdict.ts, the console's too) until it is safe to stop, the weight comes
 * back, the backend goes, or the time bound runs out.
 */
import type { HostExecutor } from "../../core/actions/host-executor.ts";
import { readIpvsTable } from "../../core/actions/read-ipvs-state.ts";
import type { VirtualService } from "../../core/model/ipvs.ts";
import { backendKey, serviceKey } from "../../core/model/service-key.ts";
import { drainVerdict, type DrainContext, type DrainSample } from "../../shared/drain-verdict.ts";

export const DRAIN_POLL_MS = 2_000;

export interface DrainWait {
  executor: HostExecutor;
  /** Canonical keys, as in the plan. */
  service: string;
  backend: string;
  /** From the table the plan was made on: the protocol and the persistence timeout. */
  protocol: DrainContext["protocol"];
  persistentSeconds?: number;
  drainedAt: number;
  timeoutSeconds: number;
  write: (line: string) => void;
  pollMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export type DrainWaitEnd = "safe-to-stop" | "undrained" | "timed-out" | "backend-gone";

function sampleOf(
  services: readonly VirtualService[],
  service: string,
  backend: string,
  at: number,
): DrainSample | undefined {
  const server = services
    .find((candidate) => serviceKey(candidate) === service)
    ?.realServers.find((candidate) => backendKey(candidate) === backend);
  if (!server) return undefined;
  return {
    at,
    weight: server.weight,
    activeConns: server.activeConns,
    inactiveConns: server.inactiveConns,
    ...(server.persistConns !== undefined ? { persistConns: server.persistConns } : {}),
  };
}

export async function waitForDrain(wait: DrainWait): Promise<DrainWaitEnd> {
  const now = wait.now ?? Date.now;
  const sleep = wait.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const pollMs = wait.pollMs ?? DRAIN_POLL_MS;
  const deadline = now() + wait.timeoutSeconds * 1000;
  const samples: DrainSample[] = [];
  const context: DrainContext = {
    protocol: wait.protocol,
    persistentSeconds: wait.persistentSeconds ?? 0,
    drainedAt: wait.drainedAt,
  };
  for (;;) {
    try {
      const sample = sampleOf(await readIpvsTable(wait.executor), wait.service, wait.backend, now());
      if (!sample) {
        wait.write(`${wait.backend} is no longer in ${wait.service}; stopped waiting`);
        return "backend-gone";
      }
      samples.push(sample);
      const verdict = drainVerdict(samples, context);
      wait.write(`drain: ${verdict.message}`);
      if (verdict.state === "safe-to-stop" || verdict.state === "undrained") return verdict.state;
    } catch (error) {
      wait.write(
        `drain: could not read the table (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    if (now() + pollMs > deadline) {
      wait.write(
        `drain: not safe to stop yet after ${wait.timeoutSeconds} s; stopped waiting (the backend stays drained)`,
      );
      return "timed-out";
    }
    await sleep(pollMs);
  }
}
