/**
 * A HostExecutor over one ssh2 connection to a real sshd, with the host key pinned to the key the
 * test generated (anything else is refused). argv becomes a command only through toShellCommand.
 */
import { Client } from "ssh2";
import { readFile } from "node:fs/promises";
import { toShellCommand } from "../../../core/commands/shell-quote.ts";
import type { HostExecutor } from "../../../core/actions/host-executor.ts";

export interface PinnedSshTarget {
  host: string;
  port: number;
  username: string;
  privateKeyPath: string;
  /** The server's public key line ("ssh-ed25519 AAAA... comment"). */
  hostPublicKey: string;
}

export interface SshExecutor extends HostExecutor {
  close(): void;
}

export async function connectSshExecutor(target: PinnedSshTarget): Promise<SshExecutor> {
  const pinned = Buffer.from(target.hostPublicKey.split(/\s+/)[1] ?? "", "base64");
  const client = new Client();
  await new Promise<void>((resolve, reject) => {
    client.once("ready", () => resolve());
    client.once("error", reject);
    void readFile(target.privateKeyPath).then(
      (privateKey) =>
        client.connect({
          host: target.host,
          port: target.port,
          username: target.username,
          privateKey,
          readyTimeout: 10_000,
          hostVerifier: (key: Buffer) => key.equals(pinned),
        }),
      reject,
    );
  });
  return {
    close: () => client.end(),
    run: (argv, options = {}) =>
      new Promise((resolve, reject) => {
        client.exec(toShellCommand(argv), (error, channel) => {
          if (error) return reject(error);
          let stdout = "";
          let stderr = "";
          let code: number | null = null;
          const timer = setTimeout(() => {
            channel.close();
            reject(new Error(`timed out after ${options.timeoutMs} ms: ${toShellCommand(argv)}`));
          }, options.timeoutMs ?? 30_000);
          channel.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
          channel.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
          channel.on("exit", (exitCode: number | null) => (code = exitCode));
          channel.on("close", () => {
            clearTimeout(timer);
            resolve({ stdout, stderr, code });
          });
          channel.end(options.stdin ?? "");
        });
      }),
  };
}
