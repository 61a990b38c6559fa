/**
 * A HostExecutor for a keepalived node, through Fulcrum's own SSH layer: a HostSession resolved from
 * an ssh config alias in a throwaway home, with the node's host key (the one the test generated) as
 * the only known_hosts entry, so anything else is refused. argv becomes a command only through
 * toShellCommand (sessionExecutor).
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sessionExecutor, type HostExecutor } from "../../../core/actions/host-executor.ts";
import { openHostSession } from "../../../core/ssh/open-host-session.ts";

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
  const home = await mkdtemp(path.join(tmpdir(), "fulcrum-failover-home-"));
  const cleanup = (): Promise<void> => rm(home, { recursive: true, force: true });
  try {
    await mkdir(path.join(home, ".ssh"), { mode: 0o700 });
    const [keyType, keyBase64] = target.hostPublicKey.split(/\s+/);
    await writeFile(
      path.join(home, ".ssh", "config"),
      `Host node\n  HostName ${target.host}\n  Port ${target.port}\n  User ${target.username}\n  IdentityFile ${target.privateKeyPath}\n  IdentityAgent none\n`,
    );
    // OpenSSH's known_hosts names port 22 by the bare host, any other port as [host]:port.
    const name = target.port === 22 ? target.host : `[${target.host}]:${target.port}`;
    await writeFile(path.join(home, ".ssh", "known_hosts"), `${name} ${keyType} ${keyBase64}\n`);
    const session = await openHostSession("node", { home });
    await session.connect();
    return {
      ...sessionExecutor(session),
      close: () => {
        session.close();
        void cleanup();
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
