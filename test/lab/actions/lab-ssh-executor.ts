/**
 * A HostExecutor on one ssh2 connection to the lab VM, for lab tests until core/ssh is plugged in.
 * The host key is checked against the lab's own key; argv becomes a command only through
 * toShellCommand. `dropAfterSend` lets a test kill the connection in the middle of an action.
 */
import { readFileSync } from "node:fs";
import { Client } from "ssh2";
import type { HostExecutor, HostExecutorResult } from "../../../core/actions/host-executor.ts";
import { toShellCommand } from "../../../core/commands/shell-quote.ts";
import type { LabEnv } from "../lab-vm.ts";

export type DropPoint = "after-exit" | "after-send";

export class LabSshExecutor implements HostExecutor {
  readonly calls: string[][] = [];
  readonly #client: Client;
  #closed: Error | undefined;
  /** Set by a test: the next command matching this is followed by a dropped connection. */
  drop: { when: (argv: readonly string[]) => boolean; at: DropPoint } | undefined;

  private constructor(client: Client) {
    this.#client = client;
    client.on("close", () => (this.#closed ??= new Error("ssh: connection closed")));
    client.on("error", (error) => (this.#closed ??= error));
  }

  static connect(env: LabEnv): Promise<LabSshExecutor> {
    const client = new Client();
    return new Promise((resolve, reject) => {
      client.once("ready", () => resolve(new LabSshExecutor(client)));
      client.once("error", reject);
      client.connect({
        host: env.host,
        port: env.port,
        username: env.user,
        privateKey: readFileSync(env.keyPath),
        hostVerifier: (key: Buffer) => key.toString("base64") === env.hostKeyBase64,
        readyTimeout: 20_000,
      });
    });
  }

  run(
    argv: readonly string[],
    options: { stdin?: string; timeoutMs?: number } = {},
  ): Promise<HostExecutorResult> {
    this.calls.push([...argv]);
    if (this.#closed) return Promise.reject(this.#closed);
    const drop = this.drop?.when(argv) ? this.drop.at : undefined;
    if (drop) this.drop = undefined;
    const command = toShellCommand(argv);
    return new Promise((resolve, reject) => {
      const lost = (): void => reject(new Error(`ssh: connection lost while running ${command}`));
      this.#client.once("close", lost);
      this.#client.exec(command, (error, channel) => {
        if (error) {
          this.#client.removeListener("close", lost);
          reject(error);
          return;
        }
        // The exec request is on the wire: cut the TCP connection under it.
        if (drop === "after-send") this.#client.destroy();
        let stdout = "";
        let stderr = "";
        let code: number | null = null;
        const timer = setTimeout(() => {
          channel.close();
          reject(new Error(`timeout after ${options.timeoutMs} ms: ${command}`));
        }, options.timeoutMs ?? 30_000);
        channel.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        channel.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        channel.on("exit", (exitCode: number | null) => (code = exitCode));
        channel.on("close", () => {
          clearTimeout(timer);
          this.#client.removeListener("close", lost);
          if (drop === "after-exit") {
            // It ran to the end on the host, but the answer never arrives.
            this.#client.destroy();
            reject(new Error(`ssh: connection lost while running ${command}`));
            return;
          }
          resolve({ stdout, stderr, code });
        });
        if (options.stdin !== undefined) channel.end(options.stdin);
        else channel.end();
      });
    });
  }

  close(): void {
    this.#client.end();
  }
}
