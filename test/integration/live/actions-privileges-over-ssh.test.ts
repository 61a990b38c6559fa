// Actions as a login that is not root, through a real sshd and Fulcrum's own session and executor
// (every command goes through as-root.sh), against a real HAProxy whose admin socket only root may
// open and a track file in a folder only root may write. Real users and real sudoers: without a
// grant the host refuses and says so; granted exactly the change commands of one family
// (CHANGE_GRANTS), those run under `sudo -n` and nothing else does; with the root-shell line, as root.
import { mkdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trackFileStep } from "../../../core/actions/failover/choose-method.ts";
import { applyHaproxyPlan } from "../../../core/actions/haproxy/apply-haproxy-plan.ts";
import { readHaproxyServers } from "../../../core/actions/haproxy/haproxy-server-view.ts";
import { planHaproxyAction } from "../../../core/actions/haproxy/plan-haproxy-action.ts";
import { HostActionLocks } from "../../../core/actions/host-action-lock.ts";
import { sessionExecutor, type HostExecutor } from "../../../core/actions/host-executor.ts";
import { haproxyName, haproxyWeight } from "../../../core/commands/validated.ts";
import {
  CHANGE_GRANTS,
  readsSudoersLine,
  rootShellSudoersLine,
} from "../../../core/sampler/sudoers-advice.ts";
import type { HostSession } from "../../../core/ssh/session.ts";
import { executable, isRoot, missingPrerequisites } from "../../support/prerequisites.ts";
import { askHaproxySocket } from "../harness/haproxy-socket.ts";
import { hostBlock, openTestSession } from "../harness/ssh-fixture.ts";
import { startSshd, type SshdServer } from "../harness/sshd-server.ts";
import { createSystemUser, type SystemUser } from "../harness/system-users.ts";
import { createTestHome, type TestHome } from "../harness/test-home.ts";
import { startFakeHost, type FakeHost } from "../sampler/fake-host.ts";
import { expectEvery } from "../../support/expect-every.ts";

const skip = missingPrerequisites(
  isRoot,
  executable("/usr/sbin/sshd", "openssh-server"),
  executable("/usr/sbin/haproxy", "haproxy"),
  executable("/usr/bin/socat", "socat"),
  executable("/usr/bin/sudo", "sudo"),
);

let host: FakeHost;
let home: TestHome;
let sshd: SshdServer;
let trackFile: string;
const users: Record<"plain" | "change" | "shell", SystemUser | undefined> = {
  plain: undefined,
  change: undefined,
  shell: undefined,
};
const sessions: HostSession[] = [];
const logFile = (): string => path.join(host.dir, "sudo-actions.log");

async function executorFor(alias: keyof typeof users): Promise<HostExecutor> {
  const session = await openTestSession(home, alias);
  sessions.push(session);
  await session.connect();
  return sessionExecutor(session);
}

async function setWeight(executor: HostExecutor, weight: number) {
  const planned = planHaproxyAction(
    await readHaproxyServers(executor, host.haproxySocket),
    {
      kind: "haproxy-weight",
      backend: haproxyName("be_sampler"),
      server: haproxyName("web2"),
      weight: haproxyWeight(weight),
    },
    { hostId: "lb1", socket: host.haproxySocket },
  );
  if (!planned.ok) throw new Error(planned.refusal.message);
  return applyHaproxyPlan(planned.plan, { executor, locks: new HostActionLocks() });
}

const web2Weight = (): string | undefined =>
  askHaproxySocket(host.haproxySocket, "show servers state be_sampler")
    .split("\n")
    .find((line) => line.split(" ")[3] === "web2")
    ?.split(" ")[7];

const sudoLogged = async (): Promise<string[]> =>
  (await readFile(logFile(), "utf8").catch(() => "")).split("\n").filter((line) => line.includes("COMMAND="));

describe.skipIf(skip)("actions without root, over SSH", () => {
  beforeAll(async () => {
    host = await startFakeHost({ ipvsadm: "fixtures" });
    const trackDir = path.join(host.dir, "keepalived-track");
    await mkdir(trackDir, { mode: 0o700 });
    trackFile = path.join(trackDir, "maint");
    home = await createTestHome();
    sshd = await startSshd({ extraConfig: [`SetEnv PATH=${host.path}`] });
    const logging = (name: string) => `Defaults:${name} logfile=${logFile()}, loglinelen=0`;
    users.plain = await createSystemUser();
    users.change = await createSystemUser({
      sudoersLines: (name) => [
        readsSudoersLine(name, [
          ...CHANGE_GRANTS.haproxy(host.haproxySocket),
          ...CHANGE_GRANTS.trackFile(trackFile),
        ]),
        logging(name),
      ],
    });
    users.shell = await createSystemUser({
      sudoersLines: (name) => [rootShellSudoersLine(name), logging(name)],
    });
    let config = "";
    for (const [alias, user] of Object.entries(users)) {
      if (!user) throw new Error(`no ${alias} user`);
      await sshd.authorize(user.name, home.clientKey.publicKey);
      config += hostBlock(alias, sshd, { user: user.name });
    }
    await home.writeSshConfig(config);
    await home.writeKnownHosts(`${sshd.knownHostsLine()}\n`);
    // Only root may open the admin socket (HAProxy made it mode 600 as root).
    expect((await stat(host.haproxySocket)).mode & 0o777).toBe(0o600);
  });

  afterAll(async () => {
    for (const session of sessions) session.close();
    await sshd?.dispose();
    for (const user of Object.values(users)) await user?.dispose();
    await home?.dispose();
    await host?.dispose();
  });

  it("without a grant: the host refuses the socket, and the error says so", async () => {
    const executor = await executorFor("plain");
    await expect(readHaproxyServers(executor, host.haproxySocket)).rejects.toThrow(/Permission denied/);
  });

  it("granted exactly the HAProxy change line: the weight is set and verified, sudo logs the socat", async () => {
    const executor = await executorFor("change");
    const report = await setWeight(executor, 35);
    expect(report.outcome).toBe("verified");
    expect(web2Weight()).toBe("35");
    const logged = await sudoLogged();
    expect(logged.length).toBeGreaterThan(0);
    expectEvery(logged, (line) =>
      line.endsWith(`COMMAND=/usr/bin/socat -t 5 stdio UNIX-CONNECT:${host.haproxySocket}`),
    );
  });

  it("granted exactly one track file: writes that file as root and no other", async () => {
    const executor = await executorFor("change");
    const write = trackFileStep("master", trackFile, "-51", "lower the master's priority");
    expect(await executor.run(write.argv, { ...(write.stdin ? { stdin: write.stdin } : {}) })).toMatchObject({
      code: 0,
    });
    expect(await readFile(trackFile, "utf8")).toBe("-51\n");
    const other = trackFileStep("master", path.join(path.dirname(trackFile), "other"), "1", "not granted");
    const refused = await executor.run(other.argv, { ...(other.stdin ? { stdin: other.stdin } : {}) });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/Permission denied/);
    const remove = trackFileStep("master", trackFile, null, "restore: no file before");
    expect((await executor.run(remove.argv)).code).toBe(0);
    await expect(stat(trackFile)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("with the root-shell line: the same action runs as root under sudo -n /bin/sh", async () => {
    const before = (await sudoLogged()).length;
    const executor = await executorFor("shell");
    const report = await setWeight(executor, 45);
    expect(report.outcome).toBe("verified");
    expect(web2Weight()).toBe("45");
    const logged = (await sudoLogged()).slice(before);
    expect(logged.length).toBeGreaterThan(0);
    const command = `COMMAND=/bin/sh -c 'exec "$0" "$@"' socat -t 5 stdio UNIX-CONNECT:${host.haproxySocket}`;
    expectEvery(logged, (line) => line.endsWith(command));
  });
});
