/**
 * Ties a TestHome to Fulcrum's SSH layer: sessions resolved from the home's ~/.ssh/config, host
 * keys judged against its known_hosts and a trust store in its data folder, quick retries.
 *
 *   const home = await createTestHome();
 *   const sshd = await startSshd();  await sshd.authorize("root", home.clientKey.publicKey);
 *   await home.writeSshConfig(hostBlock("web", sshd, home));
 *   await home.writeKnownHosts(sshd.knownHostsLine() + "\n");
 *   const session = await openTestSession(home, "web");  await session.connect();
 */
import { readFile } from "node:fs/promises";
import { createHostKeyPolicy } from "../../../core/ssh/host-key-policy.ts";
import { HostSession, type HostSessionOptions } from "../../../core/ssh/session.ts";
import { resolveSshHost } from "../../../core/ssh/ssh-config.ts";
import { trustStorePath } from "../../../core/ssh/trust-store.ts";
import type { SshdServer } from "./sshd-server.ts";
import type { TestHome } from "./test-home.ts";

/** A Host block for an sshd of the harness; the agent is off so the machine's agent stays out. */
export function hostBlock(
  alias: string,
  sshd: SshdServer,
  options: { user?: string; identityFile?: string; extra?: string[] } = {},
): string {
  return [
    `Host ${alias}`,
    `  HostName ${sshd.address}`,
    `  Port ${sshd.port}`,
    `  User ${options.user ?? "root"}`,
    `  IdentityFile ${options.identityFile ?? "~/.ssh/id_ed25519"}`,
    "  IdentityAgent none",
    ...(options.extra ?? []).map((line) => `  ${line}`),
    "",
  ].join("\n");
}

export async function openTestSession(
  home: TestHome,
  alias: string,
  options: Partial<Omit<HostSessionOptions, "target">> = {},
): Promise<HostSession> {
  const target = resolveSshHost(await readFile(home.configPath, "utf8"), alias, { home: home.home });
  return new HostSession({
    hostKeys: createHostKeyPolicy(trustStorePath(home.dataDir)),
    backoff: { initialMs: 100, maxMs: 400 },
    ...options,
    target,
  });
}
