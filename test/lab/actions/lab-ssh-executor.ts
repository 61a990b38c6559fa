/**
 * A HostExecutor for the lab VM through Fulcrum's own SSH layer: a HostSession resolved from an
 * ssh config alias in a throwaway home, the VM's host key as the only known_hosts entry, and
 * sessionExecutor (argv through toShellCommand). `drop` lets a test cut the connection in the
 * middle of an action; the session then reconnects by itself, as it would in production.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Client } from "ssh2";
import {
  sessionExecutor,
  type HostExecutor,
  type HostExecutorResult,
} from "../../../core/actions/host-executor.ts";
import { openConnection } from "../../../core/ssh/connect-chain.ts";
import { openHostSession } from "../../../core/ssh/open-host-session.ts";
import type { HostSession } from "../../../core/ssh/session.ts";
import { DroppableExecutor } from "../../support/droppable-executor.ts";
import type { LabEnv } from "../lab-vm.ts";

/** after-exit: the command ran to the end, its answer is lost; during-send: cut as it goes out. */
export type DropPoint = "after-exit" | "during-send";

export class LabSshExecutor implements HostExecutor {
  readonly calls: string[][] = [];
  readonly session: HostSession;
  readonly #inner: HostExecutor;
  readonly #client: () => Client | undefined;
  readonly #home: string;
  /** Set by a test: the next command matching this is followed by a dropped connection. */
  drop: { when: (argv: readonly string[]) => boolean; at: DropPoint } | undefined;

  private constructor(session: HostSession, client: () => Client | undefined, home: string) {
    this.session = session;
    this.#inner = sessionExecutor(session);
    this.#client = client;
    this.#home = home;
  }

  static async connect(env: LabEnv): Promise<LabSshExecutor> {
    const home = await mkdtemp(path.join(tmpdir(), "fulcrum-lab-ssh-"));
    await mkdir(path.join(home, ".ssh"), { mode: 0o700 });
    await writeFile(
      path.join(home, ".ssh", "config"),
      `Host lab\n  HostName ${env.host}\n  Port ${env.port}\n  User ${env.user}\n  IdentityFile ${env.keyPath}\n  IdentityAgent none\n`,
    );
    await writeFile(
      path.join(home, ".ssh", "known_hosts"),
      `[${env.host}]:${env.port} ssh-ed25519 ${env.hostKeyBase64}\n`,
    );
    let client: Client | undefined;
    const session = await openHostSession("lab", {
      home,
      backoff: { initialMs: 100, maxMs: 400 },
      connect: async (...args) => {
        const open = await openConnection(...args);
        client = open.client;
        return open;
      },
    });
    await session.connect();
    return new LabSshExecutor(session, () => client, home);
  }

  async run(
    argv: readonly string[],
    options?: { stdin?: string; timeoutMs?: number },
  ): Promise<HostExecutorResult> {
    this.calls.push([...argv]);
    const drop = this.drop?.when(argv) ? this.drop.at : undefined;
    if (drop) this.drop = undefined;
    const running = this.#inner.run(argv, options);
    if (drop === "during-send") process.nextTick(() => this.#client()?.destroy());
    const result = await running;
    if (drop === "after-exit") {
      this.#client()?.destroy();
      throw new Error(`ssh: connection lost while running ${argv.join(" ")}`);
    }
    return result;
  }

  /**
   * The same session for the apply contract (test/support/apply-contract.ts): a drop there really
   * destroys this SSH connection, and the session reconnects by itself.
   */
  droppable(): DroppableExecutor {
    return new DroppableExecutor(this.#inner, () => this.#client()?.destroy());
  }

  /** Waits until the session has reconnected after a drop. */
  async reconnected(): Promise<LabSshExecutor> {
    await this.session.connect();
    return this;
  }

  close(): void {
    this.session.close();
    void rm(this.#home, { recursive: true, force: true });
  }
}
