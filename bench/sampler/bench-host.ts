/**
 * The test host both sampler benchmarks run against: a real OpenSSH sshd from the integration
 * harness on a 127.0.0.x address, whose sessions get a PATH (sshd SetEnv) that starts with a
 * folder of the benchmark's own stand-in tools, plus a data folder of pre-generated texts. Optionally
 * a byte-counting forwarder in front of sshd. Any number of ~/.ssh/config aliases for it.
 * Everything is registered with the harness's cleanup, so it goes away even when the run fails.
 */
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { HostSession } from "../../core/ssh/session.ts";
import { registerCleanup, removeDirSync } from "../../test/integration/harness/cleanup-registry.ts";
import { hostBlock, openTestSession } from "../../test/integration/harness/ssh-fixture.ts";
import { startSshd, type SshdServer } from "../../test/integration/harness/sshd-server.ts";
import { createTestHome, type TestHome } from "../../test/integration/harness/test-home.ts";
import { startByteCountingForwarder, type ByteCountingForwarder } from "./byte-counting-forwarder.ts";

export interface BenchHostOptions {
  address: string;
  aliases: string[];
  /** Executables for the stand-in bin folder, by name. */
  tools?: Record<string, string>;
  /** Data files, by name, in the host's data folder. */
  files?: Record<string, string>;
  countBytes?: boolean;
}

export interface BenchHost {
  sshd: SshdServer;
  /** The stand-in tools' folder, first in the sessions' PATH. */
  binDir: string;
  dataDir: string;
  forwarder: ByteCountingForwarder | undefined;
  openSession(alias: string): Promise<HostSession>;
  /** More aliases, each logging in as its user (made by the caller), authorized for the client key. */
  addLogins(userAliases: Record<string, string>): Promise<void>;
  dispose(): Promise<void>;
}

export async function startBenchHost(options: BenchHostOptions): Promise<BenchHost> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "fulcrum-bench-host-"));
  const disposeDir = registerCleanup({
    run: () => rm(dir, { recursive: true, force: true }),
    runSync: () => removeDirSync(dir),
  });
  let sshd: SshdServer | undefined;
  let home: TestHome | undefined;
  let forwarder: ByteCountingForwarder | undefined;
  const dispose = async (): Promise<void> => {
    await forwarder?.close();
    await sshd?.dispose();
    await home?.dispose();
    await disposeDir();
  };
  try {
    const binDir = path.join(dir, "bin");
    const dataDir = path.join(dir, "data");
    await mkdir(binDir);
    await mkdir(dataDir);
    await chmod(dir, 0o755);
    for (const [name, text] of Object.entries(options.tools ?? {})) {
      await writeFile(path.join(binDir, name), text, { mode: 0o755 });
    }
    for (const [name, text] of Object.entries(options.files ?? {})) {
      await writeFile(path.join(dataDir, name), text);
    }
    sshd = await startSshd({
      address: options.address,
      extraConfig: [
        `SetEnv PATH=${binDir}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
        // Twenty sessions connect at once in the scale run; the default (10:30:100) drops some.
        "MaxStartups 100:30:200",
      ],
    });
    home = await createTestHome();
    await sshd.authorize("root", home.clientKey.publicKey);
    if (options.countBytes) {
      forwarder = await startByteCountingForwarder({ address: options.address }, sshd);
    }
    // The client dials the forwarder when there is one; the host key is sshd's either way.
    const endpoint = { ...sshd, address: sshd.address, port: forwarder?.port ?? sshd.port };
    const key = sshd.hostKey.publicKey.split(" ").slice(0, 2).join(" ");
    const blocks = options.aliases.map((alias) => hostBlock(alias, endpoint));
    await home.writeSshConfig(blocks.join("\n"));
    await home.writeKnownHosts(`[${endpoint.address}]:${endpoint.port} ${key}\n`);
    const ready = { sshd, home };
    return {
      sshd,
      binDir,
      dataDir,
      forwarder,
      openSession: (alias) => openTestSession(ready.home, alias),
      addLogins: async (userAliases) => {
        for (const [alias, user] of Object.entries(userAliases)) {
          await ready.sshd.authorize(user, ready.home.clientKey.publicKey);
          blocks.push(hostBlock(alias, endpoint, { user }));
        }
        await ready.home.writeSshConfig(blocks.join("\n"));
      },
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
