/**
 * A host's sampling stream over SSH: one long-lived exec channel running the remote loop
 * (core/sampler/remote-script.ts), the program sent on the channel's stdin. Privilege is decided once per stream: root runs the loop as is;
 * another user runs it under one `sudo -n` when sudo allows it without a password, and otherwise
 * without sudo (the loop then falls back to /proc/net/ip_vs and says what is missing).
 */
import { SessionProblemError } from "../ssh/problem.ts";
import type { HostSession } from "../ssh/session.ts";
import { buildSamplerInvocation } from "../sampler/sampler-command.ts";
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
 * Whether this login may run the loop's shell under sudo without a password. It asks for exactly
 * what the loop will run (/bin/sh), not `sudo -n true`: the sudoers line Fulcrum offers grants
 * /bin/sh only, and `true` would be refused under it.
 */
export async function canSudoWithoutPassword(session: HostSession): Promise<boolean> {
  if (session.target.user === "root") return false;
  const result = await session.exec(["sudo", "-n", "/bin/sh", "-c", "exit 0"], { timeoutMs: 10_000 });
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
    const useSudo = await canSudoWithoutPassword(session);
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
