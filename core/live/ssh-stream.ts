/**
 * A host's sampling stream over SSH: one long-lived exec channel running the remote loop
 * (core/sampler/remote-script.ts), the program sent on the channel's stdin. Privilege is decided
 * once per stream (sampler-command.ts): root runs the loop as is; another login runs it under one
 * `sudo -n /bin/sh -s` when sudoers grants that shell, and otherwise as itself, where the loop runs
 * only the reads sudoers grants exactly under `sudo -n`, falls back to /proc/net/ip_vs for IPVS,
 * and names what is missing.
 */
import { SessionProblemError } from "../ssh/problem.ts";
import type { HostSession } from "../ssh/session.ts";
import { buildSamplerInvocation, LOOP_SHELL } from "../sampler/sampler-command.ts";
import { buildSamplerScript } from "../sampler/remote-script.ts";
import type { SamplerOptionsInput } from "../sampler/sampler-options.ts";
import { SAMPLER_SOURCES } from "../sampler/sampler-sections.ts";
import type { ChunkStream, OpenChunkStream } from "./chunk-stream.ts";

export type SshSamplerOptions = Omit<SamplerOptionsInput, "sections"> & {
  sections?: SamplerOptionsInput["sections"];
};

/** Every source except nginx, which needs its status URL. */
export const DEFAULT_SECTIONS = SAMPLER_SOURCES.filter((source) => source !== "nginx-status");

/**
 * Whether this login may run the whole loop as root: sudoers grants it the loop's shell, /bin/sh,
 * without a password (the root-shell line). Asked with `sudo -n -l`, which runs nothing and logs
 * nothing, so a least-privilege login does not leave a refused attempt in the log at every
 * connection; its reads are then granted one by one inside the loop.
 */
export async function canSudoRootShell(session: HostSession): Promise<boolean> {
  if (session.target.user === "root") return false;
  const result = await session.exec(["sudo", "-n", "-l", LOOP_SHELL], { timeoutMs: 10_000 });
  return result.code === 0;
}

export function openSshSamplerStream(session: HostSession, options: SshSamplerOptions): OpenChunkStream {
  const sections = options.sections ?? (options.nginxStatusUrl ? [...SAMPLER_SOURCES] : DEFAULT_SECTIONS);
  const script = buildSamplerScript({ ...options, sections });
  return async (): Promise<ChunkStream> => {
    // A failed session needs the operator (a key to trust, a passphrase, credentials): reopening
    // the stream must not start a new login behind their back, every few seconds, asking again.
    const { phase, problem } = session.state;
    if (phase === "failed") {
      throw new SessionProblemError(problem ?? { code: "internal-error", message: "the session failed" });
    }
    await session.connect();
    const useSudo = await canSudoRootShell(session);
    const invocation = buildSamplerInvocation(script, { useSudo });
    const stream = await session.openStream(invocation.command);
    stream.stdin.end(invocation.stdin);
    return {
      onData: (listener) => void stream.stdout.on("data", listener),
      exited: stream.exited,
      close: () => stream.close(),
    };
  };
}
