/**
 * The host the config-edit CLI tests work on: a real nginx (../config-edit/nginx-under-test.ts)
 * behind a real sshd reached as the alias "lb1" from a test home, and a fresh data folder (audit
 * log) per test. Call useConfigEditCliHost inside the suite's describe: it registers the hooks that
 * start and stop everything, even when a test fails, and its fields are filled before each test.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { executable, isRoot, missingPrerequisites } from "../../support/prerequisites.ts";
import { startNginx, type NginxUnderTest } from "../config-edit/nginx-under-test.ts";
import { runFulcrumCli, type CliRun } from "../failover-cli/run-fulcrum-cli.ts";
import { hostBlock } from "../harness/ssh-fixture.ts";
import { startSshd, type SshdServer } from "../harness/sshd-server.ts";
import { createTestHome, type TestHome } from "../harness/test-home.ts";

export const CONFIG_EDIT_CLI_SKIP = missingPrerequisites(
  isRoot,
  executable("/usr/sbin/sshd", "openssh-server"),
  executable("/usr/sbin/nginx", "nginx"),
  executable("/usr/sbin/keepalived", "keepalived"),
);

export interface ConfigEditCliHost {
  home: TestHome;
  sshd: SshdServer;
  nginx: NginxUnderTest;
  /** This test's data folder. */
  dataDir: string;
  /** The real bin with HOME = the test home and FULCRUM_DATA = this test's data folder. */
  fulcrum(args: string[]): Promise<CliRun>;
  /** The audit log's path in this test's data folder. */
  auditPath(): string;
  /** How many logins the sshd accepted so far. */
  logins(): number;
}

export function useConfigEditCliHost(dataFolderPrefix: string): ConfigEditCliHost {
  const host = {
    fulcrum: (args: string[]) => runFulcrumCli(args, { home: host.home.home, dataDir: host.dataDir }),
    auditPath: () => path.join(host.dataDir, "audit.jsonl"),
    logins: () => (host.sshd.log().match(/Accepted publickey/g) ?? []).length,
  } as ConfigEditCliHost;
  beforeAll(async () => {
    host.home = await createTestHome();
    host.sshd = await startSshd();
    await host.sshd.authorize("root", host.home.clientKey.publicKey);
    await host.home.writeSshConfig(hostBlock("lb1", host.sshd));
    await host.home.writeKnownHosts(`${host.sshd.knownHostsLine()}\n`);
    host.nginx = await startNginx();
  }, 30_000);
  afterAll(async () => {
    await host.nginx?.dispose();
    await host.sshd?.dispose();
    await host.home?.dispose();
  });
  beforeEach(async () => {
    host.dataDir = await mkdtemp(path.join(tmpdir(), dataFolderPrefix));
  });
  afterEach(async () => {
    await rm(host.dataDir, { recursive: true, force: true });
  });
  return host;
}
