/**
 * An executor that can lose its connection on cue, for the apply loop's lost-connection tests of
 * every action family. `drop` names the command that carries the change and where the connection
 * goes: after the command ran to its end (its answer is lost) or before it was sent. `cut` is how
 * the connection really goes: for an SSH session, destroying its client (the session then
 * reconnects by itself, as in production); for an in-memory host, nothing (the throw is the loss).
 * `downAfterChange` plays a host that stays unreachable once the change was sent.
 */
import type { HostExecutor, HostExecutorResult } from "../../core/actions/host-executor.ts";

export type DropPoint = "after-exit" | "before-send";

export type RunOptions = { stdin?: string; timeoutMs?: number };

export class DroppableExecutor implements HostExecutor {
  /** Every command asked of it, and those that reached the host. */
  readonly calls: { argv: string[]; stdin?: string }[] = [];
  readonly forwarded: { argv: string[]; stdin?: string }[] = [];
  /** The next command matching `when` loses the connection at `at`. */
  drop: { when: (argv: readonly string[], stdin?: string) => boolean; at: DropPoint } | undefined;
  /** Once a command matching this ran, every later command fails as if the host were unreachable. */
  downAfter: ((argv: readonly string[], stdin?: string) => boolean) | undefined;
  #down = false;
  readonly #inner: HostExecutor;
  readonly #cut: () => void;

  constructor(inner: HostExecutor, cut: () => void = () => {}) {
    this.#inner = inner;
    this.#cut = cut;
  }

  async run(argv: readonly string[], options?: RunOptions): Promise<HostExecutorResult> {
    this.calls.push({ argv: [...argv], ...(options?.stdin !== undefined ? { stdin: options.stdin } : {}) });
    if (this.#down) throw new Error("ssh: connect ECONNREFUSED (the host stays unreachable)");
    const drop = this.drop?.when(argv, options?.stdin) ? this.drop.at : undefined;
    if (drop) this.drop = undefined;
    if (drop === "before-send") {
      this.#cut();
      throw new Error(`ssh: connection lost before sending ${argv.join(" ")}`);
    }
    this.forwarded.push(this.calls.at(-1) as { argv: string[]; stdin?: string });
    const result = await this.#inner.run(argv, options);
    if (this.downAfter?.(argv, options?.stdin)) this.#down = true;
    if (drop === "after-exit") {
      this.#cut();
      throw new Error(`ssh: connection lost while running ${argv.join(" ")}`);
    }
    return result;
  }

  /** From now on every command fails as if the host were unreachable. */
  goDown(): void {
    this.#down = true;
  }

  /** How many commands matching `isChange` reached the host. */
  sent(isChange: (argv: readonly string[], stdin?: string) => boolean): number {
    return this.forwarded.filter((call) => isChange(call.argv, call.stdin)).length;
  }
}
