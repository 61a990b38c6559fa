// The apply loop's contract (test/support/apply-contract.ts) for every action family, against
// in-memory hosts that carry the commands out as the real tools do: an ipvsadm table, an HAProxy
// admin socket, an nginx host's files and master process. The same contract runs against the real
// daemons in the integration tier and the real kernel in the lab.
import { describe } from "vitest";
import type { ActionIntent } from "../../../core/actions/action-intent.ts";
import type { ActionPlan } from "../../../core/actions/action-plan.ts";
import { applyPlan } from "../../../core/actions/apply.ts";
import { applyConfigEdit } from "../../../core/actions/config-edit/apply-config-edit.ts";
import type { ConfigEditIntent } from "../../../core/actions/config-edit/config-edit-intent.ts";
import type { ConfigEditTarget } from "../../../core/actions/config-edit/config-edit-target.ts";
import { configPath } from "../../../core/actions/config-edit/config-path.ts";
import {
  nginxServerAddress,
  nginxUpstreamName,
  nginxWeight,
} from "../../../core/actions/config-edit/nginx-values.ts";
import { planConfigEdit, type ConfigEditPlan } from "../../../core/actions/config-edit/plan-config-edit.ts";
import { applyHaproxyPlan } from "../../../core/actions/haproxy/apply-haproxy-plan.ts";
import { readHaproxyServers } from "../../../core/actions/haproxy/haproxy-server-view.ts";
import { planHaproxyAction, type HaproxyPlan } from "../../../core/actions/haproxy/plan-haproxy-action.ts";
import { planAction } from "../../../core/actions/plan-action.ts";
import { readIpvsTable } from "../../../core/actions/read-ipvs-state.ts";
import { haproxyName } from "../../../core/commands/validated.ts";
import { applyContract, type FamilyUnderTest } from "../../support/apply-contract.ts";
import { DroppableExecutor } from "../../support/droppable-executor.ts";
import { fakeConfigHost } from "./config-edit/fake-config-host.ts";
import { FakeIpvsHost } from "./fake-ipvs-host.ts";
import { fakeHaproxyHost } from "./haproxy/fake-haproxy-executor.ts";

/** A clock that only moves when apply sleeps: bounded polling without waiting for real. */
function virtualTime() {
  let time = 1_000_000;
  return {
    now: () => time,
    sleep: async (ms: number) => {
      time += ms;
    },
    verifyTimeoutMs: 2_000,
    pollIntervalMs: 250,
  };
}

describe("apply loop contract: IPVS (in-memory ipvsadm)", () => {
  const NAT = "203.0.113.10:80";
  applyContract(async (): Promise<FamilyUnderTest<ActionPlan>> => {
    const host = new FakeIpvsHost();
    const executor = new DroppableExecutor(host);
    const plan = async (intent: ActionIntent) => {
      const result = planAction(
        { services: await readIpvsTable(host), host: { id: "lab", production: false } },
        intent,
      );
      if (!result.ok) throw new Error(result.refusal.message);
      return result.plan;
    };
    const rs1 = () => host.server("192.0.2.11:80");
    return {
      executor,
      reconnect: async () => executor,
      plan: () => plan({ kind: "drain", service: NAT, backend: "192.0.2.11:80" }),
      otherPlan: () => plan({ kind: "drain", service: NAT, backend: "192.0.2.12:80" }),
      apply: applyPlan,
      changeBehind: async () => void Object.assign(rs1() ?? {}, { weight: 2 }),
      shows: async () => (rs1()?.weight === 0 ? "changed" : rs1()?.weight === 3 ? "before" : "other"),
      firstStep: (argv) => argv[0] === "ipvsadm",
      lastStep: (argv) => argv[0] === "ipvsadm",
      timing: virtualTime(),
    };
  });
});

describe("apply loop contract: HAProxy (in-memory admin socket)", () => {
  const SOCKET = "/run/haproxy/admin.sock";
  applyContract(async (): Promise<FamilyUnderTest<HaproxyPlan>> => {
    const host = fakeHaproxyHost({
      socket: SOCKET,
      configs: {},
      servers: [
        { backend: "be_app", server: "web1", adminState: 0, weight: 10 },
        { backend: "be_app", server: "web2", adminState: 0, weight: 20 },
      ],
    });
    const executor = new DroppableExecutor(host.executor);
    const plan = async (server: string) => {
      const result = planHaproxyAction(
        await readHaproxyServers(host.executor, SOCKET),
        {
          kind: "haproxy-state",
          backend: haproxyName("be_app"),
          server: haproxyName(server),
          state: "drain",
        },
        { hostId: "lb1", socket: SOCKET },
      );
      if (!result.ok) throw new Error(result.refusal.message);
      return result.plan;
    };
    const web1 = () => host.servers[0];
    const isSet = (_argv: readonly string[], stdin?: string) => stdin?.startsWith("set server ") === true;
    return {
      executor,
      reconnect: async () => executor,
      plan: () => plan("web1"),
      otherPlan: () => plan("web2"),
      apply: applyHaproxyPlan,
      changeBehind: async () => void Object.assign(web1() ?? {}, { weight: 5 }),
      shows: async () =>
        web1()?.weight !== 10
          ? "other"
          : web1()?.adminState === 0x08
            ? "changed"
            : web1()?.adminState === 0
              ? "before"
              : "other",
      firstStep: isSet,
      lastStep: isSet,
      timing: virtualTime(),
    };
  });
});

describe("apply loop contract: config edits (in-memory nginx host)", () => {
  const PATH = "/etc/nginx/nginx.conf";
  const NGINX =
    "http {\n    upstream app {\n        server 10.0.0.11:8080;\n        server 10.0.0.12:8080;\n    }\n}\n";
  const target: ConfigEditTarget = {
    daemon: "nginx",
    configPath: configPath(PATH),
    pidFile: configPath("/run/nginx.pid"),
  };
  const weight = (server: string, value: number): ConfigEditIntent => ({
    kind: "nginx-upstream-server",
    upstream: nginxUpstreamName("app"),
    server: nginxServerAddress(server),
    weight: nginxWeight(value),
  });
  applyContract(async (): Promise<FamilyUnderTest<ConfigEditPlan>> => {
    const host = fakeConfigHost({ [PATH]: NGINX, "/run/nginx.pid": "4242\n" });
    const executor = new DroppableExecutor(host);
    let second = 0;
    const plan = (intent: ConfigEditIntent) => {
      // Each plan its own second, so two plans on one file have their own backup names.
      const result = planConfigEdit(
        host.files.get(PATH) ?? "",
        target,
        intent,
        new Date(Date.UTC(2026, 0, 25, 14, 30, second++)),
      );
      if (!result.ok) throw new Error(result.refusal.message);
      return result.plan;
    };
    const workersAtStart = [...host.daemonChildren];
    return {
      executor,
      reconnect: async () => executor,
      plan: async () => plan(weight("10.0.0.11:8080", 5)),
      otherPlan: async () => plan(weight("10.0.0.12:8080", 7)),
      apply: (planned, options) => applyConfigEdit(planned, { ...options, hostId: "lb1" }),
      changeBehind: async () =>
        void host.files.set(PATH, NGINX.replace("10.0.0.12:8080;", "10.0.0.12:8080 down;")),
      shows: async () => {
        const text = host.files.get(PATH);
        const reloaded = host.daemonChildren.some((pid) => !workersAtStart.includes(pid));
        if (text === NGINX && !reloaded) return "before";
        if (text?.includes("10.0.0.11:8080 weight=5;") && reloaded) return "changed";
        return "other";
      },
      // The first write is the backup's existence check; the change is complete once nginx reloaded.
      firstStep: (argv) => argv[0] === "test" && argv[1] === "!",
      lastStep: (argv) => argv[0] === "nginx" && argv.includes("-s"),
      timing: virtualTime(),
    };
  });
});
