// Persistent weight edits through config files, against a real nginx and a real keepalived,
// through a real sshd and Fulcrum's own SSH session: read, plan, compare-and-set, backup, the
// daemon's own check on the candidate, swap, reload, verify; checked here on the files and the
// daemons directly.
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyConfigEdit,
  type ConfigEditReport,
} from "../../../core/actions/config-edit/apply-config-edit.ts";
import type { ConfigEditIntent } from "../../../core/actions/config-edit/config-edit-intent.ts";
import type { ConfigEditTarget } from "../../../core/actions/config-edit/config-edit-target.ts";
import { configPath } from "../../../core/actions/config-edit/config-path.ts";
import {
  nginxServerAddress,
  nginxUpstreamName,
  nginxWeight,
} from "../../../core/actions/config-edit/nginx-values.ts";
import { planConfigEdit, type ConfigEditPlan } from "../../../core/actions/config-edit/plan-config-edit.ts";
import { readConfigFile } from "../../../core/actions/config-edit/read-config-file.ts";
import { HostActionLocks } from "../../../core/actions/host-action-lock.ts";
import { sessionExecutor, type HostExecutor } from "../../../core/actions/host-executor.ts";
import { ipvsWeight, ValidationError } from "../../../core/commands/validated.ts";
import type { ApplyLoopOptions } from "../../../core/actions/apply-loop.ts";
import { openConnection } from "../../../core/ssh/connect-chain.ts";
import type { HostSession } from "../../../core/ssh/session.ts";
import { applyContract } from "../../support/apply-contract.ts";
import { DroppableExecutor } from "../../support/droppable-executor.ts";
import { executable, isRoot, missingPrerequisites } from "../../support/prerequisites.ts";
import { descendantsOf, isAlive } from "../harness/process-tree.ts";
import { hostBlock, openTestSession } from "../harness/ssh-fixture.ts";
import { startSshd, type SshdServer } from "../harness/sshd-server.ts";
import { createTestHome, type TestHome } from "../harness/test-home.ts";
import { startKeepalived, type KeepalivedUnderTest } from "./keepalived-under-test.ts";
import { startNginx, type NginxUnderTest } from "./nginx-under-test.ts";
import { expectEvery } from "../../support/expect-every.ts";

const skip = missingPrerequisites(
  isRoot,
  executable("/usr/sbin/sshd", "openssh-server"),
  executable("/usr/sbin/nginx", "nginx"),
  executable("/usr/sbin/keepalived", "keepalived"),
);

let home: TestHome;
let sshd: SshdServer;
let session: HostSession;
let executor: HostExecutor;
const locks = new HostActionLocks();
// Each plan gets its own second, so backup names never collide within a run.
let planClock = Date.parse("2026-01-25T14:30:00Z");

async function plan(target: ConfigEditTarget, intent: ConfigEditIntent): Promise<ConfigEditPlan> {
  const read = await readConfigFile(executor, target.configPath);
  if (!read.ok) throw new Error(read.reason);
  planClock += 1000;
  const result = planConfigEdit(read.text, target, intent, new Date(planClock));
  if (!result.ok) throw new Error(result.refusal.message);
  return result.plan;
}

const apply = (planned: ConfigEditPlan): Promise<ConfigEditReport> =>
  applyConfigEdit(planned, { hostId: "lb1", executor, locks, verifyTimeoutMs: 10_000, pollIntervalMs: 100 });

/** The files in a directory whose names say Fulcrum made them. */
async function fulcrumFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.includes(".fulcrum-")).sort();
}

function count(bodies: readonly string[], body: string): number {
  return bodies.filter((each) => each === body).length;
}

describe.skipIf(skip)("persistent config edits over SSH (real nginx, real keepalived)", () => {
  beforeAll(async () => {
    home = await createTestHome();
    sshd = await startSshd();
    await sshd.authorize("root", home.clientKey.publicKey);
    await home.writeSshConfig(hostBlock("lb1", sshd));
    await home.writeKnownHosts(`${sshd.knownHostsLine()}\n`);
    session = await openTestSession(home, "lb1");
    await session.connect();
    executor = sessionExecutor(session);
  });

  afterAll(async () => {
    session?.close();
    await sshd?.dispose();
    await home?.dispose();
  });

  describe("nginx upstream", () => {
    let nginx: NginxUnderTest;
    let target: ConfigEditTarget;
    const upstream = nginxUpstreamName("app");
    const server = (index: 0 | 1) => nginxServerAddress(`127.0.0.1:${nginx.backendPorts[index]}`);

    beforeAll(async () => {
      nginx = await startNginx();
      target = {
        daemon: "nginx",
        configPath: configPath(nginx.configPath),
        pidFile: configPath(nginx.pidFile),
        prefix: configPath(nginx.dir),
      };
    });
    afterAll(async () => {
      await nginx?.dispose();
    });

    it("sets a weight: one line changed, backup with the original, mode kept, nginx reloaded with it", async () => {
      const before = await nginx.requests(6);
      expect([count(before, "b1"), count(before, "b2")]).toEqual([3, 3]);
      const modeBefore = (await stat(nginx.configPath)).mode;

      const planned = await plan(target, {
        kind: "nginx-upstream-server",
        upstream,
        server: server(0),
        weight: nginxWeight(5),
      });
      expect(planned.diff.map((line) => line.lineNo)).toEqual([9, 9]);
      const report = await apply(planned);
      expect(report.outcome, report.message).toBe("verified");

      const firstLine = `        server 127.0.0.1:${nginx.backendPorts[0]} max_fails=0;   # first backend`;
      expect(await readFile(nginx.configPath, "utf8")).toBe(
        nginx.config.replace(
          firstLine,
          `        server 127.0.0.1:${nginx.backendPorts[0]} weight=5 max_fails=0;   # first backend`,
        ),
      );
      expect(await readFile(planned.backupPath, "utf8")).toBe(nginx.config);
      expect((await stat(nginx.configPath)).mode).toBe(modeBefore);
      expect(await fulcrumFiles(nginx.dir)).toEqual([planned.backupPath.slice(nginx.dir.length + 1)]);
      expect(isAlive(nginx.masterPid)).toBe(true);
      // 5:1 smooth weighted round robin in the new worker: 10 of 12 to b1 (an old worker still
      // closing its listener could take one, so allow one off).
      const after = await nginx.requests(12);
      expect(count(after, "b1")).toBeGreaterThanOrEqual(9);
      expect(count(after, "b1") + count(after, "b2")).toBe(12);
    });

    it("marks a server down so it gets no requests, and back", async () => {
      const down = await apply(
        await plan(target, { kind: "nginx-upstream-server", upstream, server: server(1), down: true }),
      );
      expect(down.outcome, down.message).toBe("verified");
      expect(await readFile(nginx.configPath, "utf8")).toContain(
        `server 127.0.0.1:${nginx.backendPorts[1]} down;`,
      );
      expect(count(await nginx.requests(10), "b2")).toBe(0);

      const up = await apply(
        await plan(target, { kind: "nginx-upstream-server", upstream, server: server(1), down: false }),
      );
      expect(up.outcome, up.message).toBe("verified");
      expect(count(await nginx.requests(12), "b2")).toBeGreaterThan(0);
    });

    it("leaves the file untouched and reports nginx's words when the check fails (broken include)", async () => {
      const planned = await plan(target, {
        kind: "nginx-upstream-server",
        upstream,
        server: server(0),
        weight: nginxWeight(2),
      });
      const text = await readFile(nginx.configPath, "utf8");
      const leftBefore = await fulcrumFiles(nginx.dir);
      await writeFile(nginx.includePath, "bogus_directive on;\n");
      try {
        const report = await apply(planned);
        expect(report.outcome).toBe("failed");
        expect(report.validatorOutput).toContain('unknown directive "bogus_directive"');
        expect(await readFile(nginx.configPath, "utf8")).toBe(text);
        expect(await fulcrumFiles(nginx.dir)).toEqual(leftBefore);
        expect(report.commands.some((command) => command.shell.startsWith("mv "))).toBe(false);
      } finally {
        await writeFile(nginx.includePath, "# nothing yet\n");
      }
      expect(isAlive(nginx.masterPid)).toBe(true);
      expectEvery(await nginx.requests(2), (body) => body === "b1" || body === "b2");
    });

    it("refuses upstream names, server addresses and paths with shell metacharacters before any command", async () => {
      const marker = `${nginx.dir}/pwned`;
      expect(() => nginxUpstreamName(`app;touch ${marker}`)).toThrow(ValidationError);
      expect(() => nginxUpstreamName("$(touch /tmp/pwned)")).toThrow(ValidationError);
      expect(() => nginxServerAddress(`127.0.0.1:80;touch ${marker}`)).toThrow(ValidationError);
      expect(() => configPath(`${nginx.configPath};touch ${marker}`)).toThrow(ValidationError);
      expect(() => configPath(`${nginx.dir}/$(touch ${marker})`)).toThrow(ValidationError);
      expect((await readdir(nginx.dir)).includes("pwned")).toBe(false);
    });

    // The apply loop's contract (test/support/apply-contract.ts), as for every family, on this
    // nginx: over a session of its own whose SSH client a test can really destroy.
    describe("the apply loop's contract, on this nginx", () => {
      let droppableSession: HostSession;
      let client: { destroy(): void } | undefined;
      const workers = () => descendantsOf(nginx.masterPid);

      beforeAll(async () => {
        droppableSession = await openTestSession(home, "lb1", {
          connect: async (...args) => {
            const open = await openConnection(...args);
            client = open.client;
            return open;
          },
        });
      });
      afterAll(() => droppableSession?.close());

      applyContract(async () => {
        // Each test starts from the original file, loaded (the reload shows as new workers).
        await writeFile(nginx.configPath, nginx.config);
        await droppableSession.connect();
        const droppable = new DroppableExecutor(sessionExecutor(droppableSession), () => client?.destroy());
        const workersAtStart = workers();
        const edit = (index: 0 | 1, weight: number): ConfigEditIntent => ({
          kind: "nginx-upstream-server",
          upstream,
          server: server(index),
          weight: nginxWeight(weight),
        });
        const edited = `server 127.0.0.1:${nginx.backendPorts[0]} weight=5 `;
        return {
          executor: droppable,
          reconnect: async () => {
            await droppableSession.connect();
            return droppable;
          },
          plan: () => plan(target, edit(0, 5)),
          otherPlan: () => plan(target, edit(1, 7)),
          apply: (planned: ConfigEditPlan, options: ApplyLoopOptions) =>
            applyConfigEdit(planned, { ...options, hostId: "lb1" }),
          changeBehind: () => writeFile(nginx.configPath, `${nginx.config}# edited by hand meanwhile\n`),
          shows: async () => {
            const text = await readFile(nginx.configPath, "utf8");
            const reloaded = workers().some((pid) => !workersAtStart.includes(pid));
            if (text === nginx.config && !reloaded) return "before";
            if (text.includes(edited) && reloaded) return "changed";
            return "other";
          },
          // The first write is the backup's existence check; the change is complete once nginx reloaded.
          firstStep: (argv: readonly string[]) => argv[0] === "test" && argv[1] === "!",
          lastStep: (argv: readonly string[]) => argv[0] === "nginx" && argv.includes("reload"),
          timing: { verifyTimeoutMs: 5_000, pollIntervalMs: 100 },
        };
      });
    });
  });

  describe("keepalived real_server", () => {
    let keepalived: KeepalivedUnderTest;
    let target: ConfigEditTarget;
    const intent = (weight: number): ConfigEditIntent => ({
      kind: "keepalived-real-server-weight",
      realServer: { virtualAddress: "192.0.2.10", virtualPort: 80, realAddress: "10.0.0.11", realPort: 80 },
      weight: ipvsWeight(weight),
    });

    beforeAll(async () => {
      keepalived = await startKeepalived();
      target = {
        daemon: "keepalived",
        configPath: configPath(keepalived.configPath),
        pidFile: configPath(keepalived.pidFile),
      };
    });
    afterAll(async () => {
      await keepalived?.dispose();
    });

    it("writes the weight after keepalived --config-test passes, keeps a backup, and SIGHUPs the daemon", async () => {
      const reloadsBefore = keepalived.log().split("Reloading").length;
      const planned = await plan(target, intent(0));
      const report = await apply(planned);
      // Honest: keepalived re-reads the file, but no IPVS weight can be read back on this kernel.
      expect(report.outcome, report.message).toBe("not-verified");
      expect(report.message).toContain("not read back");
      expect(report.commands.map((command) => command.shell)).toContain(
        `keepalived --config-test -f ${planned.tempPath}`,
      );
      expect(await readFile(keepalived.configPath, "utf8")).toBe(
        keepalived.config.replace("weight 3        # rack 4", "weight 0        # rack 4"),
      );
      expect(await readFile(planned.backupPath, "utf8")).toBe(keepalived.config);
      expect((await stat(keepalived.configPath)).mode & 0o777).toBe(0o600);
      const deadline = Date.now() + 5000;
      while (keepalived.log().split("Reloading").length === reloadsBefore && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(keepalived.log().split("Reloading").length).toBe(reloadsBefore + 1);
      expect(isAlive(keepalived.pid)).toBe(true);
    });

    it("leaves the file untouched when keepalived --config-test refuses the candidate", async () => {
      const planned = await plan(target, intent(7));
      const text = await readFile(keepalived.configPath, "utf8");
      const leftBefore = await fulcrumFiles(keepalived.dir);
      await writeFile(
        keepalived.includePath,
        "virtual_server 192.0.2.50 80 {\n    real_server 10.0.0.5 80 {\n        weight abc\n    }\n}\n",
      );
      try {
        const report = await apply(planned);
        expect(report.outcome).toBe("failed");
        expect(report.validatorOutput).toContain("invalid number 'abc'");
        expect(await readFile(keepalived.configPath, "utf8")).toBe(text);
        expect(await fulcrumFiles(keepalived.dir)).toEqual(leftBefore);
      } finally {
        await writeFile(keepalived.includePath, "# nothing yet\n");
      }
    });

    it("aborts without writing when keepalived.conf changed between plan and apply", async () => {
      const planned = await plan(target, intent(9));
      const changed = (await readFile(keepalived.configPath, "utf8")).replace("weight 1", "weight 2");
      await writeFile(keepalived.configPath, changed);
      const leftBefore = await fulcrumFiles(keepalived.dir);
      expect((await apply(planned)).outcome).toBe("aborted");
      expect(await readFile(keepalived.configPath, "utf8")).toBe(changed);
      expect(await fulcrumFiles(keepalived.dir)).toEqual(leftBefore);
    });
  });
});
