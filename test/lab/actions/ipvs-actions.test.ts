/**
 * Actions against the real kernel in the qemu lab (test/lab/README.md): Fulcrum plans, applies
 * and verifies through its own SSH executor; the test checks the result through a separate path
 * (boot.sh ssh, OpenSSH) and with real traffic from the lab's client namespace. The apply loop's
 * contract (test/support/apply-contract.ts), as every family runs it, runs here on the real kernel.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ActionIntent } from "../../../core/actions/action-intent.ts";
import type { ActionPlan, PlanResult } from "../../../core/actions/action-plan.ts";
import { applyPlan } from "../../../core/actions/apply.ts";
import { HostActionLocks } from "../../../core/actions/host-action-lock.ts";
import { planAction, type PlanOptions } from "../../../core/actions/plan-action.ts";
import { readIpvsTable } from "../../../core/actions/read-ipvs-state.ts";
import { runAction, undoAction, type ActionContext } from "../../../core/actions/run-action.ts";
import { AuditLog } from "../../../core/audit/audit-log.ts";
import type { RealServer, VirtualService } from "../../../core/model/ipvs.ts";
import { backendKey, serviceKey } from "../../../core/model/service-key.ts";
import { parseIpvsadmList } from "../../../core/parse/ipvs/ipvsadm-list.ts";
import type { ApplyLoopOptions } from "../../../core/actions/apply-loop.ts";
import { applyContract } from "../../support/apply-contract.ts";
import { executable, missingPrerequisites } from "../../support/prerequisites.ts";
import { startLabVm, type LabVm } from "../lab-vm.ts";
import { LabSshExecutor } from "./lab-ssh-executor.ts";

const NAT = "203.0.113.10:80";
const DR = "203.0.113.20:80";
const TUN = "203.0.113.30:80";
const RS1 = "192.0.2.11:80";
const RS2 = "192.0.2.12:80";
const RS3 = "192.0.2.13:80";
const HOST = { id: "lab", production: false };

const skip = missingPrerequisites(
  executable("/usr/bin/qemu-system-x86_64", "qemu-system-x86"),
  executable("/usr/bin/ssh", "openssh-client"),
);

describe.skipIf(skip)("IPVS actions on the real kernel (qemu lab)", () => {
  let vm: LabVm;
  let executor: LabSshExecutor;
  let auditFolder: string;

  beforeAll(async () => {
    vm = await startLabVm("actions");
    auditFolder = await mkdtemp(join(tmpdir(), "fulcrum-lab-audit-"));
  });
  afterAll(async () => {
    await vm?.stop();
    if (auditFolder) await rm(auditFolder, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await vm.reset();
    executor = await LabSshExecutor.connect(vm.env);
  });
  afterEach(() => executor?.close());

  // The session reconnects by itself after a drop (core/ssh); apply waits for it to be ready.
  async function reconnect(): Promise<LabSshExecutor> {
    return executor.reconnected();
  }

  /** The table as the test sees it: OpenSSH + ipvsadm, not Fulcrum's executor. */
  async function independentTable(): Promise<VirtualService[]> {
    const listed = await vm.ssh("ipvsadm -Ln --exact");
    expect(listed.code).toBe(0);
    return parseIpvsadmList(listed.stdout).services;
  }

  async function backend(service: string, address: string): Promise<RealServer | undefined> {
    const found = (await independentTable()).find((candidate) => serviceKey(candidate) === service);
    return found?.realServers.find((server) => backendKey(server) === address);
  }

  /** Conns per backend from --stats, once two reads 1 s apart agree (counters fold every 2 s). */
  async function settledConns(service: string): Promise<Map<string, number>> {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    let previous = "";
    for (let attempt = 0; attempt < 15; attempt += 1) {
      const stats = await vm.ssh("ipvsadm -Ln --stats --exact");
      const found = parseIpvsadmList(stats.stdout).services.find(
        (candidate) => serviceKey(candidate) === service,
      );
      const conns = new Map(
        (found?.realServers ?? []).map((server) => [backendKey(server), Number(server.stats?.conns ?? -1)]),
      );
      const text = JSON.stringify([...conns]);
      if (text === previous) return conns;
      previous = text;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    throw new Error(`--stats of ${service} did not settle`);
  }

  /** COUNT new HTTP connections from the client; answers per real server ("rs1" -> n). */
  async function traffic(vip: string, count: number): Promise<Map<string, number>> {
    const result = await vm.ssh(`/lab/traffic.sh http ${vip} 80 ${count}`, 120);
    expect(result.stdout).toContain(`ok=${count} failed=0`);
    const answers = new Map<string, number>();
    for (const match of result.stdout.matchAll(/^(rs\d) (\d+)$/gm))
      answers.set(match[1] as string, Number(match[2]));
    return answers;
  }

  async function plan(
    intent: ActionIntent,
    options: PlanOptions = {},
    remembered: ActionPlan["remembered"] = undefined,
  ): Promise<PlanResult> {
    const services = await readIpvsTable(executor);
    const memory = remembered
      ? [{ service: intent.service, backend: intent.backend, settings: remembered }]
      : [];
    return planAction({ services, host: HOST, remembered: memory }, intent, options);
  }

  async function planned(
    intent: ActionIntent,
    options: PlanOptions = {},
    remembered?: ActionPlan["remembered"],
  ): Promise<ActionPlan> {
    const result = await plan(intent, options, remembered);
    if (!result.ok) throw new Error(`refused: ${result.refusal.message}`);
    return result.plan;
  }

  const applyOptions = (locks = new HostActionLocks()) => ({ executor, locks, reconnect });

  it("drains a NAT backend: new connections go elsewhere, a held one stays, undrain restores weight and Masq", async () => {
    // One long-lived connection, then find the backend that holds it.
    const hold = await vm.ssh("/lab/traffic.sh hold 203.0.113.10 80 20");
    expect(hold.code).toBe(0);
    const holder = (await independentTable())
      .find((s) => serviceKey(s) === NAT)
      ?.realServers.find((server) => server.activeConns === 1);
    expect(holder, "the held connection shows as ActiveConn 1 on one backend").toBeDefined();
    const drained = backendKey(holder as RealServer);
    const before = await settledConns(NAT);

    const drain = await planned({ kind: "drain", service: NAT, backend: drained });
    const report = await applyPlan(drain, applyOptions());
    expect(report.outcome, report.message).toBe("verified");
    expect(await backend(NAT, drained)).toMatchObject({ weight: 0, forward: "masq", activeConns: 1 });

    await traffic("203.0.113.10", 20);
    const after = await settledConns(NAT);
    const others = [...after.keys()].filter((key) => key !== drained);
    expect(after.get(drained), "the drained backend got no new connection").toBe(before.get(drained));
    const othersGained = others.reduce((sum, key) => sum + (after.get(key) ?? 0) - (before.get(key) ?? 0), 0);
    expect(othersGained).toBe(20);
    console.info(
      `NAT drain of ${drained} (holding one connection): Conns before ${JSON.stringify([...before])}, after 20 requests ${JSON.stringify([...after])}`,
    );
    // The connection opened before the drain is still there, on the drained backend.
    const conns = await vm.ssh("ipvsadm -Lnc");
    expect(conns.stdout).toMatch(
      new RegExp(
        `ESTABLISHED\\s+198\\.51\\.100\\.2:\\d+\\s+203\\.0\\.113\\.10:80\\s+${drained.replaceAll(".", "\\.")}`,
      ),
    );
    expect(await backend(NAT, drained)).toMatchObject({ activeConns: 1 });

    const undrain = await planned({ kind: "undrain", service: NAT, backend: drained }, {}, drain.remembered);
    expect((await applyPlan(undrain, applyOptions())).outcome).toBe("verified");
    expect(await backend(NAT, drained)).toMatchObject({ weight: drain.remembered?.weight, forward: "masq" });
    const thresholds = await vm.ssh("ipvsadm -Ln --thresholds --exact");
    expect(thresholds.stdout).toMatch(/192\.0\.2\.11:80\s+1000\s+800/);
    expect(thresholds.stdout).toMatch(/192\.0\.2\.12:80\s+500\s+0/);
  });

  it.each([
    ["TUN", TUN, "203.0.113.30", "tunnel"],
    ["DR", DR, "203.0.113.20", "route"],
  ])(
    "drains a %s backend of %s: forwarding kept, rr sends new connections to the other two, undrain restores",
    async (name, service, vip, forward) => {
      const before = await settledConns(service);
      const drain = await planned({ kind: "drain", service, backend: RS1 });
      expect(drain.commands[0]?.argv).toContain(forward === "tunnel" ? "-i" : "-g");
      expect((await applyPlan(drain, applyOptions())).outcome).toBe("verified");
      expect(await backend(service, RS1)).toMatchObject({ weight: 0, forward });

      const answers = await traffic(vip, 12);
      expect(answers.get("rs1")).toBeUndefined();
      expect([answers.get("rs2"), answers.get("rs3")]).toEqual([6, 6]);
      const after = await settledConns(service);
      expect(after.get(RS1)).toBe(before.get(RS1));
      expect((after.get(RS2) ?? 0) - (before.get(RS2) ?? 0)).toBe(6);
      expect((after.get(RS3) ?? 0) - (before.get(RS3) ?? 0)).toBe(6);
      console.info(
        `${name} drain of ${RS1}: Conns before ${JSON.stringify([...before])}, after 12 requests ${JSON.stringify([...after])}`,
      );

      const undrain = await planned({ kind: "undrain", service, backend: RS1 }, {}, drain.remembered);
      expect((await applyPlan(undrain, applyOptions())).outcome).toBe("verified");
      expect(await backend(service, RS1)).toMatchObject({ weight: 1, forward });
    },
  );

  it("sets wrr weights 3:1 and 40 connections split exactly as predicted (30/10)", async () => {
    const locks = new HostActionLocks();
    expect(
      (
        await applyPlan(
          await planned({ kind: "setWeight", service: NAT, backend: RS2, weight: 3 }),
          applyOptions(locks),
        )
      ).outcome,
    ).toBe("verified");
    const last = await planned({ kind: "setWeight", service: NAT, backend: RS1, weight: 1 });
    expect((await applyPlan(last, applyOptions(locks))).outcome).toBe("verified");
    const predicted = new Map(last.predictions.map((prediction) => [prediction.backend, prediction.share]));
    expect([predicted.get(RS1), predicted.get(RS2), predicted.get(RS3)]).toEqual([0.25, 0.75, 0]);

    const before = await settledConns(NAT);
    const answers = await traffic("203.0.113.10", 40);
    const after = await settledConns(NAT);
    for (const [server, name] of [
      [RS1, "rs1"],
      [RS2, "rs2"],
      [RS3, "rs3"],
    ] as const) {
      const expected = (predicted.get(server) as number) * 40;
      expect((after.get(server) ?? 0) - (before.get(server) ?? 0), `${server} Conns`).toBe(expected);
      expect(answers.get(name) ?? 0, `${name} answers`).toBe(expected);
    }
    console.info(
      `wrr 1:3:0 -> Conns before ${JSON.stringify([...before])}, after 40 ${JSON.stringify([...after])}, answers ${JSON.stringify([...answers])}`,
    );
    // -e repeated the thresholds: rs1 and rs2 keep -x 1000 -y 800 / -x 500.
    const thresholds = await vm.ssh("ipvsadm -Ln --thresholds --exact");
    expect(thresholds.stdout).toMatch(/192\.0\.2\.11:80\s+1000\s+800/);
    expect(thresholds.stdout).toMatch(/192\.0\.2\.12:80\s+500\s+0/);
  });

  it("resolves a connection cut while the command was being sent from what the table shows", async () => {
    const drain = await planned({ kind: "drain", service: DR, backend: RS3 });
    executor.drop = { when: (argv) => argv[0] === "ipvsadm", at: "during-send" };
    const report = await applyPlan(drain, applyOptions());
    expect(report.commands[0]?.connectionLost).toBe(true);
    const actual = await backend(DR, RS3);
    console.info(
      `connection cut during send: report ${report.outcome} / ${report.commands[0]?.status}; kernel weight ${actual?.weight}`,
    );
    // Whichever way the race went, the report says what the kernel has.
    if (actual?.weight === 0) {
      expect(report.outcome).toBe("verified");
      expect(report.commands[0]?.status).toBe("applied");
    } else {
      expect(actual?.weight).toBe(1);
      expect(report.outcome).toBe("failed");
      expect(report.commands[0]?.status).toBe("not-applied");
    }
  });

  it("refuses to drain the last weighted backend without the typed service key", async () => {
    expect(
      (await applyPlan(await planned({ kind: "drain", service: NAT, backend: RS2 }), applyOptions())).outcome,
    ).toBe("verified");
    const refused = await plan({ kind: "drain", service: NAT, backend: RS1 });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.refusal).toMatchObject({ code: "confirmation-required", confirmText: NAT });
    expect(refused.refusal.guards?.map((guard) => guard.code)).toEqual(["last-weighted-backend"]);
    expect(await backend(NAT, RS1)).toMatchObject({ weight: 3 });
    const confirmed = await plan({ kind: "drain", service: NAT, backend: RS1 }, { confirmation: NAT });
    expect(confirmed.ok).toBe(true);
  });

  it("undoes a drain and a removal from their audit entries", async () => {
    const context: ActionContext = {
      host: HOST,
      executor,
      locks: new HostActionLocks(),
      reconnect,
      audit: new AuditLog(join(auditFolder, "audit.jsonl")),
      who: { osUser: "lab-test", sshUser: vm.env.user },
    };
    const drain = await runAction(context, { kind: "drain", service: NAT, backend: RS1 });
    expect(drain.entry).toMatchObject({ result: "verified", before: { weight: 3 }, after: { weight: 0 } });
    const undo = await undoAction(context, drain.entry?.id ?? "");
    expect("entry" in undo && undo.entry).toMatchObject({
      undoOf: drain.entry?.id,
      result: "verified",
      intent: { kind: "undrain", weight: 3 },
    });
    expect(await backend(NAT, RS1)).toMatchObject({ weight: 3, forward: "masq" });

    const removal = await runAction(context, { kind: "remove", service: TUN, backend: RS2 });
    expect(await backend(TUN, RS2)).toBeUndefined();
    const restore = await undoAction(context, removal.entry?.id ?? "");
    expect("entry" in restore && restore.entry?.result).toBe("verified");
    expect(await backend(TUN, RS2)).toMatchObject({ weight: 1, forward: "tunnel" });
    expect((await context.audit.query({ hostId: "lab" })).map((entry) => entry.intent.kind)).toEqual([
      "drain",
      "undrain",
      "remove",
      "restore",
    ]);
  });

  describe("the apply loop's contract, on the real kernel", () => {
    applyContract(async () => {
      const droppable = executor.droppable();
      const weightOf = async () => (await backend(NAT, RS1))?.weight;
      return {
        executor: droppable,
        reconnect: async () => {
          await executor.reconnected();
          return droppable;
        },
        plan: () => planned({ kind: "drain", service: NAT, backend: RS1 }),
        otherPlan: () => planned({ kind: "drain", service: NAT, backend: RS2 }),
        apply: (plan: ActionPlan, options: ApplyLoopOptions) => applyPlan(plan, options),
        changeBehind: async () => {
          const behind = await vm.ssh(
            "ipvsadm -e -t 203.0.113.10:80 -r 192.0.2.11:80 -m -w 2 -x 1000 -y 800",
          );
          expect(behind.code).toBe(0);
        },
        shows: async () => {
          const weight = await weightOf();
          return weight === 0 ? "changed" : weight === 3 ? "before" : "other";
        },
        firstStep: (argv: readonly string[]) => argv[0] === "ipvsadm",
        lastStep: (argv: readonly string[]) => argv[0] === "ipvsadm",
        timing: { verifyTimeoutMs: 10_000, pollIntervalMs: 250 },
      };
    });
  });
});
