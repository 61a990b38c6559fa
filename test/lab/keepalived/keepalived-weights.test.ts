/**
 * keepalived on a real IPVS kernel (qemu lab): a NAT/wrr virtual_server on the lab's real servers,
 * programmed by a real keepalived 2.2.7 checker in the VM.
 *  - `fulcrum persist-weight` (the real CLI, over core/ssh) edits keepalived.conf, has keepalived
 *    check it, reloads, and reads the weight back from the kernel: "verified".
 *  - A manual weight set the way Fulcrum's IPVS action sets it (`ipvsadm -e ... -m -w N`, through
 *    HostActions, the app's own path) is NOT touched by a plain reload; keepalived puts its own
 *    weight back when a reload changes that real server's configured weight (here the CLI's steps
 *    run in process, to spare a second CLI start), and on a health-check transition. The app's
 *    drift watch, fed snapshots from the real sampler over SSH, says so each time.
 * Checked independently over OpenSSH (boot.sh ssh) with ipvsadm, and in keepalived's own log.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  applyConfigEdit,
  type ConfigEditReport,
} from "../../../core/actions/config-edit/apply-config-edit.ts";
import { planConfigEdit } from "../../../core/actions/config-edit/plan-config-edit.ts";
import { readConfigFile } from "../../../core/actions/config-edit/read-config-file.ts";
import { HostActionLocks } from "../../../core/actions/host-action-lock.ts";
import type { EventOf } from "../../../core/api.ts";
import { HostActions } from "../../../core/app/host-actions.ts";
import { AuditLog } from "../../../core/audit/audit-log.ts";
import type { RealServer } from "../../../core/model/ipvs.ts";
import { backendKey, serviceKey } from "../../../core/model/service-key.ts";
import { parseIpvsadmList } from "../../../core/parse/ipvs/ipvsadm-list.ts";
import { parsePersistWeightArgs } from "../../../cli/commands/persist-weight-args.ts";
import { runFulcrumCli, type CliRun } from "../../integration/failover-cli/run-fulcrum-cli.ts";
import { executable, missingPrerequisites } from "../../support/prerequisites.ts";
import { LabSshExecutor } from "../actions/lab-ssh-executor.ts";
import { startLabVm, type LabVm } from "../lab-vm.ts";
import { KEEPALIVED_CONF, startKeepalivedInVm, waitInVm, type KeepalivedInVm } from "./keepalived-in-vm.ts";
import { sampleSnapshot } from "./sample-snapshot.ts";

const VS = "203.0.113.80:80";
const RS1 = "192.0.2.11:80";
const RS2 = "192.0.2.12:80";
const RS3 = "192.0.2.13:80";
/** rs3's health check goes to a port of its own (8080), served by a process this test starts and stops. */
const RS3_CHECK_PORT = 8080;

// No VIP address and no traffic are needed: the kernel's table is what is checked. A service of its
// own (.80), so the lab's initial table (.10 to .70) is never touched; keepalived removes .80 on stop.
const CONFIG = `global_defs {
    router_id fulcrum_lab
}

virtual_server 203.0.113.80 80 {
    delay_loop 1
    lb_algo wrr
    lb_kind NAT
    protocol TCP

    real_server 192.0.2.11 80 {
        weight 3
        TCP_CHECK {
            connect_timeout 1
        }
    }
    real_server 192.0.2.12 80 {
        weight 1
        TCP_CHECK {
            connect_timeout 1
        }
    }
    real_server 192.0.2.13 80 {
        weight 2
        inhibit_on_failure
        TCP_CHECK {
            connect_port ${RS3_CHECK_PORT}
            connect_timeout 1
        }
    }
}
`;

const skip = missingPrerequisites(
  executable("/usr/bin/qemu-system-x86_64", "qemu-system-x86"),
  executable("/usr/bin/ssh", "openssh-client"),
);

describe.skipIf(skip)("keepalived weights on the real kernel (qemu lab)", () => {
  let vm: LabVm;
  let executor: LabSshExecutor;
  let home: string;
  let dataDir: string;
  let keepalived: KeepalivedInVm | undefined;
  let checkTargetPid: number | undefined;

  beforeAll(async () => {
    vm = await startLabVm("keepalived");
    console.info(`lab VM ready in ${vm.env.bootSeconds ?? "?"} s`);
    executor = await LabSshExecutor.connect(vm.env);
    // The CLI reaches the VM by an ~/.ssh/config alias, as an operator's would.
    home = await mkdtemp(path.join(tmpdir(), "fulcrum-lab-keepalived-home-"));
    await mkdir(path.join(home, ".ssh"), { mode: 0o700 });
    const { host, port, user, keyPath, hostKeyBase64 } = vm.env;
    await writeFile(
      path.join(home, ".ssh", "config"),
      `Host lab\n  HostName ${host}\n  Port ${port}\n  User ${user}\n  IdentityFile ${keyPath}\n  IdentityAgent none\n`,
    );
    await writeFile(
      path.join(home, ".ssh", "known_hosts"),
      `[${host}]:${port} ssh-ed25519 ${hostKeyBase64}\n`,
    );
  });
  afterAll(async () => {
    executor?.close();
    await vm?.stop();
    if (home) await rm(home, { recursive: true, force: true });
  });

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "fulcrum-lab-keepalived-data-"));
    checkTargetPid = await startCheckTarget();
    keepalived = await startKeepalivedInVm(vm, executor, CONFIG);
    // keepalived adds every real server at start (alpha off); the checks then keep them.
    await waitInVm(vm, "keepalived programmed the virtual server", async () => {
      const servers = await realServers("session");
      return servers.length === 3 && servers.every((server) => server.weight > 0);
    });
  });
  afterEach(async () => {
    await keepalived?.stop();
    keepalived = undefined;
    const killTarget = checkTargetPid === undefined ? "" : `kill ${checkTargetPid} 2>/dev/null; `;
    checkTargetPid = undefined;
    await rm(dataDir, { recursive: true, force: true });
    // keepalived took its virtual server with it: the table is the one init saved, rule for rule,
    // and no keepalived process is left.
    const left = await vm.ssh(
      `${killTarget}ipvsadm-save -n | diff /lab/state/ipvs.rules - && ! pidof keepalived`,
    );
    if (left.code !== 0) throw new Error(`keepalived or its table is left behind:\n${left.stdout}`);
  });

  /**
   * busybox httpd on rs3:8080 in the foreground; $! is its PID (ip netns exec execs in place).
   * /usr/bin/ip by its full path: busybox's setsid would run busybox's own `ip` applet (no netns).
   */
  async function startCheckTarget(): Promise<number> {
    // Started and waited for in one SSH round trip: the PID is printed once the port listens.
    const started = await vm.ssh(
      `setsid /usr/bin/ip netns exec rs3 busybox httpd -f -p ${RS3_CHECK_PORT} -h /srv/rs3 </dev/null >/dev/null 2>&1 & pid=$!; ` +
        `for i in $(seq 1 100); do ip netns exec rs3 netstat -ltn | grep -q ':${RS3_CHECK_PORT} ' && echo $pid && exit 0; sleep 0.1; done; exit 1`,
    );
    const pid = Number(started.stdout.trim());
    expect(started.code === 0 && Number.isInteger(pid) && pid > 1, `check target: ${started.stderr}`).toBe(
      true,
    );
    return pid;
  }

  /**
   * The virtual server's real servers as the kernel lists them: over OpenSSH (boot.sh ssh) for the
   * checks, over the test's open session when polling (0.2 s a read instead of 0.3 s).
   */
  async function realServers(via: "openssh" | "session" = "openssh"): Promise<RealServer[]> {
    const listed =
      via === "openssh"
        ? await vm.ssh("ipvsadm -Ln --exact")
        : await executor.run(["ipvsadm", "-Ln", "--exact"]);
    expect(listed.code).toBe(0);
    const service = parseIpvsadmList(listed.stdout).services.find(
      (candidate) => serviceKey(candidate) === VS,
    );
    return service?.realServers ?? [];
  }

  async function weights(via: "openssh" | "session" = "openssh"): Promise<Record<string, number>> {
    return Object.fromEntries((await realServers(via)).map((server) => [backendKey(server), server.weight]));
  }

  const fulcrum = (args: string[]): Promise<CliRun> => runFulcrumCli(args, { home, dataDir });
  const persistWeight = (backend: string, weight: number) =>
    fulcrum(["persist-weight", "lab", "keepalived", KEEPALIVED_CONF, VS, backend, String(weight), "--yes"]);

  /** `fulcrum persist-weight`'s own steps (read, plan, apply) over the test's open session. */
  async function persistWeightInProcess(backend: string, weight: number): Promise<ConfigEditReport> {
    const request = parsePersistWeightArgs([
      "lab",
      "keepalived",
      KEEPALIVED_CONF,
      VS,
      backend,
      String(weight),
    ]);
    const read = await readConfigFile(executor, request.target.configPath);
    if (!read.ok) throw new Error(read.reason);
    const planned = planConfigEdit(read.text, request.target, request.intent, new Date());
    if (!planned.ok) throw new Error(planned.refusal.message);
    return applyConfigEdit(planned.plan, { hostId: "lab", executor, locks: new HostActionLocks() });
  }

  async function auditLines(): Promise<Record<string, unknown>[]> {
    const file = path.join(dataDir, "audit.jsonl");
    if (!existsSync(file)) return [];
    return (await readFile(file, "utf8"))
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  async function countInLog(text: string): Promise<number> {
    return ((await keepalived?.log()) ?? "").split(text).length - 1;
  }

  /** The app's action path for one host, its drift alerts collected. */
  function hostActions(alerts: EventOf<"alertRaised">[]): HostActions {
    return new HostActions({
      hostId: "lab",
      production: false,
      audit: new AuditLog(path.join(dataDir, "actions-audit.jsonl")),
      locks: new HostActionLocks(),
      onAudit: () => {},
      onAlert: (alert) => alerts.push(alert),
      ipvs: { executor, latest: () => null, keepalivedConfig: KEEPALIVED_CONF },
    });
  }

  /** A manual weight through the app's path: plan (warned: keepalived manages it), apply, verified. */
  async function setWeightByHand(actions: HostActions, backend: string, weight: number): Promise<void> {
    const planned = await actions.planIpvs({ kind: "setWeight", service: VS, backend, weight });
    if (!planned.ok) throw new Error(`refused: ${planned.refusal.message}`);
    expect(planned.plan.warnings.map((warning) => warning.code)).toContain("keepalived-managed");
    // Fulcrum repeats the forwarding method: `-e` without -m would turn this NAT backend into DR.
    expect(planned.plan.commands).toEqual([`ipvsadm -e -t ${VS} -r ${backend} -m -w ${weight}`]);
    const applied = await actions.apply(planned.plan.planId);
    expect(applied.outcome, applied.message).toBe("verified");
  }

  async function observe(actions: HostActions): Promise<void> {
    actions.observe(await sampleSnapshot(executor.session, "lab"));
  }

  it("samples a checker-only keepalived without stalling: its pid is seen and no VRRP dump is awaited", async () => {
    // keepalived -C runs no VRRP process, so SIGUSR1 never brings a keepalived.data: the sampler
    // must notice (the parent's dump arrives alone) rather than wait 3 s on every keepalived frame.
    const snapshot = await sampleSnapshot(executor.session, "lab", ["ipvsadm", "keepalived"]);
    // A wait that ran out would be a keepalived-data problem (exit 124, "no DATA dump ... within 3 s").
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.services.some((service) => `${service.address}:${service.port}` === VS)).toBe(true);
    expect(snapshot.vrrp).toMatchObject({ running: true, instances: [] });
  });

  it("fulcrum persist-weight edits keepalived.conf, reloads, and verifies the new weight in the kernel's table", async () => {
    const started = Date.now();
    const run = await persistWeight(RS1, 5);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain("+12:         weight 5");
    expect(run.stdout).toMatch(
      /result: verified: .*keepalived \(pid \d+\) got SIGHUP and is still running; IPVS shows 192\.0\.2\.11:80 in 203\.0\.113\.80:80 at weight 5/,
    );

    // Independently: the kernel, the file, the backup, keepalived's own account.
    const after = await realServers();
    expect(after.map((server) => [backendKey(server), server.forward, server.weight])).toEqual([
      [RS1, "masq", 5],
      [RS2, "masq", 1],
      [RS3, "masq", 2],
    ]);
    const file = await vm.ssh(`grep -n weight ${KEEPALIVED_CONF}; ls ${KEEPALIVED_CONF}.fulcrum-*`);
    expect(file.stdout).toContain("12:        weight 5");
    const backup = /\S+\.fulcrum-\d{8}T\d{6}Z/.exec(file.stdout)?.[0];
    expect(backup, file.stdout).toBeDefined();
    expect((await vm.ssh(`grep -c 'weight 3' ${backup}`)).stdout.trim()).toBe("1");
    expect(await countInLog("Changing weight from 3 to 5 for active service [192.0.2.11]:tcp:80")).toBe(1);
    expect((await vm.ssh(`kill -0 ${keepalived?.pid}`)).code, "the same keepalived still runs").toBe(0);
    expect(await auditLines()).toEqual([
      expect.objectContaining({ type: "config-edit", result: "verified" }),
    ]);
    console.info(
      `persist-weight ${RS1} 3 -> 5 in the lab: exit 0, verified, ${seconds} s for the whole CLI run`,
    );
  });

  it("a manual weight survives a plain reload; a reload that changes its configured weight reverts it, and the drift watch says so", async () => {
    const alerts: EventOf<"alertRaised">[] = [];
    const actions = hostActions(alerts);
    await setWeightByHand(actions, RS2, 7);
    expect(await weights()).toEqual({ [RS1]: 3, [RS2]: 7, [RS3]: 2 });
    await observe(actions);
    expect(alerts).toEqual([]);

    // A reload with the file unchanged: keepalived compares old and new config, not the kernel.
    const reloads = await countInLog("Reload complete");
    await keepalived?.reload();
    await waitInVm(vm, "keepalived reloaded", async () => (await countInLog("Reload complete")) > reloads);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // a check round after it (delay_loop 1)
    expect(await weights()).toEqual({ [RS1]: 3, [RS2]: 7, [RS3]: 2 });
    await observe(actions);
    expect(alerts, "a plain reload leaves the manual weight alone").toEqual([]);

    // A reload that changes rs2's configured weight (1 -> 2): keepalived sets its own value. This
    // time through core's config edit in process (the CLI's path without its start-up).
    const report = await persistWeightInProcess(RS2, 2);
    expect(report.outcome, report.message).toBe("verified");
    expect(report.message).toContain("IPVS shows 192.0.2.12:80 in 203.0.113.80:80 at weight 2");
    expect(await countInLog("Changing weight from 1 to 2 for active service [192.0.2.12]:tcp:80")).toBe(1);
    expect(await weights()).toEqual({ [RS1]: 3, [RS2]: 2, [RS3]: 2 });
    await observe(actions);
    expect(alerts).toEqual([
      expect.objectContaining({
        hostId: "lab",
        kind: "weight-reverted",
        service: VS,
        backend: RS2,
        message: expect.stringMatching(/reverted at .* by keepalived: Fulcrum set 7, the table shows 2/),
      }),
    ]);
  });

  it("a health-check transition reverts a manual weight: 0 while the check fails (inhibit_on_failure), the configured weight once it passes", async () => {
    const alerts: EventOf<"alertRaised">[] = [];
    const actions = hostActions(alerts);
    await setWeightByHand(actions, RS3, 9);

    await vm.ssh(`kill ${checkTargetPid}`);
    checkTargetPid = undefined;
    const downMs = await waitInVm(vm, "rs3 inhibited", async () => (await weights("session"))[RS3] === 0);
    expect(await countInLog("TCP_CHECK on service [192.0.2.13]:tcp:80 failed")).toBe(1);
    await observe(actions);
    expect(alerts).toEqual([
      expect.objectContaining({
        kind: "weight-reverted",
        backend: RS3,
        message: expect.stringContaining("by keepalived: Fulcrum set 9, the table shows 0"),
      }),
    ]);

    checkTargetPid = await startCheckTarget();
    const upMs = await waitInVm(vm, "rs3 back", async () => (await weights("session"))[RS3] === 2);
    expect(await weights(), "back at its configured weight, not the manual 9").toEqual({
      [RS1]: 3,
      [RS2]: 1,
      [RS3]: 2,
    });
    console.info(
      `health check on ${RS3} (delay_loop 1, connect_timeout 1): weight 9 -> 0 ${downMs} ms after its check port closed, -> 2 (configured) ${upMs} ms after it reopened`,
    );
  });
});
